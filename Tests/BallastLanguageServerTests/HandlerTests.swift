import DockerfileSyntax
import Testing

@testable import BallastLanguageServer

@Suite struct LifecycleTests {
  @Test func initializeNegotiatesUTF8WhenOfferedAndUTF16Otherwise() {
    var client = TestClient()
    let offered = client.request(
      "initialize",
      .object([
        (
          "capabilities",
          .object([
            (
              "general",
              .object([("positionEncodings", .array([.string("utf-16"), .string("utf-8")]))])
            )
          ])
        )
      ]))
    #expect(offered.value(at: "result.capabilities.positionEncoding")?.string == "utf-8")
    #expect(offered.value(at: "result.serverInfo.name")?.string == "ballast")
    var plain = TestClient()
    let result = plain.request("initialize", .object([("capabilities", .object([]))]))
    #expect(result.value(at: "result.capabilities.positionEncoding")?.string == "utf-16")
    #expect(result.value(at: "result.capabilities.textDocumentSync.change")?.int == 2)
    #expect(
      result.value(at: "result.capabilities.codeActionProvider.codeActionKinds")
        == .array([.string("quickfix"), .string("source.fixAll.ballast")]))
  }

  @Test func requestsBeforeInitializeAreRefusedAndNotificationsDropped() {
    var client = TestClient()
    let early = client.request("textDocument/hover", .object([]))
    #expect(early.value(at: "error.code")?.int == -32002)
    client.open("file:///work/Dockerfile", "ADD a /a\n")
    #expect(client.notifications("textDocument/publishDiagnostics").isEmpty)
  }

  @Test func unknownMethodsAreMethodNotFoundAndUnknownNotificationsIgnored() {
    var client = TestClient.started()
    #expect(
      client.request("textDocument/rename", .object([])).value(at: "error.code")?.int == -32601)
    let before = client.sent.count
    client.notify("$/setTrace", .object([("value", .string("off"))]))
    client.notify("workspace/didRenameFiles", .object([]))
    #expect(client.sent.count == before)
  }

  @Test func shutdownThenExitEndsWithZeroAndLaterRequestsAreInvalid() {
    var client = TestClient.started()
    #expect(client.request("shutdown").value(at: "result") == .null)
    #expect(client.request("textDocument/hover").value(at: "error.code")?.int == -32600)
    client.notify("exit")
    #expect(client.server.phase == .exited(0))
  }

  @Test func exitWithoutShutdownEndsWithOne() {
    var client = TestClient.started()
    client.notify("exit")
    #expect(client.server.phase == .exited(1))
  }

  @Test func secondInitializeIsInvalid() {
    var client = TestClient.started()
    #expect(client.request("initialize", .object([])).value(at: "error.code")?.int == -32600)
  }

  @Test func missingParamsAreInvalidParams() {
    var client = TestClient.started()
    #expect(
      client.request("textDocument/hover", .object([])).value(at: "error.code")?.int == -32602)
    #expect(
      client.request("textDocument/hover", .object([TestClient.textDocument("file:///nope")]))
        .value(at: "error.code")?.int == -32803)
  }
}

@Suite struct DiagnosticTests {
  static let uri = "file:///work/app/Dockerfile"
  static let text = """
    FROM debian:12
    COPY app.tar.gz /tmp/app.tar.gz
    RUN rm /tmp/app.tar.gz
    ADD conf /etc/conf
    MAINTAINER Jane

    """

  static func diagnostic(_ list: [JSONValue], _ code: String) -> JSONValue? {
    list.first { $0["code"]?.string == code }
  }

