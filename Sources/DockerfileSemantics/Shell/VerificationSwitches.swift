import DockerfileSyntax

/// An option, configuration change or variable in a command that switches a verification off
/// (`curl -k`, `apt-get --allow-unauthenticated`, `GIT_SSL_NO_VERIFY=1 git …`).
public struct VerificationSwitch: Sendable {
  public var kind: VerificationKind
  /// The word to point at: the option, the `-c` value, the assignment.
  public var word: ShellWord
  /// How it is written, for messages (`--insecure`, `http.sslVerify=false`).
  public var written: String
  /// The program it affects (`curl`, `git`, `pip`).
  public var program: String
  /// True when it changes a configuration file (`git config --global`, `npm config set`),
  /// so it stays in the image for every later use, not only this command.
  public var persists: Bool
}

extension ShellCommand {
  /// The verification switches of this command, in command-line order.
  public var verificationSwitches: [VerificationSwitch] {
    var found: [VerificationSwitch] = []
    for word in assignments {
      if let found1 = Self.variableSwitch(word, program: program) { found.append(found1) }
    }
    if program == "export" || program == "declare" || program == "typeset" {
      for word in arguments {
        if let variable = Self.variableSwitch(word, program: "the later commands") {
          found.append(variable)
        }
      }
      return found
    }
    let family = self.family
    let table = VerificationSettings.options[family] ?? VerificationSettings.options[program] ?? [:]
    // Most commands (echo, mkdir, make …) have no switch to look for: leave their words unparsed.
    guard
      !table.isEmpty || Self.familiesWithSwitches.contains(family)
        || program.hasSuffix("config-manager")
    else { return found }
    let arguments = parsedArguments
    // `apk index --allow-untrusted` indexes local packages; only installing subcommands
    // install without the check.
    let installs =
      family != "apk"
      || arguments.subcommand.map { ["add", "upgrade", "fix"].contains($0.value) } ?? true
    for option in arguments.options where installs {
      if let kind = table[option.name] {
        found.append(
          VerificationSwitch(
            kind: kind, word: option.word, written: option.name, program: program,
            persists: false))
      }
    }
    switch family {
    case "git": found += gitSwitches(arguments)
    case "npm", "yarn", "pnpm": found += strictSSLSwitches(arguments, family: family)
    case "dnf", "yum": found += repositoryOptionSwitches(arguments.values("--setopt"))
    case "apt-get": found += aptOptionSwitches(arguments.values("-o", "--option"))
    case "pip":
      // `pip config set global.trusted-host HOST`
      let operands = arguments.operands
      if arguments.subcommand?.value == "config", operands.first?.value == "set",
        operands.count >= 2, operands[1].value.lowercased().hasSuffix(".trusted-host")
      {
        found.append(
          VerificationSwitch(
            kind: .tls, word: operands[1], written: "trusted-host", program: "pip",
            persists: true))
      }
    default:
      if program.hasSuffix("config-manager") {
        found += repositoryOptionSwitches(arguments.values("--setopt", "--save"))
      }
    }
    return found
  }

  /// Families read below beyond their option table.
  static let familiesWithSwitches: Set<String> = [
    "git", "npm", "yarn", "pnpm", "dnf", "yum", "apt-get", "pip",
  ]

  /// `NAME=value` (an assignment or an `export` operand) that switches a check off.
  static func variableSwitch(_ word: ShellWord, program: String) -> VerificationSwitch? {
    guard let equals = word.value.utf8.firstIndex(of: UInt8(ascii: "=")) else { return nil }
    let name = String(word.value[..<equals])
    let value = String(word.value[word.value.utf8.index(after: equals)...])
    guard let variable = VerificationSettings.switchedOff(name, value: value) else { return nil }
    return VerificationSwitch(
      kind: variable.kind, word: word, written: word.value, program: variable.reader,
      persists: false)
  }

