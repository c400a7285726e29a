/// The variable names BuildKit's word expansion looks up in a text (its shell lexer's
/// `ProcessWord`), for texts the parser keeps no references for: flag values and here-document
/// bodies. Single quotes hide names unless quotes are not processed (here-document bodies);
/// the escape character hides the next character; `${name<modifier>word}` looks up `name` and
/// the names in `word`. A malformed `${…}` ends the scan, as it ends the build's expansion.
public enum BuilderVariableNames {
  public struct Reference: Equatable, Sendable {
    public var name: String
    /// Byte offset of the name in the text.
    public var offset: Int
  }

  public static func references(
    in text: String, escape: Character = "\\", processQuotes: Bool = true
  ) -> [Reference] {
    guard text.utf8.contains(UInt8(ascii: "$")) else { return [] }
    var scanner = Scanner(
      bytes: Array(text.utf8), escape: escape.asciiValue ?? UInt8(ascii: "\\"),
      processQuotes: processQuotes)
    _ = scanner.word(stop: nil, depth: 0)
    return scanner.found
  }

  /// `single-quote` or `double-quote` when BuildKit's expansion of `text` stops at a quote
  /// that is never closed (`'a\'b'`: no escape inside single quotes), else nil.
  public static func unterminatedQuote(in text: String, escape: Character = "\\") -> String? {
    let bytes = Array(text.utf8)
    let escapeByte = escape.asciiValue ?? UInt8(ascii: "\\")
    var index = 0
    var open: UInt8?
    while index < bytes.count {
      let byte = bytes[index]
      if open == UInt8(ascii: "'") {
        if byte == UInt8(ascii: "'") { open = nil }
        index += 1
        continue
      }
      if byte == escapeByte {
        index += 2
        continue
      }
      if byte == UInt8(ascii: "\"") {
        open = open == nil ? byte : nil
      } else if byte == UInt8(ascii: "'") && open == nil {
        open = byte
      }
      index += 1
    }
    guard let open else { return nil }
    return open == UInt8(ascii: "'") ? "single-quote" : "double-quote"
  }

  private struct Scanner {
    let bytes: [UInt8]
    let escape: UInt8
    let processQuotes: Bool
    var index = 0
    var found: [Reference] = []

    /// Scans up to `stop` (consumed) or the end; false when the text is malformed.
    mutating func word(stop: UInt8?, depth: Int) -> Bool {
      guard depth < 64 else { return false }
      var inDoubleQuote = false
      while index < bytes.count {
        let byte = bytes[index]
        if let stop, byte == stop, !inDoubleQuote {
          index += 1
          return true
        }
        if byte == escape {
          index += 2
        } else if byte == UInt8(ascii: "'") && processQuotes && !inDoubleQuote {
          index += 1
          while index < bytes.count && bytes[index] != UInt8(ascii: "'") { index += 1 }
          index += 1
        } else if byte == UInt8(ascii: "\"") && processQuotes {
          inDoubleQuote.toggle()
          index += 1
        } else if byte == UInt8(ascii: "$") {
          guard dollar(depth: depth) else { return false }
        } else {
          index += 1
        }
      }
      return stop == nil
    }

    private static let special = Set("@*#?-$!0".utf8)

    private mutating func name() -> (String, Int) {
      let start = index
      guard index < bytes.count else { return ("", start) }
      if (0x30...0x39).contains(bytes[index]) {
        while index < bytes.count && (0x30...0x39).contains(bytes[index]) { index += 1 }
      } else if Self.special.contains(bytes[index]) {
        index += 1
      } else {
        while index < bytes.count {
          let byte = bytes[index]
          let isName =
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
          guard isName else { break }
          index += 1
        }
      }
      return (String(decoding: bytes[start..<index], as: UTF8.self), start)
    }

    private mutating func dollar(depth: Int) -> Bool {
      index += 1
      guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
        let (name, offset) = name()
        if !name.isEmpty { found.append(Reference(name: name, offset: offset)) }
        return true
      }
      index += 1
      guard index < bytes.count,
        ![UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ":")].contains(bytes[index])
      else { return false }
      let (name, offset) = name()
      guard index < bytes.count else { return false }
      var modifier = bytes[index]
      index += 1
      if modifier == UInt8(ascii: "}") {
        found.append(Reference(name: name, offset: offset))
        return true
      }
      if modifier == UInt8(ascii: ":") {
        guard index < bytes.count else { return false }
        modifier = bytes[index]
        index += 1
        // `${name:x…}` with another character is an error, but only after the word is read
        // and the name looked up.
        if !"+-?".utf8.contains(modifier) { modifier = UInt8(ascii: "-") }
      }
      if modifier == UInt8(ascii: "/") {
        guard word(stop: UInt8(ascii: "/"), depth: depth + 1) else { return false }
      } else {
        guard "+-?#%".utf8.contains(modifier) else { return false }
      }
      guard word(stop: UInt8(ascii: "}"), depth: depth + 1) else { return false }
      found.append(Reference(name: name, offset: offset))
      return true
    }
  }
}
