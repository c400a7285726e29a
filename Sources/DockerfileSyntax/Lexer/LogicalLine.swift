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
      pieces: pieces.map { (logical: $0.logical - origin, source: $0.source) },
      sourceEnd: sourceEnd, length: bytes.count - origin)
  }

  func text(_ start: Int, _ end: Int) -> String {
    String(decoding: bytes[start..<end], as: UTF8.self)
  }
}

/// Maps UTF-8 offsets in an instruction's `original` text back to the file.
public struct TextMap: Hashable, Sendable {
  // Most instructions are one physical line: their single piece is kept inline, and only
  // continuation lines allocate, which saves two arrays per instruction on large files.
  private var firstLogical = 0
  private var firstSource: Int?
  private var laterLogicalStarts: [Int] = []
  private var laterSourceStarts: [Int] = []
  var sourceEnd: Int
  var length: Int

  init(pieces: [(logical: Int, source: Int)], sourceEnd: Int, length: Int) {
    if let first = pieces.first {
      firstLogical = first.logical
      firstSource = first.source
      laterLogicalStarts = pieces.dropFirst().map(\.logical)
      laterSourceStarts = pieces.dropFirst().map(\.source)
    }
    self.sourceEnd = sourceEnd
    self.length = length
  }

  public func sourceOffset(_ offset: Int) -> Int {
    guard let firstSource, offset < length else { return sourceEnd }
    guard let nextStart = laterLogicalStarts.first, offset >= nextStart else {
      return firstSource + (offset - firstLogical)
    }
    var low = 0
    var high = laterLogicalStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if laterLogicalStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return laterSourceStarts[low] + (offset - laterLogicalStarts[low])
  }

  /// Source range of `original` bytes `start..<end`.
  public func sourceRange(_ start: Int, _ end: Int) -> SourceRange {
    let lower = sourceOffset(start)
    guard end > start else { return SourceRange(start: lower, end: lower) }
    return SourceRange(start: lower, end: sourceOffset(end - 1) + 1)
  }
}