  /// `git -c http.sslVerify=false …` and `git config [--global] http.sslVerify false`.
  private func gitSwitches(_ arguments: CommandArguments) -> [VerificationSwitch] {
    var found: [VerificationSwitch] = []
    for value in arguments.values("-c", "--config") {
      let parts = value.value.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2, Self.isSSLVerifyKey(parts[0]), VerificationSettings.isFalse(parts[1]) {
        found.append(
          VerificationSwitch(
            kind: .tls, word: value, written: value.value, program: "git", persists: false))
      }
    }
    if arguments.subcommands.first?.value == "config" {
      // `config` takes a further subcommand in the table, so the key may be read as one.
      let operands = Array(arguments.subcommands.dropFirst()) + arguments.operands
      if operands.count >= 2, Self.isSSLVerifyKey(operands[0].value),
        VerificationSettings.isFalse(operands[1].value)
      {
        found.append(
          VerificationSwitch(
            kind: .tls, word: operands[0], written: "\(operands[0].value) \(operands[1].value)",
            program: "git", persists: true))
      }
    }
    return found
  }

  /// `http.sslVerify`, `http.https://host.sslVerify` (any case).
  static func isSSLVerifyKey(_ key: String) -> Bool {
    let lower = key.lowercased()
    return lower.hasPrefix("http.") && lower.hasSuffix(".sslverify")
  }

  /// `npm config set strict-ssl false`, `npm set strict-ssl=false`, `--strict-ssl=false`,
  /// `yarn config set enableStrictSsl false`.
  private func strictSSLSwitches(_ arguments: CommandArguments, family: String)
    -> [VerificationSwitch]
  {
    var found: [VerificationSwitch] = []
    for option in arguments.options where option.name == "--strict-ssl" {
      if let value = option.value, VerificationSettings.isFalse(value.value) {
        found.append(
          VerificationSwitch(
            kind: .tls, word: option.word, written: "--strict-ssl=false", program: family,
            persists: false))
      }
    }
    var operands = arguments.operands[...]
    switch arguments.subcommand?.value {
    case "config", "c":
      guard operands.first?.value == "set" else { return found }
      operands = operands.dropFirst()
    case "set": break
    default: return found
    }
    guard let key = operands.first else { return found }
    var name = key.value
    var value = operands.dropFirst().first?.value
    if let equals = name.utf8.firstIndex(of: UInt8(ascii: "=")) {
      value = String(name[name.utf8.index(after: equals)...])
      name = String(name[..<equals])
    }
    if VerificationSettings.strictSSLKeys.contains(name.lowercased()),
      let value, VerificationSettings.isFalse(value)
    {
      found.append(
        VerificationSwitch(
          kind: .tls, word: key, written: "\(name) \(value)", program: family, persists: true))
    }
    return found
  }

  /// `--setopt=sslverify=0`, `--setopt=myrepo.gpgcheck=false`.
  private func repositoryOptionSwitches(_ values: [ShellWord]) -> [VerificationSwitch] {
    values.compactMap { word in
      let parts = word.value.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { return nil }
      let key = String(parts[0].split(separator: ".").last ?? "").lowercased()
      guard let kind = VerificationSettings.repositoryOptions[key],
        VerificationSettings.isFalse(parts[1])
      else { return nil }
      return VerificationSwitch(
        kind: kind, word: word, written: word.value, program: program,
        persists: program.hasSuffix("config-manager"))
    }
  }

  /// `-o APT::Get::AllowUnauthenticated=true`, `-o Acquire::https::Verify-Peer=false`.
  private func aptOptionSwitches(_ values: [ShellWord]) -> [VerificationSwitch] {
    values.compactMap { word in
      let parts = word.value.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let item = VerificationSettings.aptOptions[parts[0].lowercased()]
      else { return nil }
      let off =
        item.offWhenTrue
        ? VerificationSettings.isTrue(parts[1]) : VerificationSettings.isFalse(parts[1])
      return off
        ? VerificationSwitch(
          kind: item.kind, word: word, written: word.value, program: program, persists: false)
        : nil
    }
  }
}

