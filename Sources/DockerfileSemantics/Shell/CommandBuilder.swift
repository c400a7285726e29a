import DockerfileSyntax

/// Groups tokens into simple commands; shell keywords are stepped over so that commands
/// inside `if`/`for`/`while` bodies are still seen (with their depth). Wrappers (`sudo`,
/// `env`, `xargs` …) are looked through, and the scripts of `sh -c '…'` and `su -c '…'` are
/// read in place, their words mapped back to the file.
struct CommandBuilder {
  let bytes: [UInt8]
  let range: (Int, Int) -> SourceRange
  let nesting: Int
  var commands: [ShellCommand] = []
  var isFullyParsed = true
  private var words: [(value: String, start: Int, end: Int, literal: Bool)] = []
  private var redirections: [ShellWord] = []
  private var pendingRedirection: String?
  private var separator: String?
  private var separatorRange: SourceRange?
  private var skippingUntil: Set<String>?
  /// Compound commands open around the next command.
  private var depth = 0
  /// Where each open `case … esac` is, innermost last: its arms' commands are read, its
  /// subject and patterns are not commands.
  private var cases: [CasePart] = []

  enum CasePart {
    /// `case WORD` before `in`.
    case subject
    /// The patterns of an arm, up to its `)`.
    case patterns
    /// The commands of an arm, up to `;;` or `esac`.
    case body
  }

  /// Nested `sh -c` scripts deeper than this are not read.
  static let maximumNesting = 4

  init(bytes: [UInt8], range: @escaping (Int, Int) -> SourceRange, nesting: Int) {
    self.bytes = bytes
    self.range = range
    self.nesting = nesting
  }

  mutating func add(_ token: ShellToken) {
    if let part = cases.last, part != .body {
      stepOverCaseHeader(token, part)
      return
    }
    switch token {
    case .separator(let text, let start) where text == ";;" && !cases.isEmpty:
      // The arm ends; the next arm's patterns follow.
      finish()
      cases[cases.count - 1] = .patterns
      separator = ";"
      separatorRange = range(start, start + 2)
    case .separator(let text, let start):
      if text == "(" && !words.isEmpty { isFullyParsed = false }
      finish()
      if text == "(" { depth += 1 }
      if text == ")" { depth = max(0, depth - 1) }
      if text == "(" || text == ")" {
        separator = separator ?? ";"
      } else {
        separator = text
        separatorRange = text == "\n" ? nil : range(start, start + text.utf8.count)
      }
    case .redirection(let text, _, _):
      pendingRedirection = text
    case .word(let value, let start, let end, let literal):
      if let pending = pendingRedirection {
        pendingRedirection = nil
        if !pending.hasPrefix("<<") || pending.hasPrefix("<<<") {
          redirections.append(ShellWord(value: value, range: range(start, end), isLiteral: literal))
        }
        return
      }
      if let until = skippingUntil {
        if until.contains(value) { skippingUntil = nil }
        return
      }
      if words.isEmpty {
        if value == "esac", cases.last == .body {
          // The last arm needs no `;;`.
          cases.removeLast()
          depth = max(0, depth - 1)
          return
        }
        // A switch, not three set lookups: this runs for the first word of every command,
        // and comparing short strings costs less than hashing one.
        switch value {
        case "if", "while", "until", "{":
          depth += 1
          return
        case "fi", "done", "}", "esac":
          depth = max(0, depth - 1)
          return
        case "then", "else", "elif", "do", "!":
          return
        default:
          break
        }
        if value == "for" || value == "select" {
          depth += 1
          skippingUntil = ["do"]
          return
        }
        if value == "case" {
          // The arms are read like the branches of an `if`: one compound level deeper, so
          // rules that care whether a command always runs can tell.
          depth += 1
          cases.append(.subject)
          return
        }
        if value == "function" {
          isFullyParsed = false
          depth += 1
          skippingUntil = ["{"]
          return
        }
      }
      words.append((value, start, end, literal))
    }
  }

  /// A token of a `case` subject or of an arm's patterns (`amd64 | x86_64)`): none runs.
  private mutating func stepOverCaseHeader(_ token: ShellToken, _ part: CasePart) {
    guard case .word(let value, _, _, _) = token else {
      if part == .patterns, case .separator(")", _) = token { cases[cases.count - 1] = .body }
      return
    }
    if part == .subject && value == "in" {
      cases[cases.count - 1] = .patterns
    } else if part == .patterns && value == "esac" {
      cases.removeLast()
      depth = max(0, depth - 1)
    }
  }

