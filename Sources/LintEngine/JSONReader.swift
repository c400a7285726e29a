import DockerfileSyntax

/// A small JSON reader for configuration files and language-server messages (no Foundation).
/// Objects keep key order.
public enum JSONReader {
  public struct ParseError: Error, Equatable {
    public var message: String
    public var line: Int
  }

  public static func parse(_ text: String) throws(ParseError) -> JSONValue {
    try parse(bytes: Array(text.utf8))
  }

  /// Parses UTF-8 bytes; invalid UTF-8 inside strings becomes U+FFFD.
  public static func parse(bytes: [UInt8]) throws(ParseError) -> JSONValue {
    var reader = Reader(bytes: bytes)
    reader.skipWhitespace()
    let value = try reader.value(depth: 0)
    reader.skipWhitespace()
    guard reader.position == reader.bytes.count else {
      throw reader.error("unexpected text after the JSON value")
    }
    return value
  }

  private struct Reader {
    private static let numberBytes = ByteSet("+-.eE0123456789")

    let bytes: [UInt8]
    var position = 0

    func error(_ message: String) -> ParseError {
      ParseError(
        message: message,
        line: bytes[0..<min(position, bytes.count)].filter { $0 == 0x0A }.count + 1)
    }

    mutating func skipWhitespace() {
      while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
        position += 1
      }
    }

    mutating func value(depth: Int) throws(ParseError) -> JSONValue {
      guard depth < 64 else { throw error("JSON nested too deeply") }
      guard position < bytes.count else { throw error("unexpected end of JSON") }
      switch bytes[position] {
      case UInt8(ascii: "{"):
        position += 1
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
          position += 1
          return .object(members)
        }
        while true {
          skipWhitespace()
          guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw error("expected a quoted key")
          }
          let key = try string()
          skipWhitespace()
          guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            throw error("expected ':'")
          }
          position += 1
          skipWhitespace()
          members.append((key, try value(depth: depth + 1)))
          skipWhitespace()
          guard position < bytes.count else { throw error("unexpected end of JSON") }
          position += 1
          if bytes[position - 1] == UInt8(ascii: "}") { return .object(members) }
          guard bytes[position - 1] == UInt8(ascii: ",") else { throw error("expected ',' or '}'") }
        }
      case UInt8(ascii: "["):
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
          position += 1
          return .array(items)
        }
        while true {
          skipWhitespace()
          items.append(try value(depth: depth + 1))
          skipWhitespace()
          guard position < bytes.count else { throw error("unexpected end of JSON") }
          position += 1
          if bytes[position - 1] == UInt8(ascii: "]") { return .array(items) }
          guard bytes[position - 1] == UInt8(ascii: ",") else { throw error("expected ',' or ']'") }
        }
      case UInt8(ascii: "\""):
        return .string(try string())
      case UInt8(ascii: "t"): return try literal("true", .bool(true))
      case UInt8(ascii: "f"): return try literal("false", .bool(false))
      case UInt8(ascii: "n"): return try literal("null", .null)
      default:
        let start = position
        while position < bytes.count, Self.numberBytes.contains(bytes[position]) {
          position += 1
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if let integer = Int(text) { return .int(integer) }
        if let double = Double(text) { return .double(double) }
        throw error("invalid JSON value")
      }
    }

    mutating func literal(_ word: String, _ value: JSONValue) throws(ParseError) -> JSONValue {
      guard bytes[position...].starts(with: word.utf8) else { throw error("invalid JSON value") }
      position += word.utf8.count
      return value
    }

    /// Copies runs without escapes whole and decodes once at the end: a language server
    /// receives whole documents as one string, and per-scalar appends made a 10 MB one slow.
    mutating func string() throws(ParseError) -> String {
      position += 1
      var utf8: [UInt8] = []
      var runStart = position
      while position < bytes.count {
        let byte = bytes[position]
        if byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
          position += 1
          continue
        }
        utf8.append(contentsOf: bytes[runStart..<position])
        position += 1
        if byte == UInt8(ascii: "\"") { return String(decoding: utf8, as: UTF8.self) }
        guard position < bytes.count else { break }
        let escaped = bytes[position]
        position += 1
        switch escaped {
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "u"):
          var code = try hexQuad()
          // Characters outside the Basic Multilingual Plane come as a UTF-16 surrogate pair
          // (`\ud83d\ude00`, as Python's json.dumps writes them); a lone half is U+FFFD.
          if (0xD800...0xDBFF).contains(code) {
            if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
              bytes[position + 1] == UInt8(ascii: "u")
            {
              position += 2
              let low = try hexQuad()
              if (0xDC00...0xDFFF).contains(low) {
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
              } else {
                utf8.append(contentsOf: "\u{FFFD}".utf8)
                code = low
              }
            } else {
              code = 0xFFFD
            }
          }
          let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
          utf8.append(contentsOf: String(Character(scalar)).utf8)
        default: utf8.append(escaped)
        }
        runStart = position
      }
      throw error("unterminated string")
    }

    mutating func hexQuad() throws(ParseError) -> UInt32 {
      guard position + 4 <= bytes.count,
        let code = UInt32(
          String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16)
      else { throw error("invalid \\u escape") }
      position += 4
      return code
    }
  }
}
