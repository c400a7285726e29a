import DockerfileSyntax

/// How one program reads its command line: which options take a value, whether it has
/// subcommands, where its options end. Each program family is described once, as data, in
/// `Knowledge/` (``ArgumentSyntax/of(_:)``); rules read the result, ``CommandArguments``.
public struct ArgumentSyntax: Sendable {
  /// Options that take a value, short (`-t`) or long (`--target-release`), after the
  /// subcommand (or anywhere, for programs without one). `--name=value` is read as a value
  /// whatever the table says.
  public var valueOptions: Set<String>
  /// Options that take a value before the subcommand, when they differ from `valueOptions`
  /// (zypper's global `-D DIR` is `--dry-run` after `install`).
  public var globalValueOptions: Set<String>?
  /// True when the first operand names a subcommand (`install` in `apt-get -y install x`).
  public var hasSubcommand: Bool
  /// Options that take a value after particular subcommands (by ``CommandArguments/verb``),
  /// replacing `valueOptions` there (`conda clean -p` means `--packages`, `conda install -p
  /// DIR` is the prefix).
  public var subcommandValueOptions: [String: Set<String>]
  /// Subcommands that take a further subcommand (`global` in `yarn global add`, `pip` in
  /// `uv pip install`).
  public var subcommandGroups: Set<String>
  /// True when the first operand ends the options (`sudo -u x apt-get -y …`: `-y` is
  /// apt-get's): wrappers and shells.
  public var optionsEndAtOperand: Bool
  /// True when options are words with one dash (`go build -ldflags x`, `find -name x`).
  public var singleDashLongOptions: Bool
  /// True when `+o` and `+x` are options too (shells).
  public var plusOptions: Bool

  public init(
    valueOptions: Set<String> = [], globalValueOptions: Set<String>? = nil,
    hasSubcommand: Bool = false, subcommandValueOptions: [String: Set<String>] = [:],
    subcommandGroups: Set<String> = [],
    optionsEndAtOperand: Bool = false, singleDashLongOptions: Bool = false,
    plusOptions: Bool = false
  ) {
    self.valueOptions = valueOptions
    self.globalValueOptions = globalValueOptions
    self.hasSubcommand = hasSubcommand
    self.subcommandValueOptions = subcommandValueOptions
    self.subcommandGroups = subcommandGroups
    self.optionsEndAtOperand = optionsEndAtOperand
    self.singleDashLongOptions = singleDashLongOptions
    self.plusOptions = plusOptions
  }

  /// The syntax of a program nobody described: every word starting with `-` is an option
  /// without a value.
  public static let plain = ArgumentSyntax()
}

/// A command's arguments read with its program's ``ArgumentSyntax``: options with their
/// values, the subcommand, and the operands, each a word of the script with its range.
public struct CommandArguments: Sendable {
  /// One option as given: `-y` (also one letter of a cluster `-qy`), `--yes`, `-o X`,
  /// `--option=X`.
  public struct Option: Sendable, Hashable {
    /// `-y` for a short option (one letter), `--yes` for a long one, `-ldflags` for a
    /// single-dash long one; without the `=value` part.
    public var name: String
    /// The word that holds the option (the whole cluster for `-qy`).
    public var word: ShellWord
    /// Its value: the next word, or the rest of the word (`-oFILE`, `--output=FILE`).
    public var value: ShellWord?
  }

  public var options: [Option] = []
  /// The subcommand words, outermost first (`global`, `add` in `yarn global add x`).
  public var subcommands: [ShellWord] = []
  /// The arguments that are neither options, their values, nor subcommands.
  public var operands: [ShellWord] = []
  /// True when a word whose value is unknown (`$FLAGS`) could hold options.
  public var hasUnknownWords = false

  /// The innermost subcommand (`add` in `yarn global add`), nil when there is none.
  public var subcommand: ShellWord? { subcommands.last }

  /// From the first subcommand word to the last (`env update` in `conda env update`).
  public var subcommandRange: SourceRange? {
    guard let first = subcommands.first, let last = subcommands.last else { return nil }
    return SourceRange(start: first.range.start, end: max(first.range.end, last.range.end))
  }

  /// The subcommand words joined by spaces (`global add`).
  public var verb: String { subcommands.map(\.value).joined(separator: " ") }

