import DockerfileSemantics
import DockerfileSyntax

/// One shell script of a Dockerfile as ShellCheck is given it: a shebang naming the dialect, a
/// line exporting the variables the build defines, then the script the shell runs, with the
/// place in the Dockerfile of every byte of it.
public struct ShellCheckScript: Sendable, Equatable {
  /// ShellCheck's name for the shell (`sh`, `bash`, `dash`, `ksh`, `ash`).
  public var dialect: String
  /// Names exported before the script, so ShellCheck knows they are set (ARG and ENV in scope,
  /// and the proxy variables BuildKit always passes).
  public var exported: [String]
  /// The script as the shell receives it (continuations joined, heredoc bodies appended).
  public var body: [UInt8]
  /// For each byte of `body`, its offset in the Dockerfile.
  public var offsets: [Int]
  /// The instruction the script belongs to.
  public var instructionRange: SourceRange

  /// Lines before `body` in the text ShellCheck reads.
  public static let headerLines = 2

  /// The file ShellCheck reads.
  public var text: [UInt8] {
    var header = "#!/bin/\(dialect)\n"
    header += "export " + exported.map { "\($0)=1" }.joined(separator: " ") + "\n"
    return Array(header.utf8) + body
  }

  /// The Dockerfile range of ShellCheck's 1-based `line`/`column` to `endLine`/`endColumn`
  /// (columns count characters, tabs as one, as `--format=json1` does); the empty range just
  /// after the script's last byte for its end (where ShellCheck reports an unexpected end of
  /// input); nil when the start lies in the header or on a line past the script.
  public func sourceRange(line: Int, column: Int, endLine: Int, endColumn: Int) -> SourceRange? {
    guard let start = bodyOffset(line: line, column: column) else { return nil }
    guard start < body.count else {
      guard let last = offsets.last else { return nil }
      return SourceRange(start: last + 1, end: last + 1)
    }
    let end = bodyOffset(line: endLine, column: endColumn).map { min($0, body.count) } ?? start
    guard end > start else { return SourceRange(start: offsets[start], end: offsets[start]) }
    return SourceRange(start: offsets[start], end: max(offsets[start], offsets[end - 1] + 1))
  }

  /// The `body` offset of a position ShellCheck names.
  func bodyOffset(line: Int, column: Int) -> Int? {
    let bodyLine = line - Self.headerLines
    guard bodyLine >= 1, column >= 1 else { return nil }
    var index = 0
    var current = 1
    while current < bodyLine {
      guard let newline = body[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
      index = newline + 1
      current += 1
    }
    var remaining = column - 1
    while remaining > 0, index < body.count, body[index] != UInt8(ascii: "\n") {
      index += 1
      // Skip UTF-8 continuation bytes: ShellCheck counts characters.
      while index < body.count, body[index] & 0xC0 == 0x80 { index += 1 }
      remaining -= 1
    }
    return index
  }
}

/// Finds the scripts of a Dockerfile that a POSIX-like shell runs.
public enum ShellCheckScripts {
  /// Variables BuildKit passes to every RUN without an ARG (its predefined proxy ARGs).
  public static let predefined = [
    "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
    "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
  ]

  /// Every RUN script of the file in order: shell-form RUNs (with the heredocs they feed),
  /// `RUN <<EOF` bodies and exec-form `["sh", "-c", "…"]` strings, run by the stage's shell
  /// (`SHELL`, inherited through `FROM <stage>`) or the heredoc's shebang, and `ONBUILD RUN`
  /// triggers. Shells ShellCheck does not read (PowerShell, cmd, zsh, fish …) are skipped, and
  /// so are shell-form RUNs of a Windows image without a `SHELL`: its default shell is cmd.
  public static func scripts(in file: AnalyzedDockerfile) -> [ShellCheckScript] {
    var result: [ShellCheckScript] = []
    // The SHELL each stage ends with; nil for the image's default.
    var stageShells: [[String]?] = []
    for stage in file.stages {
      let inherited = stage.baseStage.flatMap { $0 < stageShells.count ? stageShells[$0] : nil }
      // `/bin/sh -c`, except on Windows images, where it is `cmd /S /C`.
      let windows = stage.rootImage(in: file.stages)?.isWindows == true
      let defaultShell = windows ? ["cmd", "/S", "/C"] : ["/bin/sh", "-c"]
      let inheritedNames = inheritedEnvironment(stage, in: file)
      // An ONBUILD RUN runs in the build FROM this image: with the SHELL the image ends with,
      // the ENV names it keeps (all of them), and none of this build's ARGs.
      var finalShell = inherited
      var imageNames = inheritedNames
      for position in stage.instructionIndices {
        let instruction = file.instructions[position]
        if instruction.kind == .shell, case .exec(let words) = instruction.arguments,
          !words.isEmpty
        {
          finalShell = words.map(\.text)
        } else if instruction.kind == .env {
          imageNames += declaredNames(instruction)
        }
      }
      var shell = inherited
      var names = inheritedNames
      for position in stage.instructionIndices {
        let instruction = file.instructions[position]
        switch instruction.kind {
        case .shell:
          if case .exec(let words) = instruction.arguments, !words.isEmpty {
            shell = words.map(\.text)
          }
        case .env, .arg:
          names += declaredNames(instruction)
        case .run:
          result += scripts(
            of: instruction, shell: shell ?? defaultShell, exported: exportable(predefined + names),
            source: file.source.bytes)
        case .onbuild:
          guard let trigger = instruction.trigger, trigger.kind == .run else { break }
          result += scripts(
            of: trigger, shell: finalShell ?? defaultShell,
            exported: exportable(predefined + imageNames), source: file.source.bytes)
        default:
          break
        }
      }
      stageShells.append(shell)
    }
    return result
  }

  /// ENV names of the stages this one is built on (ARGs end with their stage).
  static func inheritedEnvironment(_ stage: Stage, in file: AnalyzedDockerfile) -> [String] {
    var names: [String] = []
    for base in stage.chain(in: file.stages).dropFirst().reversed() {
      for position in base.instructionIndices where file.instructions[position].kind == .env {
        names += declaredNames(file.instructions[position])
      }
    }
    return names
  }

  static func declaredNames(_ instruction: Instruction) -> [String] {
    switch instruction.arguments {
    case .keyValues(let pairs, _): return pairs.map(\.key.text)
    case .declarations: return AnalyzedDockerfile.declarations(instruction).map(\.name)
    default: return []
    }
  }

  /// Names a shell can export, each once, in first-seen order.
  static func exportable(_ names: [String]) -> [String] {
    var seen: Set<String> = []
    return names.filter { name in
      guard let first = name.utf8.first, first == UInt8(ascii: "_") || isLetter(first),
        name.utf8.allSatisfy({
          $0 == UInt8(ascii: "_") || isLetter($0) || (0x30...0x39).contains($0)
        })
      else { return false }
      return seen.insert(name).inserted
    }
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }

  /// The scripts of one RUN run by `shell` (SHELL's words).
  static func scripts(
    of instruction: Instruction, shell: [String], exported: [String], source: [UInt8]
  ) -> [ShellCheckScript] {
    switch instruction.arguments {
    case .text(let word):
      return shellForm(instruction, word: word, shell: shell, exported: exported)
    case .exec(let words):
      return execForm(instruction, words: words, exported: exported, source: source)
        .map { [$0] } ?? []
    default:
      return []
    }
  }
}
