import DockerfileSyntax

/// Code fetched from the network and run or unpacked in the same script, and the checks that
/// verify downloads (`sha256sum -c`, `gpg --verify` …).
extension ShellCommand {
  /// Interpreters that run a program they read from standard input.
  static let interpreters: Set<String> = [
    "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "python", "perl", "ruby", "node", "php",
    "pwsh", "powershell", "lua", "tclsh",
  ]

  /// True when this command is an interpreter running the program on its standard input:
  /// `sh`, `bash -s -- --yes`, `sudo -E bash -`, `python3 -`; not `python3 -c '…'` reading
  /// data, nor `sh ./script.sh`.
  public var runsStandardInput: Bool {
    let family = self.family
    guard Self.interpreters.contains(family) || Self.interpreters.contains(program) else {
      return false
    }
    let arguments = parsedArguments
    let inline = family == "sh" ? ["-c"] : ["-c", "-e", "-r", "--eval", "-Command", "-command"]
    if arguments.options.contains(where: { inline.contains($0.name) }) { return false }
    if family == "sh", arguments.has("-s") { return true }
    guard let first = arguments.operands.first else { return true }
    return first.value == "-"
  }

  /// True when this command runs the program in its argument (`sh -c …`, `eval …`,
  /// `source …`, `. …`): a substitution there is run as code.
  public var runsArgumentAsCode: Bool {
    let family = self.family
    if ["eval", "source", "."].contains(program) { return true }
    if family == "sh" { return parsedArguments.has("-c") || !arguments.isEmpty }
    return Self.interpreters.contains(family) && parsedArguments.has("-c", "-e")
  }
}

/// A download run as code without being kept as a file.
public struct RemoteCodeRun: Sendable {
  public var download: Download
  /// The interpreter that runs it.
  public var runner: ShellCommand
  /// How, as a phrase for messages: `curl … | sh`, `sh -c "$(curl …)"`.
  public var form: String
}

/// A download saved to a file (or piped into an unpacker) and used in the same script.
public struct DownloadUse: Sendable {
  public enum Use: String, Sendable {
    case executed, madeExecutable, unpacked, installed
  }

  public var download: Download
  public var use: Use
  /// The command that uses it.
  public var user: ShellCommand
  /// The file's name (nil when piped).
  public var file: String?
}

extension ShellScript {
  /// Downloads whose content an interpreter runs directly: `curl … | sh`, `wget -O- … | bash`,
  /// `sh -c "$(curl …)"`, `eval "$(curl …)"`, `bash <(curl …)` (once the reader sees `<(`).
  public var remoteCodeRuns: [RemoteCodeRun] {
    var runs: [RemoteCodeRun] = []
    for (index, command) in commands.enumerated() {
      if let download = command.download, download.writesToStandardOutput,
        let reader = pipeReader(of: index), reader.runsStandardInput
      {
        runs.append(
          RemoteCodeRun(
            download: download, runner: reader,
            form: "\(download.tool.rawValue) … | \(reader.program)"))
      }
      guard command.runsArgumentAsCode else { continue }
      for word in command.arguments {
        for inner in word.substitutedCommands {
          guard let download = inner.download, download.writesToStandardOutput else { continue }
          runs.append(
            RemoteCodeRun(
              download: download, runner: command,
              form: "\(command.program) \(command.program == "eval" ? "" : "-c ")"
                + "\"$(\(download.tool.rawValue) …)\""))
        }
      }
    }
    return runs
  }

  /// Downloads used in this script without a check (see ``verifiesDownloads``): unpacked
  /// from a pipe (`curl … | tar xz`), or saved and then run, unpacked or installed.
  public var uncheckedDownloadUses: [DownloadUse] {
    // The cheap test first: most scripts download nothing, and verification reads every word.
    guard commands.contains(where: { $0.program == "curl" || $0.program == "wget" }),
      !verifiesDownloads
    else { return [] }
    var uses: [DownloadUse] = []
    for (index, command) in commands.enumerated() {
      guard let download = command.download else { continue }
      if download.writesToStandardOutput {
        if let reader = pipeReader(of: index), reader.unpacksStandardInput {
          uses.append(DownloadUse(download: download, use: .unpacked, user: reader, file: nil))
        }
        continue
      }
      guard let file = download.savedFileName else { continue }
      for later in commands[(index + 1)...] {
        if later.download != nil, later.download?.savedFileName == file { break }
        if let use = later.use(of: file) {
          uses.append(DownloadUse(download: download, use: use, user: later, file: file))
          break
        }
      }
    }
    return uses
  }

  /// True when the script checks a download: a checksum compared (`sha256sum -c`,
  /// `shasum -a 256 --check`, `md5sum -c`, `b2sum -c`, or a digest of a file in a test or
  /// pipe such as `[ "$(sha256sum f | cut -d' ' -f1)" = "$SUM" ]`), or a signature verified
  /// (`gpg --verify`, `gpgv`, `cosign verify-blob`, `minisign -V`, `signify -V`,
  /// `openssl dgst -verify`, `ssh-keygen -Y verify`, `rpm -K`/`--checksig`).
  public var verifiesDownloads: Bool {
    commands.indices.contains { index in
      let command = commands[index]
      // A digest whose output is compared: piped on (`sha256sum f | grep -q SUM`).
      if command.isDigest, pipeReader(of: index) != nil { return true }
      return command.verifiesDigestOrSignature
        || command.arguments.contains { word in
          word.substitutedCommands.contains { $0.isDigest }
        }
    }
  }
}

