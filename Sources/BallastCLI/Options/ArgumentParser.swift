import LintEngine

/// A usage error: one line saying what was wrong and what was expected, found before any work.
struct UsageError: Error, Equatable {
  var message: String
}

/// One command line checked against its `CommandSpec`: options by their long name, in order.
struct ParsedArguments {
  var command: CommandSpec
  var given: [(name: String, value: String?)] = []
  var operands: [String] = []
  /// How many operands came before `--` (the rest are paths whatever they look like).
  var operandsBeforeDoubleDash: Int?

  func has(_ name: String) -> Bool { given.contains { $0.name == name } }

  /// The last value given (later options override earlier ones).
  func last(_ name: String) -> String? { given.last { $0.name == name }?.value }

  func values(_ name: String) -> [String] {
    given.compactMap { $0.name == name ? $0.value : nil }
  }

  var wantsHelp: Bool { has("help") }
}

/// Reads `--name=value`, `--name value`, `-x value`, `-xvalue` and `-x=value` for the options a
/// command's table declares, checks every value against its kind, and rejects options that
/// contradict each other. A value never starts with `-` unless attached (`--name=-x`), so a
/// forgotten value is reported instead of swallowing the next option.
struct ArgumentParser {
  var command: CommandSpec
  var catalog: RuleCatalog

  /// How messages name an option: `--ignore` for the default command, `rules --format` else.
  func display(_ option: OptionSpec) -> String {
    (command.name == CommandTable.lint.name ? "" : command.name + " ") + "--" + option.long
  }

