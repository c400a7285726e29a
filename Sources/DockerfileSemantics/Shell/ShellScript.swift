import DockerfileSyntax

/// A word of a shell command, with quotes removed where that is certain.
public struct ShellWord: Hashable, Sendable {
  /// The value after quote removal; `$x`, `${…}`, `$(…)` and backquotes are kept as written.
  public var value: String
  public var range: SourceRange
  /// False when the word contains an expansion whose value is unknown.
  public var isLiteral: Bool
}

/// One simple command: `NAME=value … program arguments…` with its redirections.
public struct ShellCommand: Hashable, Sendable {
  public var assignments: [ShellWord]
  public var name: ShellWord?
  public var arguments: [ShellWord]
  /// Targets of `>`, `>>`, `<`, `2>` … (heredoc delimiters excluded).
  public var redirections: [ShellWord]
  public var range: SourceRange
  /// The operator before this command (`&&`, `||`, `;`, `|`, `&`, newline); nil for the first.
  public var separator: String?
  /// Depth of `sh -c '…'` unwrapping that produced this command (0 at top level).
  public var nesting: Int

  /// The program's base name (`apt-get` for `/usr/bin/apt-get`), lower-cased.
  public var program: String {
    guard let name else { return "" }
    // Rules ask this of every command, so the common plain lower-case name is returned as is.
    let isPlain = name.value.utf8.allSatisfy {
      $0 != UInt8(ascii: "/") && $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
    }
    if isPlain { return name.value }
    return String(name.value.split(separator: "/").last ?? Substring(name.value)).lowercased()
  }

  public var argumentValues: [String] { arguments.map(\.value) }

  /// The value of an assignment before the command (`CGO_ENABLED=0 go build`).
  public func assignment(_ variable: String) -> String? {
    for word in assignments where word.value.hasPrefix(variable + "=") {
      return String(word.value.dropFirst(variable.count + 1))
    }
    return nil
  }
}

/// The commands of a RUN instruction (its shell form, a heredoc script, or its exec form).
public struct ShellScript: Hashable, Sendable {
  public var commands: [ShellCommand] {
    didSet { positionsByProgram = Self.positionsByProgram(commands) }
  }
  /// Where each program runs, so questions about one program do not scan every command (a RUN
  /// of thousands of commands asked such a question per command). Empty for short scripts,
  /// which are scanned: a dictionary per RUN cost 12% more memory on large files.
  private var positionsByProgram: [String: [Int]]
  /// False when the reader met something it cannot follow (unbalanced quotes, `case`,
  /// function definitions …): rules should stay silent rather than guess.
  public var isFullyParsed: Bool

  public init(commands: [ShellCommand], isFullyParsed: Bool) {
    self.commands = commands
    self.isFullyParsed = isFullyParsed
    positionsByProgram = Self.positionsByProgram(commands)
  }

  static let indexedLength = 16

  private static func positionsByProgram(_ commands: [ShellCommand]) -> [String: [Int]] {
    guard commands.count > indexedLength else { return [:] }
    var positions: [String: [Int]] = [:]
    for (index, command) in commands.enumerated() {
      positions[command.program, default: []].append(index)
    }
    return positions
  }

  /// Positions in `commands` of the commands running `program`, ascending.
  public func positions(of program: String) -> [Int] {
    guard commands.count > Self.indexedLength else {
      return commands.indices.filter { commands[$0].program == program }
    }
    return positionsByProgram[program] ?? []
  }

  /// Reads `text`; `range` maps UTF-8 offsets of `text` to the file.
  public static func parse(
    _ text: String, range: @escaping (Int, Int) -> SourceRange, nesting: Int = 0
  ) -> ShellScript {
    var lexer = ShellLexer(Array(text.utf8))
    let tokens = lexer.tokens()
    var builder = CommandBuilder(range: range, nesting: nesting)
    builder.isFullyParsed = lexer.isBalanced
    for token in tokens { builder.add(token) }
    builder.finish()
    var script = ShellScript(commands: builder.commands, isFullyParsed: builder.isFullyParsed)
    script.unwrapShellCommands()
    return script
  }

  static let shells: Set<String> = ["sh", "bash", "ash", "dash", "zsh", "ksh"]

  /// Replaces `sh -c 'script'` by the commands of `script` (kept after the `sh` command).
  mutating func unwrapShellCommands() {
    var result: [ShellCommand] = []
    for command in commands {
      result.append(command)
      guard command.nesting < 4, Self.shells.contains(command.program) else { continue }
      let arguments = command.arguments
      guard
        let flag = arguments.firstIndex(where: {
          $0.value.hasPrefix("-") && !$0.value.hasPrefix("--") && $0.value.contains("c")
        }), flag + 1 < arguments.count
      else { continue }
      let script = arguments[flag + 1]
      let inner = ShellScript.parse(
        script.value, range: { _, _ in script.range }, nesting: command.nesting + 1)
      result += inner.commands
      if !inner.isFullyParsed || !script.isLiteral { isFullyParsed = false }
    }
    commands = result
  }

  /// Commands running `program` (base name, any case).
  public func commands(_ program: String) -> [ShellCommand] {
    positions(of: program).map { commands[$0] }
  }

  public func invokes(_ program: String) -> Bool { !positions(of: program).isEmpty }
}

/// A token of the shell lexer: a word or an operator.
enum ShellToken {
  case word(value: String, start: Int, end: Int, literal: Bool)
  case separator(String, start: Int)
  case redirection(String, start: Int, end: Int)
}
