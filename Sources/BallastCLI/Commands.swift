import DockerfileSyntax

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// What a command printed and how it ended; `main.swift` writes it out, tests read it.
public struct CommandResult: Sendable {
  public var output = ""
  public var errors = ""
  public var status: Int32 = 0

  public init() {}
}

enum ExitStatus {
  static let clean: Int32 = 0
  static let findings: Int32 = 1
  static let failure: Int32 = 2
}

/// The `ballast` command line.
public enum BallastCommand {
  public static let version = "0.1.0"

  /// Runs the command line, reading `-` from the process's standard input.
  public static func run(_ arguments: [String]) -> CommandResult {
    run(arguments, input: FileSystem.readStandardInput)
  }

  /// Runs the command line with `standardInput` supplying the bytes for `-` (nil: unreadable).
  public static func run(_ arguments: [String], standardInput: () -> [UInt8]?) -> CommandResult {
    run(arguments) { standardInput().map { .success($0) } ?? .failure(.other(code: EIO)) }
  }

  static func run(_ arguments: [String], input: () -> Result<[UInt8], ReadError>)
    -> CommandResult
  {
    var result = CommandResult()
    let command = arguments.first ?? "lint"
    switch command {
    case "lint":
      LintCommand.run(Array(arguments.dropFirst()), input: input, into: &result)
    case "rules":
      CatalogCommands.rules(Array(arguments.dropFirst()), into: &result)
    case "explain":
      CatalogCommands.explain(Array(arguments.dropFirst()), into: &result)
    case "config":
      CatalogCommands.config(Array(arguments.dropFirst()), into: &result)
    case "completions":
      ShellIntegration.completions(Array(arguments.dropFirst()), into: &result)
    case "man":
      ShellIntegration.manPage(into: &result)
    case "parse":
      ParseCommand.run(Array(arguments.dropFirst()), input: input, into: &result)
    case "--version", "-V":
      result.output = "ballast \(version)\n"
    case "--help", "-h", "help":
      result.output = usage
    default:
      // `ballast [options] PATH…` is `ballast lint …`.
      LintCommand.run(arguments, input: input, into: &result)
    }
    return result
  }

  static let usage = """
    ballast: find the dead weight (and the bugs) in Dockerfiles

    usage:
      ballast [lint] [options] [PATH...]   lint files and folders (default: .), - for stdin
      ballast rules [--format json]        list every rule
      ballast explain RULE                 what a rule finds, why, and how to fix it
      ballast config --print [PATH]        the effective configuration for PATH
      ballast parse [--format buildkit|json] FILE...
                                           print the syntax tree
      ballast completions bash|zsh|fish    shell completion script
      ballast man                          this help as a man page (roff)

    lint options:
      -f, --format FORMAT         text (default), json, sarif, gnu, checkstyle, github, gitlab
      --color auto|always|never   colour in text output (auto: on a terminal, unless NO_COLOR)
      --failure-threshold LEVEL   exit 1 only for findings at or above error, warning, info,
                                  style (default info), or none
      --ignore RULE               switch a rule off (id or name; repeatable)
      --select RULE, --only RULE  run only these rules (id, id prefix such as BL1, or name)
      --severity-override RULE=LEVEL
      --config FILE               use this configuration instead of the nearest .ballast.json
      --no-config                 ignore .ballast.json files
      --stdin-filename NAME       the name to report for - (and where to look for config)
      -j, --jobs N                worker threads (default: one per core); output is identical
      --                          what follows is paths, even when it starts with -

    exit status: 0 no finding at or above the threshold, 1 findings, 2 usage, configuration
    or input error (the other files are still linted).

    examples:
      ballast Dockerfile
      ballast --format sarif . > ballast.sarif
      cat Dockerfile | ballast --stdin-filename Dockerfile -f gnu -
      ballast --select BL1 --failure-threshold warning services/

    """
}

struct InputError: Error {
  var message: String
}

/// A file the user named, read and checked to be text.
struct InputFile {
  var displayName: String
  var bytes: [UInt8]

  static func load(_ path: String, input: () -> Result<[UInt8], ReadError>)
    -> Result<InputFile, InputError>
  {
    let result = path == "-" ? input() : FileSystem.readFile(path)
    switch result {
    case .failure(let error):
      return .failure(InputError(message: "\(path): \(error.description)"))
    case .success(let bytes):
      if let problem = TextCheck.problem(in: bytes) {
        return .failure(InputError(message: "\(path):\(problem.line): \(problem.message)"))
      }
      return .success(InputFile(displayName: path, bytes: bytes))
    }
  }
}

/// Rejects input that is not a UTF-8 text file, naming the first offending line.
enum TextCheck {
  static func problem(in bytes: [UInt8]) -> (line: Int, message: String)? {
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      return (1, "UTF-16 text is not supported; save the file as UTF-8")
    }
    if let nul = bytes.firstIndex(of: 0) {
      return (lineNumber(bytes, nul), "binary file (NUL byte), not a Dockerfile")
    }
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var offset = 0
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        offset += UTF8.width(scalar)
      case .emptyInput:
        return nil
      case .error:
        return (lineNumber(bytes, offset), "invalid UTF-8, not a text Dockerfile")
      }
    }
  }

  static func lineNumber(_ bytes: [UInt8], _ offset: Int) -> Int {
    var line = 1
    for byte in bytes[0..<min(offset, bytes.count)] where byte == 0x0A { line += 1 }
    return line
  }
}

enum ParseCommand {
  static func run(
    _ arguments: [String], input: () -> Result<[UInt8], ReadError>,
    into result: inout CommandResult
  ) {
    var format = "buildkit"
    var paths: [String] = []
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--format" || argument == "-f" {
        guard index + 1 < arguments.count else {
          result.errors += "ballast: --format needs a value (buildkit or json)\n"
          result.status = ExitStatus.failure
          return
        }
        format = arguments[index + 1]
        index += 2
        continue
      }
      if argument.hasPrefix("--format=") {
        format = String(argument.dropFirst("--format=".count))
      } else if argument.hasPrefix("-") && argument != "-" {
        result.errors += "ballast parse: unknown option '\(argument)'\n"
        result.status = ExitStatus.failure
        return
      } else {
        paths.append(argument)
      }
      index += 1
    }
    guard format == "buildkit" || format == "json" else {
      result.errors += "ballast parse: unknown format '\(format)' (buildkit or json)\n"
      result.status = ExitStatus.failure
      return
    }
    guard !paths.isEmpty else {
      result.errors += "ballast parse: no file given (use - for standard input)\n"
      result.status = ExitStatus.failure
      return
    }
    for path in paths {
      switch InputFile.load(path, input: input) {
      case .failure(let message):
        result.errors += "ballast: \(message.message)\n"
        result.status = ExitStatus.failure
      case .success(let file):
        let dockerfile = DockerfileParser.parse(
          SourceFile(path: file.displayName, bytes: file.bytes))
        if format == "buildkit" {
          result.output +=
            (BuildKitDump.document(for: dockerfile, file: file.displayName).serialized() + "\n")
        } else {
          result.output += (SyntaxTreeDump.document(for: dockerfile).serialized(.pretty) + "\n")
        }
      }
    }
  }
}