/// Repository definitions that trust anything: APT's `[trusted=yes]`, yum/dnf's
/// `gpgcheck=0` and `sslverify=0`, in text a RUN writes (echo/printf arguments, heredocs).
public enum RepositoryDefinitions {
  /// True when the APT line whose `[…]` options hold `offset` names a repository on this
  /// machine (`file:`, `copy:`, `cdrom:`): packages the build made or copied in, which no
  /// mirror or proxy can replace.
  static func definesLocalRepository(_ lower: [UInt8], optionsAt offset: Int) -> Bool {
    guard let close = lower[offset...].firstIndex(of: UInt8(ascii: "]")) else { return false }
    var start = close + 1
    while start < lower.count, lower[start] == 0x20 || lower[start] == 0x09 { start += 1 }
    let rest = lower[start...]
    return ["file:", "copy:", "cdrom:"].contains { rest.starts(with: $0.utf8) }
  }

  /// The settings in `text` that switch a check off, as (kind, offset in `text`, written).
  public static func switches(in text: String) -> [(
    kind: VerificationKind, offset: Int, written: String
  )] {
    // Every form is `key=value`: most words have no `=` and cost nothing more.
    guard text.utf8.contains(UInt8(ascii: "=")) else { return [] }
    var found: [(VerificationKind, Int, String)] = []
    // ASCII case folding keeps every offset where it is in `text`.
    let lower = text.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
    // Each form is found from its `=`: the key must end there.
    for equals in lower.indices where lower[equals] == UInt8(ascii: "=") {
      // `deb [trusted=yes] http://…`, `deb [arch=amd64 trusted=yes] …`
      if lower.ends(with: trustedKey, before: equals), lower[(equals + 1)...].starts(with: yes) {
        let offset = equals - trustedKey.count
        var start = offset
        while start > 0, lower[start - 1] != UInt8(ascii: "[") && lower[start - 1] != 0x0A {
          start -= 1
        }
        if start > 0, lower[start - 1] == UInt8(ascii: "["),
          !definesLocalRepository(lower, optionsAt: offset)
        {
          found.append((.signature, offset, "[trusted=yes]"))
        }
        continue
      }
      for (key, kind) in repositoryKeys where lower.ends(with: key.bytes, before: equals) {
        let offset = equals - key.bytes.count
        // At a line start (repository files), after blanks.
        var start = offset
        while start > 0, lower[start - 1] == 0x20 || lower[start - 1] == 0x09 { start -= 1 }
        // At a line start of a repository file: a real line break, a `\n` escape, or the
        // `/` of a sed replacement (`s/gpgcheck=1/gpgcheck=0/`).
        let before: UInt8? = start > 0 ? lower[start - 1] : nil
        let atLineStart =
          before == nil || before == 0x0A || before == UInt8(ascii: "/")
          || (before == UInt8(ascii: "n") && start >= 2 && lower[start - 2] == UInt8(ascii: "\\"))
        guard atLineStart else { continue }
        var end = equals + 1
        while end < lower.count, TokenAlphabet.alphanumeric.contains(lower[end]) { end += 1 }
        let value = String(decoding: lower[(equals + 1)..<end], as: UTF8.self)
        if VerificationSettings.isFalse(value) {
          found.append((kind, offset, key.name + "=" + value))
        }
      }
    }
    return found.sorted { $0.1 < $1.1 }
  }

  private static let trustedKey = Array("trusted".utf8)
  private static let yes = Array("yes".utf8)
  /// `VerificationSettings.repositoryOptions` as bytes (`gpgcheck` also ends `repo_gpgcheck`,
  /// and fails its line-start test there).
  private static let repositoryKeys:
    [(key: (name: String, bytes: [UInt8]), kind: VerificationKind)] =
      VerificationSettings.repositoryOptions.map {
        (key: (name: $0.key, bytes: Array($0.key.utf8)), kind: $0.value)
      }
}

extension [UInt8] {
  /// True when the bytes just before `end` are `suffix`.
  fileprivate func ends(with suffix: [UInt8], before end: Int) -> Bool {
    end >= suffix.count && self[(end - suffix.count)..<end].elementsEqual(suffix)
  }
}

/// A setting of the Dockerfile that switches a verification off, wherever it is written.
public struct VerificationSetting: Sendable {
  public enum Place: Sendable, Equatable {
    /// An option or configuration command in a RUN.
    case command
    /// A variable set for one command or `export`ed in a RUN.
    case commandVariable
    /// A repository definition a RUN writes (`[trusted=yes]`, `gpgcheck=0`).
    case repositoryFile
    /// An ARG default (build time only).
    case argument
    /// An ENV value; `ships` says whether it is in the final image's configuration.
    case environment(ships: Bool)
  }

