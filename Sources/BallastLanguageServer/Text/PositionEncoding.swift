import DockerfileSyntax

/// How the `character` of an LSP position counts: UTF-16 code units unless client and server
/// agreed on another encoding during `initialize`.
enum PositionEncoding: String, Sendable {
  case utf8 = "utf-8"
  case utf16 = "utf-16"
  case utf32 = "utf-32"

  /// UTF-8 when the client offers it (ballast's offsets are bytes, so nothing is counted);
  /// otherwise UTF-16, which every client must support.
  static func negotiate(offered: [String]?) -> PositionEncoding {
    offered?.contains(PositionEncoding.utf8.rawValue) == true ? .utf8 : .utf16
  }

  /// Code units of a scalar whose UTF-8 form is `length` bytes long (four bytes: outside
  /// the Basic Multilingual Plane, a surrogate pair in UTF-16).
  func width(utf8Length length: Int) -> Int {
    switch self {
    case .utf8: return length
    case .utf16: return length == 4 ? 2 : 1
    case .utf32: return 1
    }
  }
}

/// A zero-based line and character, as LSP counts them.
struct Position: Hashable, Sendable, Comparable {
  var line: Int
  var character: Int

  static func < (lhs: Position, rhs: Position) -> Bool {
    (lhs.line, lhs.character) < (rhs.line, rhs.character)
  }

  var json: JSONValue { .object([("line", .int(line)), ("character", .int(character))]) }

  init(line: Int, character: Int) {
    self.line = line
    self.character = character
  }

  init?(_ value: JSONValue?) {
    guard let line = value?["line"]?.int, let character = value?["character"]?.int,
      line >= 0, character >= 0
    else { return nil }
    self.init(line: line, character: character)
  }
}

/// A start and end position.
struct Range: Hashable, Sendable {
  var start: Position
  var end: Position

  var json: JSONValue { .object([("start", start.json), ("end", end.json)]) }

  init(start: Position, end: Position) {
    self.start = start
    self.end = end
  }

  init?(_ value: JSONValue?) {
    guard let start = Position(value?["start"]), let end = Position(value?["end"]) else {
      return nil
    }
    self.init(start: start, end: end)
  }
}

/// Where lines start in a document, as LSP counts lines: `\n`, `\r\n` and a lone `\r` each
/// end one. (Ballast's own line numbers count `\n` only, as BuildKit does; positions sent to
/// editors follow the editor's view.)
struct LineTable: Sendable {
  /// Offset of the first byte of each line.
  private(set) var starts: [Int]

  init(_ bytes: [UInt8]) {
    var starts = [0]
    starts.reserveCapacity(bytes.count / 32 + 1)
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      index += 1
      if byte == UInt8(ascii: "\n") {
        starts.append(index)
      } else if byte == UInt8(ascii: "\r") {
        if index < count && bytes[index] == UInt8(ascii: "\n") { index += 1 }
        starts.append(index)
      }
    }
    self.starts = starts
  }

  var count: Int { starts.count }

  /// Zero-based line holding `offset`.
  func line(of offset: Int) -> Int {
    var low = 0
    var high = starts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if starts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// End of the line's text, before its line break.
  func contentEnd(of line: Int, in bytes: [UInt8]) -> Int {
    guard line + 1 < starts.count else { return bytes.count }
    var end = starts[line + 1]
    if end > starts[line] && bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
    if end > starts[line] && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return end
  }

  /// The byte offset of an LSP position. A line past the end means the end of the document;
  /// a character past the end of its line means the end of the line (as the specification
  /// says); a character inside a scalar (half a surrogate pair) means that scalar's start.
  func offset(of position: Position, in bytes: [UInt8], encoding: PositionEncoding) -> Int {
    guard position.line < starts.count else { return bytes.count }
    let start = starts[position.line]
    let end = contentEnd(of: position.line, in: bytes)
    if encoding == .utf8 {
      var offset = min(start + position.character, end)
      while offset > start && offset < bytes.count && bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
      return offset
    }
    var offset = start
    var units = 0
    while offset < end {
      let length = Self.scalarLength(bytes, at: offset, end: end)
      let width = encoding.width(utf8Length: length)
      if units + width > position.character { break }
      units += width
      offset += length
    }
    return offset
  }

  /// The LSP positions of byte offsets, converted in one sweep (sorted by offset) so many
  /// findings on one long line do not each count from the line's start.
  func positions(of offsets: [Int], in bytes: [UInt8], encoding: PositionEncoding)
    -> [Int: Position]
  {
    var result: [Int: Position] = [:]
    result.reserveCapacity(offsets.count)
    var line = -1
    var lineEnd = 0
    var cursor = 0
    var units = 0
    for raw in Set(offsets).sorted() {
      let offset = max(0, min(raw, bytes.count))
      if line < 0 || offset >= (line + 1 < starts.count ? starts[line + 1] : Int.max) {
        line = self.line(of: offset)
        lineEnd = contentEnd(of: line, in: bytes)
        cursor = starts[line]
        units = 0
      }
      let target = min(offset, lineEnd)
      if encoding == .utf8 {
        units += target - cursor
        cursor = target
      } else {
        while cursor < target {
          let length = Self.scalarLength(bytes, at: cursor, end: lineEnd)
          units += encoding.width(utf8Length: length)
          cursor += length
        }
      }
      result[raw] = Position(line: line, character: units)
    }
    return result
  }

  func position(of offset: Int, in bytes: [UInt8], encoding: PositionEncoding) -> Position {
    positions(of: [offset], in: bytes, encoding: encoding)[offset]!
  }

  /// Bytes of the UTF-8 sequence starting at `offset` (1 for a stray continuation byte, which
  /// a document decoded from JSON never holds).
  static func scalarLength(_ bytes: [UInt8], at offset: Int, end: Int) -> Int {
    let lead = bytes[offset]
    let length: Int
    switch lead {
    case 0..<0x80: return 1
    case 0xC0..<0xE0: length = 2
    case 0xE0..<0xF0: length = 3
    case 0xF0..<0xF8: length = 4
    default: return 1
    }
    return min(length, end - offset)
  }
}