  /// True when any of the options is given (`has("-y", "--yes", "--assume-yes")`).
  public func has(_ names: String...) -> Bool { options.contains { names.contains($0.name) } }

  /// The first of these options given, with its word.
  public func option(_ names: String...) -> Option? { options.first { names.contains($0.name) } }

  /// How often these options are given (`-qq` counts `-q` twice).
  public func count(_ names: String...) -> Int { options.filter { names.contains($0.name) }.count }

  /// The value of the last of these options given (later options override earlier ones).
  public func value(_ names: String...) -> ShellWord? {
    options.last { names.contains($0.name) && $0.value != nil }?.value
  }

  /// Every value given to these options, in order (`-o A -o B`).
  public func values(_ names: String...) -> [ShellWord] {
    options.compactMap { names.contains($0.name) ? $0.value : nil }
  }
}

extension CommandArguments {
  /// Reads `words` with `syntax`.
  public init(_ words: some Collection<ShellWord>, syntax: ArgumentSyntax) {
    var endOfOptions = false
    var index = words.startIndex
    while index != words.endIndex {
      let word = words[index]
      let value = word.value
      index = words.index(after: index)
      let expectsSubcommand =
        syntax.hasSubcommand
        && (subcommands.isEmpty || syntax.subcommandGroups.contains(subcommands.last!.value))
        && operands.isEmpty
      let isOption =
        !endOfOptions && value.utf8.count > 1
        && (value.hasPrefix("-") || (syntax.plusOptions && value.hasPrefix("+")))
      guard isOption else {
        if !word.isLiteral && value.hasPrefix("$") { hasUnknownWords = true }
        if expectsSubcommand && word.isLiteral {
          subcommands.append(word)
        } else {
          operands.append(word)
          if syntax.optionsEndAtOperand { endOfOptions = true }
        }
        continue
      }
      if value == "--" {
        endOfOptions = true
        continue
      }
      let table: Set<String>
      if subcommands.isEmpty && syntax.hasSubcommand {
        table = syntax.globalValueOptions ?? syntax.valueOptions
      } else if !syntax.subcommandValueOptions.isEmpty,
        let specific = syntax.subcommandValueOptions[verb]
      {
        table = specific
      } else {
        table = syntax.valueOptions
      }
      func nextWord() -> ShellWord? {
        guard index != words.endIndex else { return nil }
        defer { index = words.index(after: index) }
        return words[index]
      }
      if value.hasPrefix("--") || syntax.singleDashLongOptions {
        if let equals = value.utf8.firstIndex(of: UInt8(ascii: "=")) {
          let name = String(value[..<equals])
          options.append(
            Option(
              name: name, word: word,
              value: word.part(
                from: value.utf8.distance(from: value.utf8.startIndex, to: equals) + 1)))
        } else {
          options.append(
            Option(name: value, word: word, value: table.contains(value) ? nextWord() : nil))
        }
        continue
      }
      // A cluster of short options: letters until one takes a value, which is the rest of
      // the word (`-oFILE`, `-q=2`) or the next word.
      let bytes = Array(value.utf8)
      var offset = 1
      while offset < bytes.count {
        let name = String(decoding: [bytes[0], bytes[offset]], as: UTF8.self)
        offset += 1
        let restStartsWithEquals = offset < bytes.count && bytes[offset] == UInt8(ascii: "=")
        if table.contains(name) || restStartsWithEquals {
          let rest = restStartsWithEquals ? offset + 1 : offset
          let attached = rest < bytes.count || restStartsWithEquals
          options.append(
            Option(name: name, word: word, value: attached ? word.part(from: rest) : nextWord()))
          break
        }
        options.append(Option(name: name, word: word, value: nil))
      }
    }
  }
}

extension ShellWord {
  /// The part of this word from UTF-8 offset `offset` of its value, with a narrowed range when
  /// the word is written without quotes or escapes (its text is its value).
  func part(from offset: Int) -> ShellWord {
    let utf8 = value.utf8
    let start = utf8.index(utf8.startIndex, offsetBy: min(offset, utf8.count))
    let text = String(value[start...])
    let exact = range.length == utf8.count
    return ShellWord(
      value: text,
      range: exact
        ? SourceRange(start: range.start + min(offset, utf8.count), end: range.end) : range,
      isLiteral: isLiteral)
  }
}