  mutating func finish() {
    defer {
      words.removeAll()
      redirections.removeAll()
    }
    guard !words.isEmpty else { return }
    let all = words.map {
      ShellWord(value: $0.value, range: range($0.start, $0.end), isLiteral: $0.literal)
    }
    var assignments: [ShellWord] = []
    var index = 0
    while index < all.count, Self.isAssignment(all[index].value) {
      assignments.append(all[index])
      index += 1
    }
    var wrappers: [WrapperCall] = []
    index = Self.unwrap(all, from: index, wrappers: &wrappers, assignments: &assignments)
    var command = ShellCommand(
      assignments: assignments, name: index < all.count ? all[index] : nil,
      arguments: index < all.count ? Array(all[(index + 1)...]) : [], wrappers: wrappers,
      redirections: redirections, range: range(words.first!.start, words.last!.end),
      separator: commands.isEmpty ? nil : separator, nesting: nesting, depth: depth)
    command.separatorRange = commands.isEmpty ? nil : separatorRange
    commands.append(command)
    guard nesting < Self.maximumNesting, let script = ShellScript.scriptOperand(of: command)
    else { return }
    // The script word's position among the words, to map its text back to the file.
    let scriptIndex = index + 1 + script.index
    let word = words[scriptIndex]
    let offsets = ShellLexer.valueOffsets(bytes, wordAt: word.start)
    let outer = range
    let inner = ShellScript.parse(script.word.value, nesting: nesting + 1) { start, end in
      guard !offsets.isEmpty else { return outer(word.start, word.end) }
      let first = start < offsets.count ? offsets[start] : offsets[offsets.count - 1] + 1
      let last = end > 0 ? offsets[min(end, offsets.count) - 1] + 1 : first
      return outer(first, max(first, last))
    }
    commands += inner.commands.map { $0.inheriting(from: command) }
    if !inner.isFullyParsed || !script.word.isLiteral { isFullyParsed = false }
  }

  /// Steps over the wrappers at `index` (`sudo -E`, `env X=1`, `xargs -r`, `exec`), noting
  /// each in `wrappers` and the assignments they make; returns the index of the program.
  static func unwrap(
    _ words: [ShellWord], from start: Int, wrappers: inout [WrapperCall],
    assignments: inout [ShellWord]
  ) -> Int {
    var index = start
    while index < words.count, wrappers.count < 8 {
      let program = Paths.baseName(words[index].value).lowercased()
      guard let wrapper = Wrapper.byName[program] else {
        // `python -m pip …` runs pip.
        if ProgramNames.family(of: program) == "python", index + 2 < words.count,
          words[index + 1].value == "-m", words[index + 2].value.hasPrefix("pip")
        {
          wrappers.append(WrapperCall(name: words[index], arguments: [words[index + 1]]))
          return index + 2
        }
        return index
      }
      let rest = words[(index + 1)...]
      let parsed = CommandArguments(rest, syntax: wrapper.syntax)
      if parsed.options.contains(where: { wrapper.lookupOptions.contains($0.name) }) {
        return index
      }
      // The command starts at the first operand after the wrapper's own leading operands.
      var operands = parsed.operands.dropFirst(wrapper.leadingOperands)[...]
      if wrapper.takesAssignments {
        while let first = operands.first, isAssignment(first.value) {
          assignments.append(first)
          operands = operands.dropFirst()
        }
      }
      guard let next = operands.first,
        let position = rest.indices.first(where: { rest[$0] == next })
      else { return index }
      wrappers.append(
        WrapperCall(name: words[index], arguments: Array(words[(index + 1)..<position])))
      index = position
    }
    return index
  }

  static func isAssignment(_ word: String) -> Bool {
    // Byte by byte: asked of every word, and a name is ASCII (`[A-Za-z_][A-Za-z0-9_]*=`).
    var isFirst = true
    for byte in word.utf8 {
      switch byte {
      case UInt8(ascii: "="): return !isFirst
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "_"):
        break
      case UInt8(ascii: "0")...UInt8(ascii: "9") where !isFirst: break
      default: return false
      }
      isFirst = false
    }
    return false
  }
}

