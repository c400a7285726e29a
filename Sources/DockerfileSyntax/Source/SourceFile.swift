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

  public init(_ bytes: [UInt8]) {
    var starts = [0]
    starts.reserveCapacity(bytes.count / 32 + 1)
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    lineStarts = starts
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
    var column = 1
    var index = lineStarts[line - 1]
    // A byte-order mark is invisible in editors: columns on the first line start after it.
    if line == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) && clamped >= 3 { index = 3 }
    while index < clamped {
      // Count scalars: continuation bytes (10xxxxxx) do not start a character.
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return SourceLocation(line: line, column: column)
  }
}
