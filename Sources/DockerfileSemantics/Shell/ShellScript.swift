import DockerfileSyntax

/// A word of a shell command, with quotes removed where that is certain.
public struct ShellWord: Hashable, Sendable {
  /// The value after quote removal; `$x`, `${…}`, `$(…)` and backquotes are kept as written.
  public var value: String
  public var range: SourceRange
  /// False when the word contains an expansion whose value is unknown.
  public var isLiteral: Bool
}

/// One simple command: `NAME=value … program arguments…` with its redirections. Wrappers that
/// run another program (`sudo -E apt-get …`, `env X=1 make`, `xargs rm`, `exec app`) are looked
/// through: `name` is the program they run, and they are kept in `wrappers`.
public struct ShellCommand: Hashable, Sendable {
  /// The stored properties, behind one reference: rules copy commands often (every `for` over a
  /// script), and a copy of the unboxed struct cost a dozen reference counts (9% of a corpus run).
  private struct Fields: Hashable {
    var assignments: [ShellWord]
    var name: ShellWord?
    var program = ""
    var family = ""
    var programManager: PackageManager?
    var arguments: [ShellWord]
    var wrappers: [WrapperCall]
    var redirections: [ShellWord]
    var range: SourceRange
    var separator: String?
    var separatorRange: SourceRange?
    var nesting: Int
    var depth: Int
  }

  /// Shared between copies until one of them changes (copy on write). Written out again in
  /// `Instruction`: a generic box shared by both cost 28% more instructions (its
  /// class metadata was looked up on every copy).
  private final class Storage: @unchecked Sendable {
    // Written only through `unique`, when no other value shares it: the run-time exclusivity
    // check of a class property (4% of a corpus run) has nothing to catch.
    @exclusivity(unchecked) var fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private var storage: Storage

  /// The fields, copied first when another command shares them.
  private var unique: Fields {
    get { storage.fields }
    _modify {
      if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
      yield &storage.fields
    }
  }

  /// This command's arguments read with its program's syntax. Not stored: keeping one per
  /// command took the 50 MB hostile input over its memory bound (1,554 MB against 1,500).
  public var parsedArguments: CommandArguments {
    CommandArguments(arguments, syntax: ArgumentSyntax.of(program))
  }

  /// `NAME=value` words before the program, those given to `env` or `sudo` included.
  public var assignments: [ShellWord] {
    get { storage.fields.assignments }
    _modify { yield &unique.assignments }
  }
  public var name: ShellWord? {
    get { storage.fields.name }
    set {
      unique.name = newValue
      setProgram()
    }
  }
  /// The program's base name (`apt-get` for `/usr/bin/apt-get`), lower-cased. Stored: rules
  /// ask it of every command, many times.
  public var program: String { storage.fields.program }
  /// The program's family (`ProgramNames.family(of:)`: `pip` for `pip3`, `sh` for `bash`).
  public var family: String { storage.fields.family }
  /// The package manager the program is, whatever its arguments (`uv pip` is decided by
  /// `PackageManager.of`, which reads them).
  var programManager: PackageManager? { storage.fields.programManager }
  public var arguments: [ShellWord] {
    get { storage.fields.arguments }
    _modify { yield &unique.arguments }
  }
  /// The programs this command runs through, outermost first (`sudo -u app` and `env` in
  /// `sudo -u app env X=1 make`).
  public var wrappers: [WrapperCall] {
    get { storage.fields.wrappers }
    _modify { yield &unique.wrappers }
  }
  /// Targets of `>`, `>>`, `<`, `2>` … (heredoc delimiters excluded).
  public var redirections: [ShellWord] {
    get { storage.fields.redirections }
    _modify { yield &unique.redirections }
  }
  public var range: SourceRange {
    get { storage.fields.range }
    _modify { yield &unique.range }
  }
  /// The operator before this command (`&&`, `||`, `;`, `|`, `&`, newline); nil for the first.
  public var separator: String? {
    get { storage.fields.separator }
    _modify { yield &unique.separator }
  }
  /// Where the operator before this command is written (the `|` of `a | b`); nil for the
  /// first command, a line break, or a command whose operator was not mapped.
  public var separatorRange: SourceRange? {
    get { storage.fields.separatorRange }
    _modify { yield &unique.separatorRange }
  }
  /// Depth of `sh -c '…'` unwrapping that produced this command (0 at top level).
  public var nesting: Int {
    get { storage.fields.nesting }
    _modify { yield &unique.nesting }
  }
  /// How many compound commands (`if`, loops, `{ }`, `( )`) enclose this one in its script.
  public var depth: Int {
    get { storage.fields.depth }
    _modify { yield &unique.depth }
  }

