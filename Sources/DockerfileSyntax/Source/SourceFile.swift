/// A half-open range of UTF-8 byte offsets into a ``SourceFile``.
public struct SourceRange: Hashable, Sendable, Comparable {
  public var start: Int
  public var end: Int

  public init(start: Int, end: Int) {
    self.start = start
    self.end = end
  }

  public var isEmpty: Bool { start >= end }
  public var length: Int { end - start }

  /// The first `length` bytes of this range, never past its end: a length measured on
  /// decoded text can exceed the bytes it came from (an invalid UTF-8 byte decodes to a
  /// three-byte replacement character).
  public func prefix(_ length: Int) -> SourceRange {
    SourceRange(start: start, end: min(end, start + max(0, length)))
  }

  public func contains(_ other: SourceRange) -> Bool {
    start <= other.start && other.end <= end
  }

  public static func < (lhs: SourceRange, rhs: SourceRange) -> Bool {
    (lhs.start, lhs.end) < (rhs.start, rhs.end)
  }
}

/// A 1-based line and column; the column counts Unicode scalars, as editors and SARIF expect.
public struct SourceLocation: Hashable, Sendable, Comparable {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}

/// The bytes of one Dockerfile with the name it is reported under.
public struct SourceFile: Sendable {
  public let path: String
  public let bytes: [UInt8]
  public let lineIndex: LineIndex

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
    self.lineIndex = LineIndex(bytes)
  }

  public init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  /// The text of `range`, with invalid UTF-8 replaced.
  public func text(_ range: SourceRange) -> String {
    let lower = max(0, min(range.start, bytes.count))
    let upper = max(lower, min(range.end, bytes.count))
    return String(decoding: bytes[lower..<upper], as: UTF8.self)
  }

  public func location(of offset: Int) -> SourceLocation {
    lineIndex.location(of: offset, in: bytes)
  }
}

/// Maps byte offsets to lines; built once per file in one pass over the bytes.
public struct LineIndex: Sendable {
  /// Offset of the first byte of every physical line (split on `\n` only, as BuildKit does).
  public let lineStarts: [Int]
  /// Characters (bytes that are not UTF-8 continuation bytes) before each multiple of
  /// `stride`, so a column is found without scanning from the start of a long line: counting
  /// from there made many findings on one long line quadratic.
  private let charactersBefore: [UInt32]
  private static let stride = 64

  public init(_ bytes: [UInt8]) {
    var starts = [0]
    starts.reserveCapacity(bytes.count / 32 + 1)
    var checkpoints: [UInt32] = []
    checkpoints.reserveCapacity(bytes.count / Self.stride + 2)
    var characters: UInt32 = 0
    for (offset, byte) in bytes.enumerated() {
      if offset % Self.stride == 0 { checkpoints.append(characters) }
      if byte & 0xC0 != 0x80 { characters &+= 1 }
      if byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
    }
    // A checkpoint for the end itself when it falls on a multiple of `stride`.
    if bytes.count % Self.stride == 0 { checkpoints.append(characters) }
    lineStarts = starts
    charactersBefore = checkpoints
  }

  public var lineCount: Int { lineStarts.count }

  /// 1-based line containing `offset`.
  public func line(of offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low + 1
  }

  public func location(of offset: Int, in bytes: [UInt8]) -> SourceLocation {
    let clamped = max(0, min(offset, bytes.count))
    let line = line(of: clamped)
    var start = lineStarts[line - 1]
    // A byte-order mark is invisible in editors: columns on the first line start after it.
    if line == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) && clamped >= 3 { start = 3 }
    let column = characters(before: clamped, in: bytes) - characters(before: start, in: bytes)
    return SourceLocation(line: line, column: column + 1)
  }

  /// Characters in `bytes[..<offset]`: the checkpoint below it plus fewer than `stride` bytes.
  private func characters(before offset: Int, in bytes: [UInt8]) -> Int {
    let slot = min(offset / Self.stride, charactersBefore.count - 1)
    var count = Int(charactersBefore[slot])
    for index in (slot * Self.stride)..<offset where bytes[index] & 0xC0 != 0x80 { count += 1 }
    return count
  }
}

extension SourceFile {
  /// `range` extended over the spaces and tabs after it, for edits that remove a word.
  public func extendingOverBlanks(_ range: SourceRange) -> SourceRange {
    var end = range.end
    while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") {
      end += 1
    }
    return SourceRange(start: range.start, end: end)
  }
}
