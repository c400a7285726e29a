import DockerfileSyntax

/// A conservative POSIX shell tokenizer: quotes, escapes, operators and redirections;
/// command substitutions and parameter expansions are kept opaque inside their word.
struct ShellLexer {
  let bytes: [UInt8]
  var position = 0
  var isBalanced = true
  /// When set, `readWord` notes the text offset of each value byte in `offsets`.
  private var recordsOffsets = false
  private var offsets: [Int] = []

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  private func peek(_ offset: Int = 0) -> UInt8? {
    position + offset < bytes.count ? bytes[position + offset] : nil
  }

  static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

  private static let operatorStarts = ByteSet("&|;()<>\n")
  private static let redirectionTails = ByteSet(">&<|-")
  private static let escapableInDoubleQuotes = ByteSet("$`\"\\\n")
  private static let specialParameters = ByteSet("@*#?-$!")

  static func isOperatorStart(_ byte: UInt8) -> Bool {
    operatorStarts.contains(byte)
  }

  mutating func tokens() -> [ShellToken] {
    var tokens: [ShellToken] = []
    while let byte = peek() {
      if Self.isBlank(byte) {
        position += 1
        continue
      }
      if byte == UInt8(ascii: "\\") && peek(1) == UInt8(ascii: "\n") {
        position += 2
        continue
      }
      if byte == UInt8(ascii: "#") {
        while let next = peek(), next != UInt8(ascii: "\n") { position += 1 }
        continue
      }
      if let redirection = readRedirection() {
        tokens.append(redirection)
        continue
      }
      if Self.isOperatorStart(byte) {
        let start = position
        let two = peek(1).map { String(decoding: [byte, $0], as: UTF8.self) } ?? ""
        if ["&&", "||", ";;"].contains(two) {
          position += 2
          tokens.append(.separator(two, start: start))
        } else {
          position += 1
          tokens.append(.separator(String(decoding: [byte], as: UTF8.self), start: start))
        }
        continue
      }
      tokens.append(readWord())
    }
    return tokens
  }

  /// `[n]>`, `>>`, `<`, `<<`, `<<-`, `<<<`, `>&`, `<&`, `&>`, `&>>`, `>|`.
  private mutating func readRedirection() -> ShellToken? {
    let start = position
    var index = position
    while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
    if index < bytes.count && bytes[index] == UInt8(ascii: "&") && index == position,
      index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">")
    {
      index += 1
    }
    guard index < bytes.count,
      bytes[index] == UInt8(ascii: ">") || bytes[index] == UInt8(ascii: "<")
    else { return nil }
    index += 1
    while index < bytes.count, Self.redirectionTails.contains(bytes[index]) { index += 1 }
    position = index
    return .redirection(
      String(decoding: bytes[start..<index], as: UTF8.self), start: start, end: index)
  }

  /// The text offset of each byte of the value of the word starting at `start` (for mapping
  /// a script inside a word, `sh -c '…'`, back to the file).
  static func valueOffsets(_ bytes: [UInt8], wordAt start: Int) -> [Int] {
    var lexer = ShellLexer(bytes)
    lexer.position = start
    lexer.recordsOffsets = true
    _ = lexer.readWord()
    return lexer.offsets
  }

  private mutating func append(_ byte: UInt8, at offset: Int, to value: inout [UInt8]) {
    value.append(byte)
    if recordsOffsets { offsets.append(offset) }
  }

  private mutating func readWord() -> ShellToken {
    let start = position
    var value: [UInt8] = []
    var literal = true
    while let byte = peek() {
      if Self.isBlank(byte) || Self.isOperatorStart(byte) { break }
      switch byte {
      case UInt8(ascii: "'"):
        position += 1
        while let next = peek(), next != UInt8(ascii: "'") {
          append(next, at: position, to: &value)
          position += 1
        }
        if peek() == nil { isBalanced = false }
        position += 1
      case UInt8(ascii: "\""):
        position += 1
        while let next = peek(), next != UInt8(ascii: "\"") {
          if next == UInt8(ascii: "\\"), let escaped = peek(1),
            Self.escapableInDoubleQuotes.contains(escaped)
          {
            if escaped != UInt8(ascii: "\n") { append(escaped, at: position + 1, to: &value) }
            position += 2
          } else if next == UInt8(ascii: "$") || next == UInt8(ascii: "`") {
            literal = false
            appendExpansion(to: &value)
          } else {
            append(next, at: position, to: &value)
            position += 1
          }
        }
        if peek() == nil { isBalanced = false }
        position += 1
      case UInt8(ascii: "\\"):
        position += 1
        if let escaped = peek() {
          if escaped != UInt8(ascii: "\n") { append(escaped, at: position, to: &value) }
          position += 1
        }
      case UInt8(ascii: "$"), UInt8(ascii: "`"):
        literal = false
        appendExpansion(to: &value)
      default:
        append(byte, at: position, to: &value)
        position += 1
      }
    }
    return .word(
      value: String(decoding: value, as: UTF8.self), start: start, end: min(position, bytes.count),
      literal: literal)
  }

  private mutating func appendExpansion(to value: inout [UInt8]) {
    let start = position
    let expansion = readExpansion()
    value += expansion
    if recordsOffsets { offsets += start..<(start + expansion.count) }
  }

  /// `$name`, `${…}`, `$(…)`, `$((…))` or a backquoted command, copied as written.
  private mutating func readExpansion() -> [UInt8] {
    let start = position
    if peek() == UInt8(ascii: "`") {
      position += 1
      while let next = peek(), next != UInt8(ascii: "`") {
        position += next == UInt8(ascii: "\\") ? 2 : 1
      }
      if peek() == nil { isBalanced = false }
      position = min(position + 1, bytes.count)
      return Array(bytes[start..<position])
    }
    position += 1
    guard let next = peek() else { return [UInt8(ascii: "$")] }
    if next == UInt8(ascii: "{") || next == UInt8(ascii: "(") {
      let open = next
      let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
      var depth = 0
      var quote: UInt8?
      while let byte = peek() {
        position += 1
        if let current = quote {
          // `"…\"…"` inside `$(…)`: the escaped quote does not end the string.
          if current == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
            position += 1
          } else if byte == current {
            quote = nil
          }
          continue
        }
        if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
          quote = byte
        } else if byte == UInt8(ascii: "\\") {
          position += 1
        } else if byte == open {
          depth += 1
        } else if byte == close {
          depth -= 1
          if depth == 0 { break }
        }
      }
      if depth != 0 { isBalanced = false }
      position = min(position, bytes.count)
      return Array(bytes[start..<position])
    }
    while let byte = peek(),
      (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
        || byte == UInt8(ascii: "_")
    {
      position += 1
    }
    if position == start + 1, let special = peek(), Self.specialParameters.contains(special) {
      position += 1
    }
    return Array(bytes[start..<position])
  }
}