extension ShellCommand {
  static let digestPrograms: Set<String> = [
    "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "md5sum", "b2sum", "shasum",
  ]

  /// A digest program run at all (its output compared by the caller).
  var isDigest: Bool {
    Self.digestPrograms.contains(program)
      || (program == "openssl"
        && ["dgst", "sha256", "sha512", "sha1"].contains(arguments.first?.value ?? ""))
  }

  var verifiesDigestOrSignature: Bool {
    let arguments = parsedArguments
    switch program {
    case _ where Self.digestPrograms.contains(program):
      // `sha256sum -c` (the sums often piped in: `echo "$SUM  f" | sha256sum -c -`).
      return arguments.has("-c", "--check")
    case "gpg", "gpg2":
      return arguments.has("--verify") || arguments.has("--verify-files")
    case "gpgv", "gpgv2", "signify", "minisign":
      return program.hasPrefix("gpgv") || arguments.has("-V")
    case "cosign": return arguments.operands.first?.value.hasPrefix("verify") == true
    case "openssl":
      return self.arguments.contains { $0.value == "-verify" || $0.value == "-signature" }
    case "ssh-keygen": return arguments.values("-Y").contains { $0.value == "verify" }
    case "rpm": return arguments.has("-K", "--checksig")
    default: return false
    }
  }

  /// True when this command unpacks an archive it reads on standard input (`tar xz`,
  /// `tar -xJf -`, `gunzip`, `bsdtar -xf -`, `busybox tar`).
  var unpacksStandardInput: Bool {
    switch program {
    case "tar", "bsdtar":
      let parsed = parsedArguments
      let file = parsed.value("-f", "--file")?.value
      return file == nil || file == "-"
    case "gunzip", "zcat", "xz", "unxz", "bunzip2", "zstd", "unzstd", "cpio":
      return parsedArguments.operands.isEmpty
    default:
      return false
    }
  }

  /// How this command uses the file `name` (a base name), if it does.
  func use(of name: String) -> DownloadUse.Use? {
    func names(_ word: ShellWord) -> Bool {
      word.isLiteral && Paths.baseName(word.value) == name
    }
    if let word = self.name, names(word), word.value.contains("/") { return .executed }
    let family = self.family
    let parsed = parsedArguments
    switch family {
    case _ where Self.interpreters.contains(family):
      return parsed.operands.first.map(names) == true ? .executed : nil
    case "java":
      return parsed.operands.first.map(names) == true && arguments.contains { $0.value == "-jar" }
        ? .executed : nil
    case "chmod":
      // Made executable: `chmod +x f`, `chmod 755 f`.
      guard let mode = parsed.operands.first?.value,
        mode.contains("x") || mode.contains(where: { "1357".contains($0) })
      else { return nil }
      return parsed.operands.dropFirst().contains(where: names) ? .madeExecutable : nil
    case "install":
      return parsed.operands.contains(where: names) ? .madeExecutable : nil
    case "tar", "bsdtar", "unzip", "gunzip", "7z", "7za", "unxz", "xz", "bunzip2", "cpio":
      return arguments.contains(where: names) ? .unpacked : nil
    case "dpkg":
      return parsed.has("-i", "--install") && parsed.operands.contains(where: names)
        ? .installed : nil
    case "rpm":
      return parsed.has("-i", "-U", "--install", "--upgrade", "-F", "--freshen")
        && parsed.operands.contains(where: names) ? .installed : nil
    default:
      if let install = packageInstall,
        install.packages.contains(where: { names($0.word) && $0.source == .file })
      {
        return .installed
      }
      return nil
    }
  }
}

extension Download {
  /// The base name of the file the download is saved as: `-o`/`-O` value, or the URL's last
  /// path segment for `curl -O` and wget's default; nil when unknown.
  public var savedFileName: String? {
    if let output, output.value != "-" {
      return output.isLiteral ? Paths.baseName(output.value) : nil
    }
    guard savesUnderRemoteName, let url = urls.first, url.isLiteral else { return nil }
    let path = url.value.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url.value
    let name = Paths.baseName(path)
    return name.isEmpty ? nil : name
  }

  /// ``savedFileName``, with ARG and ENV variables of the name or URL expanded by `expand`
  /// (`wget …/glibc-${GLIBC_VERSION}.apk` saves `glibc-2.27-r0.apk`); nil when a value is
  /// unknown.
  public func savedFileName(expanding expand: (String) -> String?) -> String? {
    if let name = savedFileName { return name }
    if let output, output.value != "-" {
      return expand(output.value).map(Paths.baseName)
    }
    guard savesUnderRemoteName, let url = urls.first, let value = expand(url.value) else {
      return nil
    }
    let path = value.split(separator: "?", maxSplits: 1).first.map(String.init) ?? value
    let name = Paths.baseName(path)
    return name.isEmpty ? nil : name
  }
}