extension ShellScript {
  /// The script a shell runs from its arguments: the first operand after `-c` (`bash -ec
  /// 'script'`, `sh -c "…" name args`), or the value of `su`'s and `runuser`'s `-c`; with
  /// its index in `command.arguments`.
  static func scriptOperand(of command: ShellCommand) -> (word: ShellWord, index: Int)? {
    let program = command.program
    let arguments = command.arguments
    if program == "su" || program == "runuser" {
      for (index, word) in arguments.enumerated() where index + 1 < arguments.count {
        if word.value == "-c" || word.value == "--command" {
          return (arguments[index + 1], index + 1)
        }
      }
      return nil
    }
    guard shells.contains(program) else { return nil }
    let parsed = CommandArguments(arguments, syntax: ArgumentSyntax.shell)
    guard parsed.has("-c"), let script = parsed.operands.first,
      let index = arguments.firstIndex(of: script)
    else { return nil }
    return (script, index)
  }

  /// Replaces `sh -c 'script'` in an exec-form command by the commands of `script` (kept
  /// after the `sh` command); the words map into the JSON string when it has no escapes.
  mutating func unwrapShellCommands() {
    var result: [ShellCommand] = []
    for command in commands {
      result.append(command)
      guard command.nesting < CommandBuilder.maximumNesting,
        let script = Self.scriptOperand(of: command)
      else { continue }
      let word = script.word
      // The JSON string's text is its value when the range is the value plus two quotes.
      let exact = word.range.length == word.value.utf8.count + 2
      let inner = ShellScript.parse(word.value, nesting: command.nesting + 1) { start, end in
        exact
          ? SourceRange(start: word.range.start + 1 + start, end: word.range.start + 1 + end)
          : word.range
      }
      result += inner.commands.map { $0.inheriting(from: command) }
      if !inner.isFullyParsed || !word.isLiteral { isFullyParsed = false }
    }
    commands = result
  }
}

extension ShellCommand {
  /// Wrappers that change who runs a command: a script's commands inherit them from the
  /// command that runs the script (`sudo sh -c '…'`, `su app -c '…'`).
  static let identityWrappers: Set<String> = ["sudo", "su", "runuser", "gosu", "su-exec"]

  /// This command of the script `runner` runs, with the identity wrappers it runs under.
  func inheriting(from runner: ShellCommand) -> ShellCommand {
    var inherited = runner.wrappers.filter { Self.identityWrappers.contains($0.program) }
    if let name = runner.name, Self.identityWrappers.contains(runner.program) {
      inherited.append(WrapperCall(name: name, arguments: runner.arguments))
    }
    guard !inherited.isEmpty else { return self }
    var command = self
    command.wrappers = inherited + wrappers
    return command
  }
}

/// Where a script ends early: after `exec PROGRAM` (the program replaces the shell) or `exit`,
/// nothing more of the script runs. Only a command that surely runs when reached ends it:
/// one at the top of its script (not in a pipeline, an `if` or a loop), and it ends the rest
/// of its and-or list too (`exec bash && npm install` never installs).
enum ScriptEnd {
  /// The commands that run, and those that never do.
  static func split(_ commands: [ShellCommand], nesting: Int) -> ([ShellCommand], [ShellCommand]) {
    guard commands.contains(where: { $0.program == "exit" || $0.wrapper("exec") != nil }) else {
      return (commands, [])
    }
    enum Skipping {
      case none
      case all
      /// Commands joined to the ending one by this operator (`&&` after `a && exit`).
      case joined(String)
    }
    var reached: [ShellCommand] = []
    var unreachable: [ShellCommand] = []
    var skipping = Skipping.none
    var dropsInner = false
    let base = commands.indices.filter { commands[$0].nesting == nesting }
    for (order, position) in base.enumerated() {
      let command = commands[position]
      let end = order + 1 < base.count ? base[order + 1] : commands.count
      let group = commands[position..<end]
      switch skipping {
      case .all:
        dropsInner = true
      case .joined(let symbol):
        if command.separator == symbol {
          dropsInner = true
        } else {
          skipping = .none
          dropsInner = false
        }
      case .none:
        dropsInner = false
      }
      if dropsInner {
        unreachable += group
        continue
      }
      reached += group
      let next = order + 1 < base.count ? commands[base[order + 1]].separator : nil
      let ends = command.program == "exit" || command.wrapper("exec") != nil
      guard ends, command.depth == 0, command.separator != "|", next != "|", next != "&"
      else { continue }
      switch command.separator {
      case nil, ";", "\n", "&": skipping = .all
      case let symbol?: skipping = .joined(symbol)
      }
    }
    return (reached, unreachable)
  }
}