  public var kind: VerificationKind
  public var place: Place
  public var range: SourceRange
  public var written: String
  public var program: String
  public var persists: Bool
  /// The RUN command it belongs to, for `.command` and `.commandVariable`.
  public var command: ShellCommand?
}

extension AnalyzedDockerfile {
  /// The verification switches of the instruction at `position`: its RUN commands (options,
  /// variables, configuration changes), the repository definitions it writes, or its ARG
  /// and ENV values. `ships` tells whether the instruction is part of the final image.
  public func verificationSettings(at position: Int, ships: Bool) -> [VerificationSetting] {
    guard position < verificationTable.count else { return [] }
    let settings = verificationTable[position]
    guard ships else { return settings }
    return settings.map { setting in
      guard case .environment = setting.place else { return setting }
      var shipped = setting
      shipped.place = .environment(ships: true)
      shipped.persists = true
      return shipped
    }
  }

  /// Every instruction's settings as if it did not ship, read once per file: several security
  /// rules ask for them.
  static func verificationTable(of file: AnalyzedDockerfile) -> [[VerificationSetting]] {
    file.instructions.indices.map { file.readVerificationSettings(at: $0) }
  }

  private func readVerificationSettings(at position: Int) -> [VerificationSetting] {
    let ships = false
    let instruction = instructions[position]
    switch instruction.kind {
    case .run:
      guard let script = scripts[position] else { return [] }
      var found: [VerificationSetting] = []
      for command in script.commands {
        for item in command.verificationSwitches {
          let isVariable =
            item.word.value.contains("=") && !item.word.value.hasPrefix("-")
            && (command.assignments.contains(item.word) || command.program == "export"
              || command.program == "declare" || command.program == "typeset")
          found.append(
            VerificationSetting(
              kind: item.kind, place: isVariable ? .commandVariable : .command,
              range: item.word.range, written: item.written, program: item.program,
              persists: item.persists, command: command))
        }
        for word in command.arguments {
          for item in RepositoryDefinitions.switches(in: word.value) {
            let exact = word.range.length == word.value.utf8.count
            let start = exact ? word.range.start + item.offset : word.range.start
            let end = exact ? start + item.written.utf8.count : word.range.end
            found.append(
              VerificationSetting(
                kind: item.kind, place: .repositoryFile, range: SourceRange(start: start, end: end),
                written: item.written, program: "", persists: true))
          }
        }
      }
      for heredoc in instruction.heredocs {
        for item in RepositoryDefinitions.switches(in: heredoc.content) {
          let start = min(heredoc.bodyRange.start + item.offset, heredoc.bodyRange.end)
          found.append(
            VerificationSetting(
              kind: item.kind, place: .repositoryFile,
              range: SourceRange(
                start: start, end: min(start + item.written.utf8.count, heredoc.bodyRange.end)),
              written: item.written, program: "", persists: true))
        }
      }
      return found
    case .arg:
      guard case .declarations(let words) = instruction.arguments else { return [] }
      return words.compactMap { word in
        guard let equals = word.text.utf8.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        let name = String(word.text[..<equals])
        let value = expand(
          String(word.text[word.text.utf8.index(after: equals)...]), before: position)
        guard let value, let variable = VerificationSettings.switchedOff(name, value: value)
        else { return nil }
        return VerificationSetting(
          kind: variable.kind, place: .argument, range: word.range, written: "\(name)=\(value)",
          program: variable.reader, persists: false)
      }
    case .env:
      guard case .keyValues(let pairs, _) = instruction.arguments else { return [] }
      return pairs.compactMap { pair in
        let value = expand(pair.value.text, before: position) ?? pair.value.text
        guard let variable = VerificationSettings.switchedOff(pair.key.text, value: value)
        else { return nil }
        return VerificationSetting(
          kind: variable.kind, place: .environment(ships: ships), range: pair.range,
          written: "\(pair.key.text)=\(value)", program: variable.reader, persists: ships)
      }
    default:
      return []
    }
  }
}
