import DockerfileSyntax

/// An open document as the client last described it: the text is the client's, never read
/// from disk while the document is open.
struct TextDocument: Sendable {
  let uri: String
  var version: Int
  private(set) var bytes: [UInt8]
  private(set) var lines: LineTable

  init(uri: String, version: Int, text: String) {
    self.uri = uri
    self.version = version
    bytes = Array(text.utf8)
    lines = LineTable(bytes)
  }

  /// One `TextDocumentContentChangeEvent`: a range and its replacement, or the whole text.
  struct Change: Sendable {
    var range: Range?
    var text: String

    init(range: Range?, text: String) {
      self.range = range
      self.text = text
    }

    init?(_ value: JSONValue) {
      guard let text = value["text"]?.string else { return nil }
      if let rangeValue = value["range"], !rangeValue.isNull {
        guard let range = Range(rangeValue) else { return nil }
        self.init(range: range, text: text)
      } else {
        self.init(range: nil, text: text)
      }
    }
  }

  /// Applies changes in order, each against the text the previous one left (LSP's rule).
  mutating func apply(_ changes: [Change], encoding: PositionEncoding) {
    for change in changes {
      guard let range = change.range else {
        bytes = Array(change.text.utf8)
        lines = LineTable(bytes)
        continue
      }
      var lower = lines.offset(of: range.start, in: bytes, encoding: encoding)
      var upper = lines.offset(of: range.end, in: bytes, encoding: encoding)
      if upper < lower { swap(&lower, &upper) }
      bytes.replaceSubrange(lower..<upper, with: change.text.utf8)
      lines = LineTable(bytes)
    }
  }

  var text: String { String(decoding: bytes, as: UTF8.self) }

  func offset(of position: Position, encoding: PositionEncoding) -> Int {
    lines.offset(of: position, in: bytes, encoding: encoding)
  }

  func position(of offset: Int, encoding: PositionEncoding) -> Position {
    lines.position(of: offset, in: bytes, encoding: encoding)
  }

  func range(of range: SourceRange, encoding: PositionEncoding) -> Range {
    let positions = lines.positions(of: [range.start, range.end], in: bytes, encoding: encoding)
    return Range(start: positions[range.start]!, end: positions[range.end]!)
  }
}
