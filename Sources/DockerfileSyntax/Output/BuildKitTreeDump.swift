/// BuildKit's `Node.Dump()` text (today's BuildKit: lower-case keywords, ENV/LABEL separator
/// nodes), the format of the upstream parser tests' `result` files.
public enum BuildKitTreeDump {
  public static func dump(_ dockerfile: Dockerfile) -> String {
    dockerfile.instructions.map { "(" + node($0) + ")\n" }.joined()
  }

  static func node(_ instruction: Instruction) -> String {
    var text = instruction.keyword.lowercased()
    if !instruction.flags.isEmpty {
      let flags = instruction.flags.map { goQuote(GoText.latin1Mangled($0.text)) }
      text += " [" + flags.joined(separator: " ") + "]"
    }
    if let trigger = instruction.trigger {
      return text + " (" + node(trigger) + ")"
    }
    for value in values(instruction.arguments) {
      text += " " + goQuote(value)
    }
    return text
  }

  static func values(_ arguments: Arguments) -> [String] {
    switch arguments {
    case .keyValues(let pairs, let legacy):
      return pairs.flatMap { [$0.key.text, $0.value.text, legacy ? "" : "="] }
    default:
      return BuildKitDump.values(arguments)
    }
  }

  /// Go's `strconv.Quote`.
  public static func goQuote(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\u{07}": result += "\\a"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{0B}": result += "\\v"
      default:
        if isPrintable(scalar) {
          result.unicodeScalars.append(scalar)
        } else if scalar.value < 0x20 || scalar.value == 0x7F {
          result += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
        } else if scalar.value < 0x10000 {
          result += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
        } else {
          result += "\\U" + String(scalar.value, radix: 16).leftPadded(to: 8)
        }
      }
    }
    return result + "\""
  }

  /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
  static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == " " { return true }
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .spaceSeparator,
      .lineSeparator, .paragraphSeparator:
      return false
    default:
      return true
    }
  }
}
