/// One instruction's text after BuildKit joins its physical lines: continuation characters,
/// comment lines and empty continuation lines are gone. Every logical byte still knows its
/// source offset, so ranges found in the joined text point back into the file.
struct LogicalLine {
  private(set) var bytes: [UInt8] = []
  /// Start of each copied piece: (offset in `bytes`, offset in the source).
  private var pieces: [(logical: Int, source: Int)] = []
  private var sourceEnd = 0

  mutating func append(_ source: [UInt8], _ range: Range<Int>) {
    guard !range.isEmpty else { return }
    pieces.append((bytes.count, range.lowerBound))
    bytes.append(contentsOf: source[range])
    sourceEnd = range.upperBound
  }

  /// Source offset of the logical byte at `offset` (the end of the text maps past the last byte).
  func sourceOffset(_ offset: Int) -> Int {
    guard !pieces.isEmpty else { return sourceEnd }
    if offset >= bytes.count { return sourceEnd }
    var low = 0
    var high = pieces.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if pieces[mid].logical <= offset { low = mid } else { high = mid - 1 }
    }
    return pieces[low].source + (offset - pieces[low].logical)
  }

  /// Source range of the logical bytes `start..<end`; an empty range stays empty.
  func sourceRange(_ start: Int, _ end: Int) -> SourceRange {
    let lower = sourceOffset(start)
    guard end > start else { return SourceRange(start: lower, end: lower) }
    return SourceRange(start: lower, end: sourceOffset(end - 1) + 1)
  }

  /// The piece map for text starting at logical offset `origin`, kept on the instruction so
  /// later layers (the shell reader) can place what they find inside `original`.
  func textMap(origin: Int) -> TextMap {
    TextMap(
      logicalStarts: pieces.map { $0.logical - origin }, sourceStarts: pieces.map(\.source),
      sourceEnd: sourceEnd, length: bytes.count - origin)
  }

  func text(_ start: Int, _ end: Int) -> String {
    String(decoding: bytes[start..<end], as: UTF8.self)
  }
}

/// Maps UTF-8 offsets in an instruction's `original` text back to the file.
public struct TextMap: Hashable, Sendable {
  var logicalStarts: [Int]
  var sourceStarts: [Int]
  var sourceEnd: Int
  var length: Int

  public func sourceOffset(_ offset: Int) -> Int {
    guard !logicalStarts.isEmpty else { return sourceEnd }
    if offset >= length { return sourceEnd }
    var low = 0
    var high = logicalStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if logicalStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return sourceStarts[low] + (offset - logicalStarts[low])
  }

  /// Source range of `original` bytes `start..<end`.
  public func sourceRange(_ start: Int, _ end: Int) -> SourceRange {
    let lower = sourceOffset(start)
    guard end > start else { return SourceRange(start: lower, end: lower) }
    return SourceRange(start: lower, end: sourceOffset(end - 1) + 1)
  }
}
