import DockerfileSyntax
import Testing

@testable import BallastLanguageServer

@Suite struct ConfigurationTests {
  static let uri = "file:///work/svc/Dockerfile"
  static let text = "FROM debian:12-slim\nADD conf /etc/conf\nMAINTAINER Jane\n"

  static func codes(_ client: TestClient) -> [String] {
    client.diagnostics(uri)?.compactMap { $0["code"]?.string } ?? []
  }

  @Test func nearestConfigurationFileApplies() {
    var client = TestClient.started(files: [
      "/work/.ballast.json": #"{"ignore": ["BL5002"]}"#,
      "/work/svc/other/.ballast.json": #"{"ignore": ["BL5001"]}"#,
    ])
    client.open(Self.uri, Self.text)
    #expect(Self.codes(client) == ["BL5001"])
  }

  @Test func changedConfigurationIsReadAgainWhenTheWatcherSaysSo() {
    var client = TestClient.started(files: ["/work/.ballast.json": #"{"ignore": ["BL5002"]}"#])
    client.open(Self.uri, Self.text)
    client.files["/work/.ballast.json"] = #"{"ignore": ["BL5001"]}"#
    // Without a notice the cached configuration stays.
    client.notify("workspace/didChangeConfiguration", .object([("settings", .null)]))
    #expect(Self.codes(client) == ["BL5001"])
    client.notify(
      "workspace/didChangeWatchedFiles",
      .object([
        (
          "changes",
          .array([.object([("uri", .string("file:///work/.ballast.json")), ("type", .int(2))])])
        )
      ]))
    #expect(Self.codes(client) == ["BL5002"])
  }

  @Test func savingReadsTheConfigurationAgain() {
    var client = TestClient.started(files: [:])
    client.open(Self.uri, Self.text)
    #expect(Self.codes(client) == ["BL5001", "BL5002"])
    client.files["/work/svc/.ballast.json"] = #"{"rules": {"BL5001": {"severity": "error"}}}"#
    client.notify("textDocument/didSave", .object([TestClient.textDocument(Self.uri)]))
    #expect(client.diagnostics(Self.uri)?.first?["severity"]?.int == 1)
  }

  @Test func brokenConfigurationIsShownOnItsFileAndTheDefaultsApply() throws {
    var client = TestClient.started(files: [
      "/work/.ballast.json": "{\n  \"ignore\": [\"BL9999\"]\n}\n"
    ])
    client.open(Self.uri, Self.text)
    #expect(Self.codes(client) == ["BL5001", "BL5002"])
    let shown = client.notifications("window/showMessage")
    #expect(shown.count == 1)
    #expect(shown.first?.value(at: "params.type")?.int == 1)
    #expect(
      shown.first?.value(at: "params.message")?.string?.contains("unknown rule 'BL9999'") == true)
    let configURI = "file:///work/.ballast.json"
    let onFile = try #require(client.diagnostics(configURI)?.first)
    #expect(
      onFile["range"]
        == Range(start: .init(line: 1, character: 13), end: .init(line: 1, character: 21)).json)
    // Fixed on disk and announced: the diagnostic goes away, the configuration applies.
    client.files["/work/.ballast.json"] = #"{"ignore": ["BL5002"]}"#
    client.notify(
      "workspace/didChangeWatchedFiles",
      .object([("changes", .array([.object([("uri", .string(configURI)), ("type", .int(2))])]))]))
    #expect(client.diagnostics(configURI) == [])
    #expect(Self.codes(client) == ["BL5001"])
  }

