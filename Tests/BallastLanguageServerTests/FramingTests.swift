import DockerfileSyntax
import LintEngine
import Testing

@testable import BallastLanguageServer

@Suite struct FramingTests {
  static func framed(_ body: String) -> [UInt8] { MessageFramer.frame(body) }

  static func events(_ chunks: [[UInt8]]) -> [MessageFramer.Event] {
    var framer = MessageFramer()
    var events: [MessageFramer.Event] = []
    for chunk in chunks {
      framer.append(chunk)
      while let event = framer.next() { events.append(event) }
    }
    return events
  }

  @Test func frameWritesContentLengthInBytes() {
    let framed = String(decoding: Self.framed("{\"a\":\"é\"}"), as: UTF8.self)
    #expect(framed == "Content-Length: 10\r\n\r\n{\"a\":\"é\"}")
  }

  @Test func messagesSplitAtEveryByteArriveWhole() {
    let stream = Self.framed("{\"id\":1}") + Self.framed("{\"id\":22}")
    let events = Self.events(stream.map { [$0] })
    #expect(
      events == [.message(Array("{\"id\":1}".utf8)), .message(Array("{\"id\":22}".utf8))])
  }

  @Test func severalMessagesInOneRead() {
    let stream = Self.framed("[1]") + Self.framed("[2]") + Self.framed("[3]")
    #expect(Self.events([stream]).count == 3)
  }

  @Test func bodyMayHoldHeaderLikeTextAndCRLF() {
    let body = "{\"text\":\"Content-Length: 5\\r\\n\\r\\n\"}"
    #expect(Self.events([Self.framed(body)]) == [.message(Array(body.utf8))])
  }

  @Test func contentTypeAndHeaderCaseAreAccepted() {
    let stream = Array(
      "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}".utf8)
    #expect(Self.events([stream]) == [.message(Array("{}".utf8))])
  }

  @Test func lineFeedOnlyHeadersAreAccepted() {
    #expect(Self.events([Array("Content-Length: 2\n\n{}".utf8)]) == [.message(Array("{}".utf8))])
  }

  @Test func missingLengthIsReportedAndTheNextMessageStillArrives() {
    let stream = Array("Content-Type: x\r\n\r\n".utf8) + Self.framed("{}")
    let events = Self.events([stream])
    #expect(events == [.malformed("no Content-Length header"), .message(Array("{}".utf8))])
  }

  @Test func nonNumericLengthIsReported() {
    let events = Self.events([Array("Content-Length: -3\r\n\r\n".utf8) + Self.framed("{}")])
    #expect(events.count == 2)
    #expect(events.first == .malformed("Content-Length is not a number: -3"))
    #expect(events.last == .message(Array("{}".utf8)))
  }

  @Test func headerBlockOfJunkIsReported() {
    let events = Self.events([Array("garbage\r\n\r\n".utf8) + Self.framed("{}")])
    #expect(
      events == [
        .malformed("header line without ':': garbage"), .malformed("no Content-Length header"),
        .message(Array("{}".utf8)),
      ])
  }

  @Test func oversizedBodyIsSkippedWithoutBeingKept() {
    let length = MessageFramer.maximumBodySize + 10
    var framer = MessageFramer()
    framer.append(Array("Content-Length: \(length)\r\n\r\n".utf8))
    guard case .malformed(let problem)? = framer.next() else {
      Issue.record("expected a problem")
      return
    }
    #expect(problem.contains("larger than"))
    // The skipped bytes arrive in pieces and are dropped as they come.
    var remaining = length
    let piece = [UInt8](repeating: 0x41, count: 1 << 20)
    while remaining > 0 {
      let count = min(remaining, piece.count)
      framer.append(piece[0..<count])
      #expect(framer.next() == nil)
      #expect(framer.bufferedByteCount == 0)
      remaining -= count
    }
    framer.append(Self.framed("{}"))
    #expect(framer.next() == .message(Array("{}".utf8)))
  }

  @Test func runawayHeaderIsDroppedAndTheStreamResynchronises() {
    let junk = [UInt8](repeating: UInt8(ascii: "x"), count: MessageFramer.maximumHeaderSize + 1)
    let events = Self.events([junk, [0x0A] + Self.framed("{}")])
    #expect(
      events == [.malformed("no end of headers within 8192 bytes"), .message(Array("{}".utf8))])
  }

  @Test func junkLineBeforeAGoodHeaderIsReportedAndTheMessageKept() {
    let events = Self.events([Array("garbage\r\n".utf8) + Self.framed("{}")])
    #expect(events == [.malformed("header line without ':': garbage"), .message(Array("{}".utf8))])
  }

  @Test func strayBlankLinesBetweenMessagesAreSkipped() {
    let stream = Self.framed("{}") + Array("\r\n".utf8) + Self.framed("[]")
    #expect(Self.events([stream]) == [.message(Array("{}".utf8)), .message(Array("[]".utf8))])
  }

  @Test func zeroLengthBodyIsAnEmptyMessage() {
    #expect(Self.events([Array("Content-Length: 0\r\n\r\n".utf8)]) == [.message([])])
  }
}

