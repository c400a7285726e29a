import LintEngine

/// What an option's value (or a command's operand) must be. The parser checks it, `--help` and
/// the man page name it, the completions offer it: one description, so they cannot disagree.
enum ValueKind: Sendable, Equatable {
  /// One of these words; `noun` names them in messages ("'jsno' is not a format").
  case choice(noun: String, [String])
  /// One rule, by id or name.
  case rule
  /// A rule id or name, or a peer's id (`DL3020`); the command resolves it.
  case ruleOrPeerID
  /// Rules by id, id prefix (`BL1`) or name.
  case ruleSelector
  /// `RULE=LEVEL`.
  case ruleSeverity
  case positiveNumber
  /// An existing file.
  case file
  /// A path that need not exist (`--stdin-filename`).
  case path
  /// A folder (`--context`); completions offer folders only.
  case folder
  /// A command's name (`ballast help lint`).
  case command
  /// Any word (a registry, a stage name).
  case text
  /// `LABEL:FORMAT`, a label schema entry (`org.opencontainers.image.source:url`).
  case labelFormat

  static let severities = Severity.allCases.reversed().map(\.rawValue)
  /// A failure threshold; `ignore` is hadolint's word for its lowest level, style.
  static let level = ValueKind.choice(noun: "level", severities + ["none", "ignore"])
  static let severity = ValueKind.choice(noun: "severity", severities)

  /// The words a choice allows, with the noun that names them.
  var words: (noun: String, words: [String])? {
    switch self {
    case .choice(let noun, let words): return (noun, words)
    case .command: return ("command", CommandTable.commands.map(\.name))
    default: return nil
    }
  }

  /// How a message names what is expected: "--jobs needs a positive number".
  var expectation: String {
    switch self {
    case .choice(let noun, let words): return "a \(noun): \(Wording.list(words))"
    case .rule: return "a rule id or name, or a peer's id such as DL3020"
    case .ruleOrPeerID: return "a rule id or name, or a peer's id such as DL3020"
    case .ruleSelector:
      return
        "a rule id, id prefix (BL1), group (\(Wording.list(RuleGroup.allCases.map(\.rawValue)))) or name"
    case .ruleSeverity: return "RULE=LEVEL, such as BL5001=error"
    case .positiveNumber: return "a positive number"
    case .file: return "a file"
    case .path: return "a file name"
    case .folder: return "a folder"
    case .command: return "a command: \(Wording.list(CommandTable.commands.map(\.name)))"
    case .text: return "a value"
    case .labelFormat:
      return "LABEL:FORMAT, FORMAT one of \(Wording.list(LabelFormat.allCases.map(\.rawValue)))"
    }
  }

  /// The words a completion offers; nil means file names.
  func completions(catalog: RuleCatalog) -> [String]? {
    switch self {
    case .choice(_, let words): return words
    case .rule, .ruleOrPeerID: return catalog.descriptors.flatMap { [$0.id, $0.name] }
    case .ruleSelector:
      return RuleGroup.allCases.map(\.rawValue) + RuleCategory.allCases.map { "BL\($0.rawValue)" }
        + catalog.descriptors.flatMap { [$0.id, $0.name] }
    case .ruleSeverity: return catalog.descriptors.map { "\($0.id)=" }
    case .positiveNumber, .text: return []
    case .labelFormat: return []
    case .file, .path, .folder: return nil
    case .command: return CommandTable.commands.map(\.name)
    }
  }
}

/// The value an option takes.
struct ValueSpec: Sendable {
  /// How `--help` shows it: `FORMAT`, `RULE`, `N`.
  var placeholder: String
  var kind: ValueKind
  /// Shown in help as "(default …)".
  var defaultValue: String? = nil
  /// Whether an empty value (`--sarif-file=`) is taken, meaning none: a CI input left empty
  /// is passed that way.
  var allowsEmpty = false
}

/// One command-line option. Adding an option is one of these in `CommandTable` plus its
/// handling where the command reads `ParsedArguments`.
struct OptionSpec: Sendable {
  /// The name after `--`.
  var long: String
  var short: Character? = nil
  /// Other long names with the same meaning (`--only` for `--select`).
  var aliases: [String] = []
  /// nil: a flag, which takes no value.
  var value: ValueSpec? = nil
  /// One line for `--help`; a choice's words are appended.
  var help: String
  /// Said after a choice's words (what `auto` means).
  var detail: String? = nil
  /// Repeating the option adds values; otherwise the last one counts.
  var repeatable = false
  /// Options that make no sense together with this one.
  var conflicts: [String] = []

  var names: [String] { [long] + aliases }

  /// `-f, --format FORMAT` as help shows it.
  var synopsis: String {
    var text = short.map { "-\($0), " } ?? ""
    text += names.map { "--\($0)" }.joined(separator: ", ")
    if let value { text += " " + value.placeholder }
    return text
  }

  /// The help line with the allowed words and the default.
  var fullHelp: String {
    guard let value, case .choice(_, let words) = value.kind else { return help }
    let listed = words.map { $0 == value.defaultValue ? "\($0) (default)" : $0 }
    return help + ": " + listed.joined(separator: ", ") + (detail.map { "; " + $0 } ?? "")
  }
}

/// What a command takes after its options.
struct OperandSpec: Sendable {
  /// How the synopsis shows them: `[PATH...]`, `RULE`.
  var placeholder: String
  var kind: ValueKind
  var minimum = 0
  /// nil: any number.
  var maximum: Int? = nil

  static let none = OperandSpec(placeholder: "", kind: .path, minimum: 0, maximum: 0)
}

/// A subcommand: its name, its options and its operands.
struct CommandSpec: Sendable {
  var name: String
  var summary: String
  var options: [OptionSpec]
  var operands: OperandSpec
  /// Extra lines for this command's `--help` (after the options).
  var notes: String = ""

  /// `ballast rules [--format FORMAT]`.
  var synopsis: String {
    var parts = ["ballast", name]
    let flags = options.filter { $0.long != "help" }
    if flags.count <= 2 {
      for option in flags {
        parts.append(
          "[\(option.names.map { "--\($0)" }[0])\(option.value.map { " " + $0.placeholder } ?? "")]"
        )
      }
    } else {
      parts.append("[options]")
    }
    if !operands.placeholder.isEmpty { parts.append(operands.placeholder) }
    return parts.joined(separator: " ")
  }

  func option(named name: String) -> OptionSpec? {
    options.first { $0.names.contains(name) }
  }

  func option(short: Character) -> OptionSpec? {
    options.first { $0.short == short }
  }
}