  @Test func openPublishesDiagnosticsWithCodeLinkSourceAndSeverity() throws {
    var client = TestClient.started()
    client.open(Self.uri, Self.text, version: 3)
    let published = try #require(
      client.notifications("textDocument/publishDiagnostics").last?["params"])
    #expect(published["version"]?.int == 3)
    let list = try #require(published["diagnostics"]?.array)
    #expect(list.compactMap { $0["code"]?.string } == ["BL1014", "BL1007", "BL5001", "BL5002"])
    let add = try #require(Self.diagnostic(list, "BL5001"))
    #expect(
      add["range"]
        == Range(start: .init(line: 3, character: 0), end: .init(line: 3, character: 3)).json)
    #expect(add["severity"]?.int == 2)
    #expect(add["source"]?.string == "ballast")
    #expect(
      add.value(at: "codeDescription.href")?.string
        == "https://github.com/ballast-lint/ballast/blob/main/Rules/BL5001.md")
    #expect(add["message"]?.string?.hasPrefix("ADD copies local files here") == true)
    #expect(add["message"]?.string?.contains("\nhelp: use COPY") == true)
    #expect(Self.diagnostic(list, "BL1014")?["severity"]?.int == 3)
  }

  @Test func deprecatedAndUnnecessaryTags() throws {
    var client = TestClient.started()
    client.open(Self.uri, Self.text + "# ballast ignore=BL1005\nRUN true\n")
    let list = try #require(client.diagnostics(Self.uri))
    #expect(Self.diagnostic(list, "BL5002")?["tags"] == .array([.int(2)]))
    #expect(Self.diagnostic(list, "BL5003")?["tags"] == .array([.int(1)]))
    #expect(Self.diagnostic(list, "BL5001")?["tags"] == nil)
    // A client that does not declare tag support gets none.
    var plain = TestClient.started(capabilities: .object([]))
    plain.open(Self.uri, Self.text)
    #expect(Self.diagnostic(plain.diagnostics(Self.uri) ?? [], "BL5002")?["tags"] == nil)
  }

  @Test func relatedInformationPointsAtTheLayerThatAddedTheFile() throws {
    var client = TestClient.started()
    client.open(Self.uri, Self.text)
    let deleted = try #require(Self.diagnostic(client.diagnostics(Self.uri) ?? [], "BL1007"))
    let related = try #require(deleted["relatedInformation"]?.array?.first)
    #expect(related.value(at: "location.uri")?.string == Self.uri)
    #expect(
      related.value(at: "location.range")
        == Range(start: .init(line: 1, character: 16), end: .init(line: 1, character: 31)).json)
    #expect(related["message"]?.string == "added here, in an earlier layer")
  }

  @Test func incrementalChangesRelintTheNewText() throws {
    var client = TestClient.started()
    client.open(Self.uri, "FROM debian:12-slim\nADD conf /etc/conf\n")
    #expect(client.diagnostics(Self.uri)?.compactMap { $0["code"]?.string } == ["BL5001"])
    // Replace `ADD` by `COPY` the way an editor reports the keystrokes.
    client.notify(
      "textDocument/didChange",
      .object([
        ("textDocument", .object([("uri", .string(Self.uri)), ("version", .int(2))])),
        (
          "contentChanges",
          .array([
            .object([
              (
                "range",
                Range(start: .init(line: 1, character: 0), end: .init(line: 1, character: 3)).json
              ),
              ("text", .string("COPY")),
            ])
          ])
        ),
      ]))
    #expect(client.diagnostics(Self.uri) == [])
    #expect(client.server.documents[Self.uri]?.text == "FROM debian:12-slim\nCOPY conf /etc/conf\n")
    #expect(
      client.notifications("textDocument/publishDiagnostics").last?.value(at: "params.version")?.int
        == 2)
  }

  @Test func fullSyncChangeIsAccepted() {
    var client = TestClient.started()
    client.open(Self.uri, "FROM debian:12-slim\n")
    client.notify(
      "textDocument/didChange",
      .object([
        ("textDocument", .object([("uri", .string(Self.uri)), ("version", .int(2))])),
        (
          "contentChanges",
          .array([.object([("text", .string("FROM debian:12-slim\nMAINTAINER x\n"))])])
        ),
      ]))
    #expect(client.diagnostics(Self.uri)?.compactMap { $0["code"]?.string } == ["BL5002"])
  }

  @Test func closeClearsDiagnostics() {
    var client = TestClient.started()
    client.open(Self.uri, Self.text)
    client.notify("textDocument/didClose", .object([TestClient.textDocument(Self.uri)]))
    #expect(client.diagnostics(Self.uri) == [])
    #expect(client.server.documents[Self.uri] == nil)
  }

  @Test func binaryTextGetsOneDiagnosticInsteadOfFindings() {
    var client = TestClient.started()
    client.open(Self.uri, "FROM a\u{0}\nADD x /x\n")
    let list = client.diagnostics(Self.uri) ?? []
    #expect(list.count == 1)
    #expect(list.first?["message"]?.string == "binary data (NUL byte), not a Dockerfile")
  }

  @Test func positionsFollowTheNegotiatedEncoding() throws {
    var client = TestClient.started(
      capabilities: .object([
        ("general", .object([("positionEncodings", .array([.string("utf-8")]))]))
      ]))
    client.open(Self.uri, "FROM debian:12-slim\nLABEL a=\"é😀\"\nADD conf /etc/conf\n")
    client.notify(
      "textDocument/didChange",
      .object([
        ("textDocument", .object([("uri", .string(Self.uri)), ("version", .int(2))])),
        (
          "contentChanges",
          .array([
            .object([
              // UTF-8 bytes: `LABEL a="` is 9, é is 2, 😀 is 4: insert after the emoji.
              (
                "range",
                Range(start: .init(line: 1, character: 15), end: .init(line: 1, character: 15)).json
              ),
              ("text", .string("x")),
            ])
          ])
        ),
      ]))
    #expect(client.server.documents[Self.uri]?.text.contains("é😀x\"") == true)
    let add = try #require(Self.diagnostic(client.diagnostics(Self.uri) ?? [], "BL5001"))
    #expect(add.value(at: "range.start.line")?.int == 2)
  }
}
