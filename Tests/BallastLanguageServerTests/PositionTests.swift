import DockerfileSyntax
import Testing

@testable import BallastLanguageServer

@Suite struct PositionTests {
  // "é" is 2 UTF-8 bytes and 1 UTF-16 unit; "😀" is 4 bytes, 2 UTF-16 units (a surrogate
  // pair) and 1 UTF-32 unit.
  static let text = "RUN é😀x\r\nLABEL a=b\rENV c=d\nEND"
  static let bytes = Array(text.utf8)
  static let table = LineTable(bytes)

  static func position(_ line: Int, _ character: Int) -> Position {
    Position(line: line, character: character)
  }

  @Test func linesEndAtLineFeedCRLFAndLoneCarriageReturn() {
    #expect(Self.table.count == 4)
    #expect(Self.table.starts == [0, 13, 23, 31])
    #expect(Self.table.contentEnd(of: 0, in: Self.bytes) == 11)
    #expect(Self.table.contentEnd(of: 1, in: Self.bytes) == 22)
    #expect(Self.table.contentEnd(of: 3, in: Self.bytes) == Self.bytes.count)
  }

  @Test(arguments: [
    // (encoding, character, byte offset of that character on line 0)
    (PositionEncoding.utf16, 4, 4), (.utf16, 5, 6), (.utf16, 7, 10), (.utf16, 8, 11),
    (.utf8, 6, 6), (.utf8, 10, 10), (.utf32, 6, 10), (.utf32, 7, 11),
  ])
  func characterToOffsetAndBack(encoding: PositionEncoding, character: Int, offset: Int) {
    let position = Self.position(0, character)
    #expect(Self.table.offset(of: position, in: Self.bytes, encoding: encoding) == offset)
    #expect(Self.table.position(of: offset, in: Self.bytes, encoding: encoding) == position)
  }

  @Test func halfASurrogatePairMeansTheScalarStart() {
    // UTF-16 character 6 is between the two halves of 😀 (bytes 6..<10).
    #expect(Self.table.offset(of: Self.position(0, 6), in: Self.bytes, encoding: .utf16) == 6)
    // A UTF-8 offset inside é snaps back to its first byte.
    #expect(Self.table.offset(of: Self.position(0, 5), in: Self.bytes, encoding: .utf8) == 4)
  }

  @Test func pastTheEndOfALineMeansItsEndAndPastTheLastLineTheEnd() {
    #expect(Self.table.offset(of: Self.position(0, 99), in: Self.bytes, encoding: .utf16) == 11)
    #expect(Self.table.offset(of: Self.position(1, 99), in: Self.bytes, encoding: .utf8) == 22)
    #expect(
      Self.table.offset(of: Self.position(40, 0), in: Self.bytes, encoding: .utf16)
        == Self.bytes.count)
  }

  @Test func offsetsInsideALineBreakBelongToTheLineEnd() {
    // Byte 12 is the \n of \r\n: the editor's position is the end of line 0.
    #expect(Self.table.position(of: 12, in: Self.bytes, encoding: .utf16) == Self.position(0, 8))
    #expect(Self.table.position(of: 13, in: Self.bytes, encoding: .utf16) == Self.position(1, 0))
    #expect(Self.table.position(of: 26, in: Self.bytes, encoding: .utf16) == Self.position(2, 3))
  }

  @Test func batchConversionEqualsOneByOne() {
    let offsets = Array(0...Self.bytes.count).reversed() + [3, 3, 10]
    for encoding in [PositionEncoding.utf8, .utf16, .utf32] {
      let batch = Self.table.positions(of: offsets, in: Self.bytes, encoding: encoding)
      for offset in offsets {
        var single = LineTable(Self.bytes).positions(
          of: [offset], in: Self.bytes, encoding: encoding)
        #expect(batch[offset] == single.removeValue(forKey: offset))
      }
    }
  }

  @Test func negotiationPrefersUTF8AndDefaultsToUTF16() {
    #expect(PositionEncoding.negotiate(offered: ["utf-16", "utf-8"]) == .utf8)
    #expect(PositionEncoding.negotiate(offered: ["utf-32", "utf-16"]) == .utf16)
    #expect(PositionEncoding.negotiate(offered: nil) == .utf16)
  }
}

@Suite struct TextDocumentTests {
  static func change(
    _ line: Int, _ character: Int, _ endLine: Int, _ endCharacter: Int, _ text: String
  )
    -> TextDocument.Change
  {
    TextDocument.Change(
      range: Range(
        start: Position(line: line, character: character),
        end: Position(line: endLine, character: endCharacter)), text: text)
  }

  @Test func incrementalChangesApplyInOrderWithUTF16Positions() {
    var document = TextDocument(uri: "file:///d", version: 1, text: "FROM a😀b\nRUN x\n")
    document.apply(
      [
        // After 😀 (2 units): insert "c"; then replace "x" on line 1 with "y z".
        Self.change(0, 8, 0, 8, "c"),
        Self.change(1, 4, 1, 5, "y z"),
        // Insert a line at the start: later changes would see the new numbering.
        Self.change(0, 0, 0, 0, "# hi\n"),
      ], encoding: .utf16)
    #expect(document.text == "# hi\nFROM a😀cb\nRUN y z\n")
    #expect(document.lines.count == 4)
  }

  @Test func fullChangeReplacesTheText() {
    var document = TextDocument(uri: "file:///d", version: 1, text: "FROM a\n")
    document.apply([TextDocument.Change(range: nil, text: "FROM b\r\nRUN c")], encoding: .utf16)
    #expect(document.text == "FROM b\r\nRUN c")
    #expect(document.lines.starts == [0, 8])
  }

  @Test func deletionAcrossLinesAndAReversedRange() {
    var document = TextDocument(uri: "file:///d", version: 1, text: "a\nbb\nccc\n")
    document.apply([Self.change(2, 1, 0, 1, "")], encoding: .utf8)
    #expect(document.text == "acc\n")
  }

  @Test func changeDecodingRejectsChangesWithoutText() {
    #expect(TextDocument.Change(.object([("range", .null)])) == nil)
    let whole = TextDocument.Change(.object([("text", .string("x"))]))
    #expect(whole?.range == nil && whole?.text == "x")
  }
}

@Suite struct DocumentURITests {
  @Test func fileURIsDecodeToPaths() {
    #expect(DocumentURI.path(of: "file:///work/a%20b/Dockerfile") == "/work/a b/Dockerfile")
    #expect(DocumentURI.path(of: "file://localhost/etc/x") == "/etc/x")
    #expect(DocumentURI.path(of: "file:///caf%C3%A9/D") == "/café/D")
    #expect(DocumentURI.path(of: "untitled:Untitled-1") == nil)
    #expect(DocumentURI.path(of: "file:///bad%zz") == nil)
    #expect(DocumentURI.path(of: "file:///nul%00") == nil)
  }

  @Test func pathsEncodeToURIsThatDecodeBack() {
    let path = "/tmp/ä b#c/.ballast.json"
    let uri = DocumentURI.uri(forPath: path)
    #expect(uri == "file:///tmp/%C3%A4%20b%23c/.ballast.json")
    #expect(DocumentURI.path(of: uri) == path)
  }
}
