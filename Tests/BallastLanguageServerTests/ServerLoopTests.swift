import DockerfileSyntax
import LintEngine
import Testing

@testable import BallastLanguageServer

/// Reads scripted chunks, then reports the connection closed; keeps what is written.
struct ScriptedChannel: MessageChannel {
  var chunks: [ChannelRead]
  var written: [UInt8] = []
  /// Writes fail after this many messages (a client that went away).
  var writesBeforeFailure = Int.max

  init(_ chunks: [ChannelRead]) { self.chunks = chunks }

  mutating func read(timeout: Int32) -> ChannelRead {
    chunks.isEmpty ? .closed : chunks.removeFirst()
  }

  mutating func write(_ bytes: [UInt8]) -> Bool {
    guard writesBeforeFailure > 0 else { return false }
    writesBeforeFailure -= 1
    written += bytes
    return true
  }

  /// The messages written, decoded.
  var messages: [JSONValue] {
    var framer = MessageFramer()
    framer.append(written)
    var result: [JSONValue] = []
    while case .message(let body)? = framer.next() {
      if let value = try? JSONReader.parse(bytes: body) { result.append(value) }
    }
    return result
  }
}

@Suite struct ServerLoopTests {
  static func message(_ text: String) -> ChannelRead { .bytes(MessageFramer.frame(text)) }

  static let initialize = message(
    #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
  static let initialized = message(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
  static let shutdown = message(#"{"jsonrpc":"2.0","id":99,"method":"shutdown"}"#)
  static let exit = message(#"{"jsonrpc":"2.0","method":"exit"}"#)

  static func open(_ text: String) -> ChannelRead {
    message(
      #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"\#(text)"}}}"#
    )
  }

  static func run(
    _ chunks: [ChannelRead], configure: (inout ServerLoop<ScriptedChannel>) -> Void = { _ in }
  )
    -> (status: Int32, messages: [JSONValue], logs: [String])
  {
    let logs = LogLines()
    var server = LanguageServer(version: "test", fileSystem: MemoryFiles())
    server.log = { logs.append($0) }
    var loop = ServerLoop(server: server, channel: ScriptedChannel(chunks))
    configure(&loop)
    let status = loop.run()
    return (status, loop.channel.messages, logs.all)
  }

  @Test func fullSessionEndsWithZero() {
    let (status, messages, _) = Self.run([
      Self.initialize, Self.initialized, Self.open(#"ADD a /a\n"#), .timedOut, Self.shutdown,
      Self.exit,
    ])
    #expect(status == 0)
    #expect(messages.first?.value(at: "result.capabilities") != nil)
    #expect(messages.contains { $0["method"]?.string == "textDocument/publishDiagnostics" })
    #expect(messages.last?["id"]?.int == 99)
  }

  @Test func undecodableMessageIsAnsweredBeforeTheNextRead() {
    // Alone in its read, with nothing after it: the answer must not wait for another message.
    let (_, messages, _) = Self.run([Self.initialize, Self.initialized, Self.message("{not json")])
    #expect(messages.contains { $0.value(at: "error.code")?.int == -32700 })
  }

  @Test func burstOfChangesIsLintedOnce() {
    func change(_ version: Int, _ text: String) -> [UInt8] {
      MessageFramer.frame(
        #"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w/Dockerfile","version":\#(version)},"contentChanges":[{"text":"\#(text)"}]}}"#
      )
    }
    // Four messages in one read: only the last version is published.
    let burst =
      change(2, "FROM a") + change(3, "FROM ab") + change(4, "FROM abc") + change(5, #"ADD x /x\n"#)
    let (_, messages, _) = Self.run([
      Self.initialize, Self.initialized, Self.open("FROM a"), .bytes(burst), .timedOut, Self.exit,
    ])
    let published = messages.filter { $0["method"]?.string == "textDocument/publishDiagnostics" }
    #expect(published.compactMap { $0.value(at: "params.version")?.int } == [5])
  }

  @Test func requestCancelledWhileWaitingIsAnsweredAsCancelled() {
    let hover = MessageFramer.frame(
      #"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w/Dockerfile"},"position":{"line":0,"character":0}}}"#
    )
    let cancel = MessageFramer.frame(
      #"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":7}}"#)
    let (_, messages, _) = Self.run([
      Self.initialize, Self.initialized, Self.open("FROM a"), .bytes(hover + cancel), Self.exit,
    ])
    let answer = messages.first { $0["id"]?.int == 7 }
    #expect(answer?.value(at: "error.code")?.int == -32800)
  }

  @Test func malformedInputIsAnsweredOrLoggedAndTheSessionGoesOn() {
    let (status, messages, logs) = Self.run([
      Self.initialize,
      .bytes(Array("Content-Length: nope\r\n\r\n".utf8)),
      Self.message("{not json"),
      Self.message(#"[{"jsonrpc":"2.0","id":2,"method":"shutdown"}]"#),
      Self.message(#"{"jsonrpc":"2.0","id":3,"method":"textDocument/unknown"}"#),
      Self.shutdown, Self.exit,
    ])
    #expect(status == 0)
    let errors = messages.compactMap { $0.value(at: "error.code")?.int }
    #expect(errors == [-32700, -32600, -32601])
    #expect(logs.contains { $0.contains("Content-Length is not a number") })
  }

  @Test func vanishedClientEndsTheServerWithOne() {
    let (status, _, logs) = Self.run([Self.initialize, Self.initialized])
    #expect(status == 1)
    #expect(logs.last == "the client closed the connection without exit")
  }

  @Test func failedWriteEndsTheServerWithOne() {
    let (status, _, logs) = Self.run([Self.initialize, Self.initialized, Self.shutdown]) { loop in
      loop.channel.writesBeforeFailure = 0
    }
    #expect(status == 1)
    #expect(logs.last == "cannot write to the client; exiting")
  }

  @Test func deadClientProcessEndsTheServer() {
    let initialize = Self.message(
      #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":4242,"capabilities":{}}}"#
    )
    let (status, _, logs) = Self.run([initialize, .timedOut, .timedOut]) { loop in
      loop.processIsAlive = { $0 != 4242 }
    }
    #expect(status == 1)
    #expect(logs.last == "the client process 4242 is gone; exiting")
  }

  @Test func largeDocumentArrivingInPipeSizedPiecesIsLinted() {
    // 1 MB in 64 KB pieces, as a pipe delivers them (the end-to-end tests send 10 MB; the
    // debug build lints that for seconds).
    let line = "RUN echo " + String(repeating: "x", count: 1000) + #"\n"#
    let text = "FROM alpine:3.20" + #"\n"# + String(repeating: line, count: 1_048_576 / 1010)
    let framed = MessageFramer.frame(
      #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/Dockerfile","languageId":"dockerfile","version":1,"text":"\#(text)"}}}"#
    )
    var chunks: [ChannelRead] = [Self.initialize, Self.initialized]
    var start = 0
    while start < framed.count {
      chunks.append(.bytes(Array(framed[start..<min(start + 65536, framed.count)])))
      start += 65536
    }
    let (status, messages, _) = Self.run(chunks + [.timedOut, Self.shutdown, Self.exit])
    #expect(status == 0)
    #expect(messages.contains { $0["method"]?.string == "textDocument/publishDiagnostics" })
  }
}
