/// Reads the JSON (exec) form of an instruction the way BuildKit does: the whole argument must
/// be one valid JSON document (`json.Unmarshal` rules, nesting limited to 10,000 levels); a
/// valid array of strings is exec form, a valid array holding anything else is an error, and
/// everything else falls back to shell form.
enum JSONArrayReader {
  struct Element {
    var value: String
    /// Logical offsets of the string literal, quotes included.
    var start: Int
    var end: Int
  }

  enum Outcome {
    case strings([Element])
    case nonStringElement
    case notJSON
  }

  static let maximumDepth = 10_000

  static func read(_ bytes: [UInt8], from start: Int, to end: Int) -> Outcome {
    var reader = Cursor(bytes: bytes, position: start, end: end)
    reader.skipWhitespace()
    guard reader.peek() == UInt8(ascii: "[") else { return .notJSON }
    reader.position += 1
    var elements: [Element] = []
    var allStrings = true
    reader.skipWhitespace()
    if reader.peek() == UInt8(ascii: "]") {
      reader.position += 1
    } else {
      while true {
        reader.skipWhitespace()
        let elementStart = reader.position
        if reader.peek() == UInt8(ascii: "\"") {
          guard let value = reader.readString() else { return .notJSON }
          elements.append(Element(value: value, start: elementStart, end: reader.position))
        } else {
          allStrings = false
          guard reader.skipValue(depth: 1) else { return .notJSON }
        }
        reader.skipWhitespace()
        guard let next = reader.peek() else { return .notJSON }
        reader.position += 1
        if next == UInt8(ascii: "]") { break }
        guard next == UInt8(ascii: ",") else { return .notJSON }
      }
    }
    reader.skipWhitespace()
    guard reader.position == end else { return .notJSON }
    return allStrings ? .strings(elements) : .nonStringElement
  }

  private struct Cursor {
    let bytes: [UInt8]
    var position: Int
    let end: Int

    func peek() -> UInt8? { position < end ? bytes[position] : nil }

    mutating func skipWhitespace() {
      while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
        position += 1
      }
    }

    mutating func expect(_ literal: String) -> Bool {
      for byte in literal.utf8 {
        guard peek() == byte else { return false }
        position += 1
      }
      return true
    }

    /// Skips one JSON value without recursion, so hostile nesting cannot exhaust the stack.
    mutating func skipValue(depth baseDepth: Int) -> Bool {
      var open: [UInt8] = []
      while true {
        // Expecting a value.
        skipWhitespace()
        guard let byte = peek() else { return false }
        switch byte {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
          guard baseDepth + open.count < JSONArrayReader.maximumDepth else { return false }
          position += 1
          open.append(byte)
          skipWhitespace()
          let closing = byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
          if peek() == closing {
            position += 1
            open.removeLast()
          } else if byte == UInt8(ascii: "{") {
            guard readKey() else { return false }
            continue
          } else {
            continue
          }
        case UInt8(ascii: "\""):
          guard readString() != nil else { return false }
        case UInt8(ascii: "t"):
          guard expect("true") else { return false }
        case UInt8(ascii: "f"):
          guard expect("false") else { return false }
        case UInt8(ascii: "n"):
          guard expect("null") else { return false }
        default:
          guard readNumber() else { return false }
        }
        // After a value: close containers or move to the next element.
        while true {
          guard let container = open.last else { return true }
          skipWhitespace()
          guard let next = peek() else { return false }
          position += 1
          if next == UInt8(ascii: ",") {
            if container == UInt8(ascii: "{") { guard readKey() else { return false } }
            break
          }
          let closing = container == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
          guard next == closing else { return false }
          open.removeLast()
        }
      }
    }

    private mutating func readKey() -> Bool {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\""), readString() != nil else { return false }
      skipWhitespace()
      guard peek() == UInt8(ascii: ":") else { return false }
      position += 1
      return true
    }

    private mutating func readNumber() -> Bool {
      func digits() -> Int {
        let start = position
        while let byte = peek(), (0x30...0x39).contains(byte) { position += 1 }
        return position - start
      }
      if peek() == UInt8(ascii: "-") { position += 1 }
      if peek() == UInt8(ascii: "0") {
        position += 1
      } else if digits() == 0 {
        return false
      }
      if peek() == UInt8(ascii: ".") {
        position += 1
        guard digits() > 0 else { return false }
      }
      if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
        position += 1
        if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
        guard digits() > 0 else { return false }
      }
      return true
    }

    private mutating func readHex4() -> UInt32? {
      guard end - position >= 4 else { return nil }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[position]
        let digit: UInt8
        switch byte {
        case 0x30...0x39: digit = byte - 0x30
        case 0x41...0x46: digit = byte - 0x41 + 10
        case 0x61...0x66: digit = byte - 0x61 + 10
        default: return nil
        }
        value = value * 16 + UInt32(digit)
        position += 1
      }
      return value
    }

    /// Reads a string literal at the cursor; invalid UTF-8 and lone surrogates become U+FFFD,
    /// as in Go's decoder.
    mutating func readString() -> String? {
      position += 1
      var raw: [UInt8] = []
      var scalars = String.UnicodeScalarView()
      func flushRaw() {
        if !raw.isEmpty {
          scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
          raw.removeAll(keepingCapacity: true)
        }
      }
      while true {
        guard let byte = peek() else { return nil }
        position += 1
        switch byte {
        case UInt8(ascii: "\""):
          flushRaw()
          return String(scalars)
        case UInt8(ascii: "\\"):
          flushRaw()
          guard let escaped = peek() else { return nil }
          position += 1
          switch escaped {
          case UInt8(ascii: "\""): scalars.append("\"")
          case UInt8(ascii: "\\"): scalars.append("\\")
          case UInt8(ascii: "/"): scalars.append("/")
          case UInt8(ascii: "b"): scalars.append("\u{08}")
          case UInt8(ascii: "f"): scalars.append("\u{0C}")
          case UInt8(ascii: "n"): scalars.append("\n")
          case UInt8(ascii: "r"): scalars.append("\r")
          case UInt8(ascii: "t"): scalars.append("\t")
          case UInt8(ascii: "u"):
            guard let unit = readHex4() else { return nil }
            scalars.append(decodeUTF16(unit))
          default:
            return nil
          }
        default:
          guard byte >= 0x20 else { return nil }
          raw.append(byte)
        }
      }
    }

    private mutating func decodeUTF16(_ unit: UInt32) -> Unicode.Scalar {
      let replacement = Unicode.Scalar(0xFFFD)!
      if (0xD800..<0xDC00).contains(unit) {
        // A high surrogate combines only with an escaped low surrogate right after it.
        let saved = position
        if expect("\\u"), let low = readHex4(), (0xDC00..<0xE000).contains(low) {
          return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) ?? replacement
        }
        position = saved
        return replacement
      }
      return Unicode.Scalar(unit) ?? replacement
    }
  }
}
