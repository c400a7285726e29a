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
    // Bytes, not String appends: a String append costs about ten times a byte append, and
    // large reports are made of short appends. Every piece written is valid UTF-8.
    var output: [UInt8] = []
    write(to: &output, style: style, indent: 0)
    return String(decoding: output, as: UTF8.self)
  }

  private func write(to output: inout [UInt8], style: Style, indent: Int) {
    switch self {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
    case .int(let value): output.append(contentsOf: String(value).utf8)
    case .double(let value): output.append(contentsOf: String(value).utf8)
    case .string(let value): JSONValue.writeString(value, to: &output)
    case .array(let items):
      guard !items.isEmpty else {
        output.append(contentsOf: "[]".utf8)
        return
      }
      output.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { separator(&output, style) }
        newline(&output, style, indent + 1)
        item.write(to: &output, style: style, indent: indent + 1)
      }
      newline(&output, style, indent)
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else {
        output.append(contentsOf: "{}".utf8)
        return
      }
      output.append(UInt8(ascii: "{"))
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { separator(&output, style) }
        newline(&output, style, indent + 1)
        JSONValue.writeString(key, to: &output)
        output.append(UInt8(ascii: ":"))
        if style != .compact { output.append(UInt8(ascii: " ")) }
        value.write(to: &output, style: style, indent: indent + 1)
      }
      newline(&output, style, indent)
      output.append(UInt8(ascii: "}"))
    }
  }

  private func separator(_ output: inout [UInt8], _ style: Style) {
    output.append(UInt8(ascii: ","))
    if style == .spaced { output.append(UInt8(ascii: " ")) }
  }

  private func newline(_ output: inout [UInt8], _ style: Style, _ indent: Int) {
    guard style == .pretty else { return }
    output.append(UInt8(ascii: "\n"))
    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
  }

  /// Escapes like Python's `json.dumps(ensure_ascii=False)`: quotes, backslashes and control
  /// characters; everything else literal.
  public static func writeString(_ value: String, to output: inout String) {
    var bytes: [UInt8] = []
    writeString(value, to: &bytes)
    output += String(decoding: bytes, as: UTF8.self)
  }

  static func writeString(_ value: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var value = value
    value.withUTF8 { bytes in
      // Runs of bytes that need no escape are copied at once: most strings are one run.
      var runStart = 0
      for index in bytes.indices {
        let byte = bytes[index]
        guard byte == 0x22 || byte == 0x5C || byte < 0x20 else { continue }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        runStart = index + 1
        let escaped: UInt8
        switch byte {
        case 0x22, 0x5C: escaped = byte
        case 0x0A: escaped = UInt8(ascii: "n")
        case 0x0D: escaped = UInt8(ascii: "r")
        case 0x09: escaped = UInt8(ascii: "t")
        case 0x08: escaped = UInt8(ascii: "b")
        case 0x0C: escaped = UInt8(ascii: "f")
        default:
          output.append(contentsOf: ("\\u" + String(byte, radix: 16).leftPadded(to: 4)).utf8)
          continue
        }
        output.append(UInt8(ascii: "\\"))
        output.append(escaped)
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
    output.append(UInt8(ascii: "\""))
  }

}
