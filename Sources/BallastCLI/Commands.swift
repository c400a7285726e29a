import BallastLanguageServer
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

  static func run(
    _ arguments: [String], input: () -> Result<[UInt8], ReadError>,
    environment: ProcessEnvironment = .process
  ) -> CommandResult {
    var result = CommandResult()
    // `ballast [options] PATH…` is `ballast lint …`; a first word naming a command runs it.
    let named = arguments.first.flatMap(CommandTable.command(named:))
    let command = named ?? CommandTable.lint
    let parser = ArgumentParser(command: command, catalog: LintCommand.linter.catalog)
    do {
      let parsed = try parser.parse(Array(arguments.dropFirst(named == nil ? 0 : 1)))
      if parsed.wantsHelp {
        result.output = named == nil ? HelpText.general : HelpText.command(command)
        return result
      }
      try run(command, parsed, input: input, environment: environment, into: &result)
    } catch {
      result.output = ""
      result.errors += "ballast: \(error.message)\n"
      result.status = ExitStatus.failure
    }
    return result
  }

  /// Runs a parsed command; usage errors it throws come before any output.
  static func run(
    _ command: CommandSpec, _ parsed: ParsedArguments,
    input: () -> Result<[UInt8], ReadError>, environment: ProcessEnvironment = .process,
    into result: inout CommandResult
  ) throws(UsageError) {
    switch command.name {
    case CommandTable.lint.name:
      if parsed.has("version") {
        result.output = "ballast \(version)\n"
      } else {
        try LintCommand.run(parsed, input: input, environment: environment, into: &result)
      }
    case CommandTable.rules.name:
      CatalogCommands.rules(json: parsed.last("format") == "json", into: &result)
    case CommandTable.explain.name:
      try CatalogCommands.explain(parsed.operands[0], into: &result)
    case CommandTable.config.name:
      try CatalogCommands.config(parsed, environment: environment, into: &result)
    case CommandTable.migrate.name:
      try CatalogCommands.migrate(parsed, environment: environment, into: &result)
    case CommandTable.parse.name:
      ParseCommand.run(parsed, input: input, into: &result)
    case CommandTable.completions.name:
      result.output = ShellIntegration.completions(parsed.operands[0])
    case CommandTable.man.name:
      result.output = HelpText.manPage(version: version, catalog: LintCommand.linter.catalog)
    case CommandTable.versionCommand.name:
      result.output = "ballast \(version)\n"
    case CommandTable.lsp.name:
      // Serves on the process's standard input and output until the editor says exit.
      result.status = LanguageServerCommand.run(version: version)
    default:
      result.output =
        parsed.operands.first.flatMap(CommandTable.command(named:)).map(HelpText.command)
        ?? HelpText.general
    }
  }
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
    // ASCII, as most Dockerfiles are, is valid UTF-8: decode only when a byte is not.
    guard bytes.contains(where: { $0 >= 0x80 }) else { return nil }
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
    _ parsed: ParsedArguments, input: () -> Result<[UInt8], ReadError>,
    into result: inout CommandResult
  ) {
    let format = parsed.last("format") ?? "buildkit"
    for path in parsed.operands {
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
