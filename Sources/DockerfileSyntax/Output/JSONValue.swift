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
    // Runs without escapes are appended whole: scalar-by-scalar appends cost about a
    // thousand instructions per byte on large reports.
    let utf8 = value.utf8
    var runStart = utf8.startIndex
    var index = runStart
    while index != utf8.endIndex {
      let escaped: String?
      switch utf8[index] {
      case 0x22: escaped = "\\\""
      case 0x5C: escaped = "\\\\"
      case 0x0A: escaped = "\\n"
      case 0x0D: escaped = "\\r"
      case 0x09: escaped = "\\t"
      case 0x08: escaped = "\\b"
      case 0x0C: escaped = "\\f"
      case let byte where byte < 0x20:
        escaped = "\\u" + String(byte, radix: 16).leftPadded(to: 4)
      default: escaped = nil
      }
      if let escaped {
        // Escaped bytes are ASCII, so both ends of the run are scalar boundaries.
        output += value[runStart..<index]
        output += escaped
        runStart = utf8.index(after: index)
      }
      index = utf8.index(after: index)
    }
    output += value[runStart..<utf8.endIndex]
    output += "\""
  }

}
