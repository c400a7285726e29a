import DockerfileSyntax

/// What a `curl` or `wget` command fetches, where it writes, and how.
public struct Download: Sendable {
  public enum Tool: String, Sendable {
    case curl, wget
  }

  public var tool: Tool
  public var arguments: CommandArguments
  /// The addresses fetched: the operands, and curl's `--url` values.
  public var urls: [ShellWord]
  /// The file named for the body (`curl -o FILE`, `wget -O FILE`); `-` is standard output.
  public var output: ShellWord?
  /// True when the body goes to standard output (curl without `-o`/`-O`, `wget -O -`,
  /// `wget -qO-`), typically into a pipe.
  public var writesToStandardOutput: Bool
  /// True when the body is saved under the address's last path segment (wget's default,
  /// `curl -O`).
  public var savesUnderRemoteName: Bool
  /// The option that switches off TLS certificate checks (`-k`, `--insecure`,
  /// `--no-check-certificate`), nil when checks stay on.
  public var insecureOption: CommandArguments.Option?
}

extension ShellCommand {
  /// The download this command runs (`curl`, `wget`), or nil.
  public var download: Download? {
    let tool: Download.Tool
    switch program {
    case "curl": tool = .curl
    case "wget": tool = .wget
    default: return nil
    }
    let arguments = parsedArguments
    switch tool {
    case .curl:
      let output = arguments.value("-o", "--output")
      let remoteName = arguments.has("-O", "--remote-name", "--remote-name-all")
      return Download(
        tool: tool, arguments: arguments, urls: arguments.operands + arguments.values("--url"),
        output: output,
        writesToStandardOutput: (output == nil && !remoteName) || output?.value == "-",
        savesUnderRemoteName: output == nil && remoteName,
        insecureOption: arguments.option("-k", "--insecure"))
    case .wget:
      let output = arguments.value("-O", "--output-document")
      return Download(
        tool: tool, arguments: arguments, urls: arguments.operands, output: output,
        writesToStandardOutput: output?.value == "-", savesUnderRemoteName: output == nil,
        insecureOption: arguments.option("--no-check-certificate"))
    }
  }
}

extension ShellScript {
  /// The command that reads the output of the command at `index` through a pipe (`sh` in
  /// `curl -fsSL URL | sh`), nil when its output is not piped.
  public func pipeReader(of index: Int) -> ShellCommand? {
    let nesting = commands[index].nesting
    var next = index + 1
    while next < commands.count, commands[next].nesting > nesting { next += 1 }
    guard next < commands.count, commands[next].nesting == nesting,
      commands[next].separator == "|"
    else { return nil }
    return commands[next]
  }
}

extension Download {
  /// True when this is a wget that writes its progress to the build log: GNU wget prints a
  /// dot per kilobyte when its output is not a terminal, unless told `--progress=…`, `-q`,
  /// `-nv`, or to log elsewhere (`-o FILE`, `-a FILE`, `-b`).
  public var logsProgress: Bool {
    guard tool == .wget else { return false }
    if arguments.has(
      "--progress", "-q", "--quiet", "--no-verbose", "-o", "--output-file", "-a",
      "--append-output", "-b", "--background", "--spider")
    {
      return false
    }
    // `-nv` is read as `-n` with the value `v` (`-nc`, `-nH` are other `-n` options).
    return !arguments.values("-n").contains { $0.value == "v" }
  }
}