@Suite struct MessageDecodingTests {
  static func decode(_ text: String) -> Result<IncomingMessage, IncomingMessage.DecodeFailure> {
    IncomingMessage.decode(Array(text.utf8))
  }

  @Test func requestWithNumberOrStringID() throws {
    guard
      case .success(.request(let id, let method, let params)) = Self.decode(
        #"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#)
    else {
      Issue.record("not a request")
      return
    }
    #expect(id == .int(7))
    #expect(method == "shutdown")
    #expect(params.isNull)
    guard
      case .success(.request(let stringID, _, _)) = Self.decode(
        #"{"jsonrpc":"2.0","id":"a-1","method":"x","params":{}}"#)
    else {
      Issue.record("not a request")
      return
    }
    #expect(stringID == .string("a-1"))
  }

  @Test func notificationAndResponse() {
    guard
      case .success(.notification("initialized", _)) = Self.decode(
        #"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
    else {
      Issue.record("not a notification")
      return
    }
    guard
      case .success(.response(.string("s1"), let result, nil)) = Self.decode(
        #"{"jsonrpc":"2.0","id":"s1","result":[null]}"#)
    else {
      Issue.record("not a response")
      return
    }
    #expect(result == .array([.null]))
  }

  @Test(arguments: [
    (#"{"jsonrpc":"2.0","id":1,"method":"#, -32700, nil as Int?),
    (#"[{"jsonrpc":"2.0","id":1,"method":"x"}]"#, -32600, nil),
    ("42", -32600, nil),
    (#"{"jsonrpc":"1.0","id":3,"method":"x"}"#, -32600, 3),
    (#"{"jsonrpc":"2.0","id":4,"method":5}"#, -32600, 4),
    (#"{"jsonrpc":"2.0","id":5}"#, -32600, 5),
    (#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#, -32600, nil),
  ])
  func malformedMessagesGetTheirErrorCode(text: String, code: Int, id: Int?) {
    guard case .failure(let failure) = Self.decode(text) else {
      Issue.record("decoded \(text)")
      return
    }
    #expect(failure.error.code.rawValue == code)
    #expect(failure.id == id.map(RequestID.int))
  }

  @Test func surrogatePairEscapesDecodeToOneScalar() throws {
    let value = try JSONReader.parse(#"{"t":"a\ud83d\ude00b\u00e9"}"#)
    #expect(value["t"]?.string == "a😀bé")
  }

  @Test func loneSurrogatesBecomeReplacementCharacters() throws {
    let value = try JSONReader.parse(#"{"t":"\ud83dx\ude00"}"#)
    #expect(value["t"]?.string == "\u{FFFD}x\u{FFFD}")
  }

  @Test func invalidUTF8InsideAStringIsReplacedNotFatal() {
    let bytes =
      Array(#"{"jsonrpc":"2.0","method":"m","params":{"t":"a"#.utf8) + [0xFF, 0xC3]
      + Array(#""}}"#.utf8)
    guard case .success(.notification("m", let params)) = IncomingMessage.decode(bytes) else {
      Issue.record("not decoded")
      return
    }
    #expect(params["t"]?.string == "a\u{FFFD}\u{FFFD}")
  }
}