  func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
    var parsed = ParsedArguments(command: command)
    let beforeDoubleDash = arguments.prefix { $0 != "--" }
    if beforeDoubleDash.contains(where: { $0 == "--help" || $0 == "-h" }) {
      parsed.given = [("help", nil)]
      return parsed
    }
    var index = 0
    var onlyOperands = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if onlyOperands || argument == "-" || !argument.hasPrefix("-") {
        parsed.operands.append(argument)
        continue
      }
      if argument == "--" {
        parsed.operandsBeforeDoubleDash = parsed.operands.count
        onlyOperands = true
        continue
      }
      let (option, attached) = try find(argument)
      guard let value = option.value else {
        if attached != nil { throw UsageError(message: "\(display(option)) takes no value") }
        parsed.given.append((option.long, nil))
        continue
      }
      var text = attached
      if text == nil, index < arguments.count, !arguments[index].hasPrefix("-") {
        text = arguments[index]
        index += 1
      }
      if text == "", value.allowsEmpty {
        parsed.given.append((option.long, ""))
        continue
      }
      guard let text, !text.isEmpty else {
        throw UsageError(message: "\(display(option)) needs \(value.kind.expectation)")
      }
      parsed.given.append((option.long, try check(text, value.kind, for: option)))
    }
    for (name, _) in parsed.given {
      for other in command.option(named: name)?.conflicts ?? [] where parsed.has(other) {
        throw UsageError(message: "--\(name) and --\(other) contradict each other; give one")
      }
    }
    try checkOperands(parsed.operands)
    return parsed
  }

  /// The option an argument names, and the value attached to it.
  private func find(_ argument: String) throws(UsageError) -> (OptionSpec, String?) {
    if argument.hasPrefix("--") {
      let body = argument.dropFirst(2)
      let name = String(body.prefix { $0 != "=" })
      let attached = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
      if let option = command.option(named: name) { return (option, attached) }
    } else if let letter = argument.dropFirst().first, let option = command.option(short: letter) {
      let rest = argument.dropFirst(2)
      return (option, rest.isEmpty ? nil : String(rest.hasPrefix("=") ? rest.dropFirst() : rest))
    }
    let written = String(argument.prefix { $0 != "=" })
    let names =
      command.options.flatMap { option in option.names.map { "--" + $0 } }
      + command.options.compactMap { $0.short.map { "-\($0)" } }
    let forCommand = command.name == CommandTable.lint.name ? "" : " for \(command.name)"
    let near = Suggestion.closest(to: written, in: names)
    throw UsageError(
      message: "unknown option '\(written)'\(forCommand)"
        + (near.map { "; did you mean '\($0)'?" }
          ?? " (see `ballast \(forCommand.isEmpty ? "" : command.name + " ")--help`)"))
  }

  /// The value as the command reads it (a choice in its listed spelling), or why it is wrong.
  func check(_ text: String, _ kind: ValueKind, for option: OptionSpec) throws(UsageError)
    -> String
  {
    let name = display(option)
    if let (noun, words) = kind.words {
      if let word = words.first(where: { $0.lowercased() == text.lowercased() }) { return word }
      throw UsageError(message: "\(name): " + Self.notOne(text, noun: noun, words))
    }
    switch kind {
    case .rule, .ruleSelector:
      // A peer's check without a ballast rule is accepted: the command warns about it.
      if catalog.reference(text, selecting: kind == .ruleSelector) != .unknown { return text }
      if FileDiscovery.exists(text) {
        throw UsageError(message: "\(name) needs \(kind.expectation), not the path '\(text)'")
      }
      let what =
        kind == .rule
        ? "a rule id or name, or a peer's id" : "a rule id, id prefix (BL1), group or name"
      throw UsageError(
        message:
          "\(name): '\(text)' is not \(what)"
          + catalog.unknownRuleHint(text, selecting: kind == .ruleSelector))
    case .ruleSeverity:
      guard let equals = text.firstIndex(of: "=") else {
        throw UsageError(message: "\(name) needs \(kind.expectation) (got '\(text)')")
      }
      let rule = String(text[..<equals])
      _ = try check(rule, .rule, for: option)
      let level = try check(String(text[text.index(after: equals)...]), .severity, for: option)
      return rule + "=" + level
    case .positiveNumber:
      guard let number = Int(text), number > 0 else {
        throw UsageError(message: "\(name): '\(text)' is not a positive number")
      }
      return String(number)
    case .labelFormat:
      guard let colon = text.lastIndex(of: ":"), colon != text.startIndex else {
        throw UsageError(message: "\(name) needs \(kind.expectation) (got '\(text)')")
      }
      let format = String(text[text.index(after: colon)...])
      guard LabelFormat(rawValue: format) != nil else {
        throw UsageError(
          message: "\(name): "
            + Self.notOne(format, noun: "label format", LabelFormat.allCases.map(\.rawValue)))
      }
      return text
    case .choice, .command, .ruleOrPeerID, .file, .path, .folder, .text:
      return text
    }
  }

  /// "'jsno' is not a format; did you mean 'json'?" or "…: expected text or json".
  static func notOne(_ text: String, noun: String, _ words: [String]) -> String {
    let near = Suggestion.closest(to: text, in: words)
    return "'\(text)' is not a \(noun)"
      + (near.map { "; did you mean '\($0)'?" } ?? ": expected \(Wording.list(words))")
  }

  private func checkOperands(_ operands: [String]) throws(UsageError) {
    let spec = command.operands
    let what = spec.placeholder.filter { !"[].".contains($0) }
    if operands.count < spec.minimum {
      throw UsageError(message: "\(command.name) needs \(spec.kind.expectation)")
    }
    if let maximum = spec.maximum, operands.count > maximum {
      let got = operands.map { "'\($0)'" }.joined(separator: ", ")
      throw UsageError(
        message: maximum == 0
          ? "\(command.name) takes no operand (got \(got))"
          : "\(command.name) takes \(maximum == 1 ? "one" : "at most \(maximum)") \(what) (got \(got))"
      )
    }
    guard let (noun, words) = spec.kind.words else { return }
    for operand in operands where !words.contains(operand) {
      throw UsageError(message: "\(command.name): " + Self.notOne(operand, noun: noun, words))
    }
  }
}