  public init(
    assignments: [ShellWord], name: ShellWord?, arguments: [ShellWord],
    wrappers: [WrapperCall] = [], redirections: [ShellWord], range: SourceRange,
    separator: String?, nesting: Int, depth: Int = 0
  ) {
    var fields = Fields(
      assignments: assignments, name: name, arguments: arguments, wrappers: wrappers,
      redirections: redirections, range: range, separator: separator, nesting: nesting,
      depth: depth)
    Self.setProgram(of: &fields)
    storage = Storage(fields)
  }

  public static func == (lhs: ShellCommand, rhs: ShellCommand) -> Bool {
    lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }

  private mutating func setProgram() { Self.setProgram(of: &unique) }

  private static func setProgram(of fields: inout Fields) {
    fields.program = program(of: fields.name)
    fields.family = ProgramNames.family(of: fields.program)
    fields.programManager = PackageManager.of(program: fields.program, family: fields.family)
  }

  static func program(of name: ShellWord?) -> String {
    guard let name else { return "" }
    // The common plain lower-case name is returned as is.
    let isPlain = name.value.utf8.allSatisfy {
      $0 != UInt8(ascii: "/") && $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
    }
    if isPlain { return name.value }
    let last = name.value.parts(separatedBy: UInt8(ascii: "/")).last ?? Substring(name.value)
    return String(last).lowercased()
  }

  public var argumentValues: [String] { arguments.map(\.value) }

  /// The value of an assignment before the command (`CGO_ENABLED=0 go build`).
  public func assignment(_ variable: String) -> String? {
    for word in assignments where word.value.hasPrefix(variable + "=") {
      return String(word.value.dropFirst(variable.count + 1))
    }
    return nil
  }

  /// The wrapper running this command through `program` (`sudo` in `sudo apt-get …`).
  public func wrapper(_ program: String) -> WrapperCall? {
    wrappers.first { $0.program == program }
  }

  /// True when a wrapper runs the command as a user other than root (`sudo -u app`,
  /// `gosu app`, `su-exec app`), so `~` is that user's home.
  public var runsAsOtherUser: Bool {
    wrappers.contains { call in
      let user: String?
      switch call.program {
      case "sudo":
        user =
          CommandArguments(call.arguments, syntax: Wrapper.sudo.syntax).value("-u", "--user")?
          .value
      case "gosu", "su-exec": user = call.arguments.first { !$0.value.hasPrefix("-") }?.value
      case "su", "runuser":
        // `su app -c …`, `su -c … app`, `su - app`, `runuser -u app -- …`; no user is root.
        let parsed = CommandArguments(call.arguments, syntax: ArgumentSyntax.of("su"))
        user =
          parsed.value("-u", "--user")?.value ?? parsed.operands.first { $0.value != "-" }?.value
          ?? "root"
      default: user = nil
      }
      return user.map { !["root", "0", "#0"].contains($0) } ?? false
    }
  }
}

extension ShellCommand {
  /// The `sudo` calls running this command: its `sudo` wrappers (inherited by the commands of
  /// `sudo sh -c '…'`), or the command itself when it is `sudo` running nothing (`sudo -v`).
  public var sudoCalls: [WrapperCall] {
    var calls = wrappers.filter { $0.program == "sudo" }
    if program == "sudo", let name { calls.append(WrapperCall(name: name, arguments: arguments)) }
    return calls
  }
}

/// A program that runs the command after it (`sudo -E` in `sudo -E apt-get …`).
public struct WrapperCall: Hashable, Sendable {
  /// The wrapper's own word (`sudo`).
  public var name: ShellWord
  /// Its options and operands, up to the command it runs.
  public var arguments: [ShellWord]

  /// The wrapper's base name, lower-cased.
  public var program: String { Paths.baseName(name.value).lowercased() }

  /// The user `sudo -u NAME` (or `--user`) runs the command as; nil without the option.
  public var sudoUser: String? {
    CommandArguments(arguments, syntax: Wrapper.sudo.syntax).value("-u", "--user")?.value
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

  /// Commands that never run: those after an `exec PROGRAM` or `exit` that ends the script
  /// (`npm install` in `exec bash && npm install -g x`). Rules see only `commands`.
  public var unreachableCommands: [ShellCommand] = []

  /// Reads `text`; `range` maps UTF-8 offsets of `text` to the file.
  public static func parse(
    _ text: String, nesting: Int = 0, range: @escaping (Int, Int) -> SourceRange
  ) -> ShellScript {
    let bytes = Array(text.utf8)
    var lexer = ShellLexer(bytes)
    let tokens = lexer.tokens()
    var builder = CommandBuilder(bytes: bytes, range: range, nesting: nesting)
    builder.isFullyParsed = lexer.isBalanced
    for token in tokens { builder.add(token) }
    builder.finish()
    let (reached, unreachable) = ScriptEnd.split(builder.commands, nesting: nesting)
    var script = ShellScript(commands: reached, isFullyParsed: builder.isFullyParsed)
    script.unreachableCommands = unreachable
    return script
  }

  static let shells: Set<String> = ["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"]

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
