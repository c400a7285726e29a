/// A JSON document with ordered keys, written without Foundation so output is byte-stable.
public enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    lhs.serialized() == rhs.serialized()
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

  public enum Style: Sendable {
    /// One line, `", "` and `": "` separators (Python's `json.dumps` default).
    case spaced
    /// One line, no spaces.
    case compact
    /// Two-space indentation.
    case pretty
  }

  public func serialized(_ style: Style = .spaced) -> String {
    var output = ""
    write(to: &output, style: style, indent: 0)
    return output
  }

  private func write(to output: inout String, style: Style, indent: Int) {
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .int(let value): output += String(value)
    case .double(let value): output += String(value)
    case .string(let value): JSONValue.writeString(value, to: &output)
    case .array(let items):
      guard !items.isEmpty else {
        output += "[]"
        return
      }
      output += "["
      for (index, item) in items.enumerated() {
        if index > 0 { output += style == .spaced ? ", " : "," }
        newline(&output, style, indent + 1)
        item.write(to: &output, style: style, indent: indent + 1)
      }
      newline(&output, style, indent)
      output += "]"
    case .object(let members):
      guard !members.isEmpty else {
        output += "{}"
        return
      }
      output += "{"
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { output += style == .spaced ? ", " : "," }
        newline(&output, style, indent + 1)
        JSONValue.writeString(key, to: &output)
        output += style == .compact ? ":" : ": "
        value.write(to: &output, style: style, indent: indent + 1)
      }
      newline(&output, style, indent)
      output += "}"
    }
  }

  private func newline(_ output: inout String, _ style: Style, _ indent: Int) {
    guard style == .pretty else { return }
    output += "\n"
    output += String(repeating: "  ", count: indent)
  }

  /// Escapes like Python's `json.dumps(ensure_ascii=False)`: quotes, backslashes and control
  /// characters; everything else literal.
  public static func writeString(_ value: String, to output: inout String) {
    output += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case "\u{08}": output += "\\b"
      case "\u{0C}": output += "\\f"
      default:
        if scalar.value < 0x20 {
          output += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    output += "\""
  }
}