  @Test func openConfigurationFileIsCheckedAsYouType() throws {
    var client = TestClient.started()
    let configURI = "file:///work/.ballast.json"
    client.open(configURI, "{\"version\": 1,\n \"rules\": {\"BL1004\": {\"severity\": \"loud\"}}}")
    let problem = try #require(client.diagnostics(configURI)?.first)
    #expect(
      problem["message"]?.string?.hasPrefix("'rules.BL1004.severity' must be one of error") == true)
    #expect(problem.value(at: "range.start.line")?.int == 1)
    client.open(configURI, "{\"version\": 1,\n")
    #expect(client.diagnostics(configURI)?.first?.value(at: "range.start.line")?.int == 1)
  }

  @Test func settingsFromInitializationOptionsAndDidChangeConfiguration() {
    var client = TestClient.started(
      initializationOptions: .object([("select", .array([.string("BL5002")]))]))
    client.open(Self.uri, Self.text)
    #expect(Self.codes(client) == ["BL5002"])
    client.notify(
      "workspace/didChangeConfiguration",
      .object([
        (
          "settings",
          .object([("ballast", .object([("ignore", .array([.string("add-instead-of-copy")]))]))])
        )
      ]))
    #expect(Self.codes(client) == ["BL5002"])
    client.notify(
      "workspace/didChangeConfiguration",
      .object([
        (
          "settings",
          .object([
            (
              "ballast",
              .object([("rules", .object([("BL5002", .object([("enabled", .bool(false))]))]))])
            )
          ])
        )
      ]))
    #expect(Self.codes(client) == ["BL5001"])
  }

  @Test func settingsCanNameAConfigFileOrSwitchFilesOff() {
    var client = TestClient.started(
      files: [
        "/work/.ballast.json": #"{"ignore": ["BL5002"]}"#,
        "/work/ci/strict.json": #"{"ignore": ["BL5001"]}"#,
      ],
      initializationOptions: .object([("configPath", .string("ci/strict.json"))]))
    client.open(Self.uri, Self.text)
    #expect(Self.codes(client) == ["BL5002"])
    client.notify(
      "workspace/didChangeConfiguration",
      .object([("settings", .object([("useConfigFiles", .bool(false))]))]))
    #expect(Self.codes(client) == ["BL5001", "BL5002"])
  }

  @Test func unknownSettingsAreShownAndTheRestApplies() {
    var client = TestClient.started(
      initializationOptions: .object([
        ("ignore", .array([.string("BL5001")])), ("colour", .string("red")),
      ]))
    client.open(Self.uri, Self.text)
    #expect(Self.codes(client) == ["BL5002"])
    #expect(
      client.notifications("window/showMessage").first?.value(at: "params.message")?.string
        == "ballast: unknown setting 'colour'")
  }

  @Test func pullModelAsksForTheSectionAndUsesTheAnswer() throws {
    var client = TestClient.started(
      capabilities: .object([
        (
          "workspace",
          .object([
            ("configuration", .bool(true)),
            ("didChangeWatchedFiles", .object([("dynamicRegistration", .bool(true))])),
          ])
        )
      ]))
    let register = try #require(
      client.sent.first { $0["method"]?.string == "client/registerCapability" })
    #expect(
      register.value(at: "params.registrations")?.array?.first?.value(
        at: "registerOptions.watchers")?
        .array?.first?["globPattern"]?.string == "**/.ballast.json")
    let ask = try #require(client.sent.last { $0["method"]?.string == "workspace/configuration" })
    #expect(ask.value(at: "params.items")?.array?.first?["section"]?.string == "ballast")
    client.open(Self.uri, Self.text)
    let id = try #require(RequestID(ask["id"]))
    client.deliver(
      .response(
        id: id, result: .array([.object([("ignore", .array([.string("BL5002")]))])]), error: nil))
    #expect(Self.codes(client) == ["BL5001"])
    // didChangeConfiguration makes the server ask again.
    client.notify("workspace/didChangeConfiguration", .object([("settings", .null)]))
    #expect(client.sent.filter { $0["method"]?.string == "workspace/configuration" }.count == 2)
  }

  @Test func pulledNullSectionKeepsTheInitializationOptions() throws {
    var client = TestClient.started(
      capabilities: .object([("workspace", .object([("configuration", .bool(true))]))]),
      initializationOptions: .object([("ignore", .array([.string("BL5002")]))]))
    let ask = try #require(client.sent.last { $0["method"]?.string == "workspace/configuration" })
    client.open(Self.uri, Self.text)
    client.deliver(
      .response(id: try #require(RequestID(ask["id"])), result: .array([.null]), error: nil))
    #expect(Self.codes(client) == ["BL5001"])
  }

  @Test func buildContextIsReadAsTheCommandLineReadsIt() {
    let text = "FROM debian:12-slim\nCOPY . /app\n"
    let files = [
      "/work/svc/app.py": "print(1)\n",
      "/work/svc/node_modules/big.js": String(repeating: "x", count: 2_000_000),
    ]
    var without = TestClient.started(files: files)
    without.open(Self.uri, text)
    let message = without.diagnostics(Self.uri)?.first?["message"]?.string ?? ""
    #expect(message.contains("`node_modules` (2.0 MB)"))
    #expect(message.contains("there is no .dockerignore"))
    var ignoring = files
    ignoring["/work/svc/.dockerignore"] = "node_modules\n"
    var with = TestClient.started(files: ignoring)
    with.open(Self.uri, text)
    #expect(with.diagnostics(Self.uri) == [])
  }

  @Test func contextIsReadOnceAndAgainAfterASave() {
    let files = ["/work/svc/app.py": "print(1)\n"]
    var client = TestClient.started(files: files)
    client.open(Self.uri, "FROM debian:12-slim\nCOPY . /app\n")
    #expect(client.diagnostics(Self.uri) == [])
    // A new folder appears: the cached context does not see it until a save.
    client.files["/work/svc/node_modules/big.js"] = String(repeating: "x", count: 2_000_000)
    client.notify(
      "textDocument/didChange",
      .object([
        ("textDocument", .object([("uri", .string(Self.uri)), ("version", .int(2))])),
        (
          "contentChanges",
          .array([.object([("text", .string("FROM debian:12-slim\nCOPY . /srv\n"))])])
        ),
      ]))
    #expect(client.diagnostics(Self.uri) == [])
    client.notify("textDocument/didSave", .object([TestClient.textDocument(Self.uri)]))
    #expect(client.diagnostics(Self.uri)?.first?["code"]?.string == "BL1002")
  }

  @Test func contextCanBeSwitchedOffInTheSettings() {
    let files = [
      "/work/svc/app.py": "print(1)\n",
      "/work/svc/.dockerignore": "node_modules\n",
    ]
    var client = TestClient.started(
      files: files, initializationOptions: .object([("readContext", .bool(false))]))
    client.open(Self.uri, "FROM debian:12-slim\nCOPY . /app\n")
    // Unseen context: the rule says what may ship.
    #expect(
      client.diagnostics(Self.uri)?.first?["message"]?.string?.contains("unless a .dockerignore")
        == true)
  }
}
