import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintRules
import Synchronization

@testable import BallastLanguageServer

/// Files a test server reads; changed between messages to simulate edits on disk.
final class MemoryFiles: ContextFileSystem, Sendable {
  private let files: Mutex<[String: String]>

  init(_ files: [String: String] = [:]) { self.files = Mutex(files) }

  subscript(path: String) -> String? {
    get { files.withLock { $0[path] } }
    set { files.withLock { $0[path] = newValue } }
  }

  func kind(of path: String) -> ContextFileKind? {
    files.withLock { files in
      if let text = files[path] { return .file(bytes: text.utf8.count) }
      let prefix = path == "/" ? "/" : path + "/"
      return files.keys.contains { $0.hasPrefix(prefix) } ? .directory : nil
    }
  }

  func names(in folder: String) -> [String]? {
    files.withLock { files in
      let prefix = folder == "/" ? "/" : folder + "/"
      let names = files.keys.filter { $0.hasPrefix(prefix) }.compactMap {
        $0.dropFirst(prefix.count).split(separator: "/").first.map(String.init)
      }
      return names.isEmpty ? nil : Array(Set(names)).sorted()
    }
  }

  func read(_ path: String, limit: Int) -> [UInt8]? {
    self[path].map { Array($0.utf8.prefix(limit)) }
  }
}

/// What the server logged.
final class LogLines: Sendable {
  private let lines = Mutex<[String]>([])
  func append(_ line: String) { lines.withLock { $0.append(line) } }
  var all: [String] { lines.withLock { $0 } }
}

/// Drives a `LanguageServer` as an editor would and keeps what it sends.
struct TestClient {
  var server: LanguageServer
  var sent: [JSONValue] = []
  private var nextID = 1
  let files: MemoryFiles
  let logs = LogLines()

  static let capabilities: JSONValue = .object([
    (
      "textDocument",
      .object([
        (
          "publishDiagnostics",
          .object([
            ("relatedInformation", .bool(true)),
            ("tagSupport", .object([("valueSet", .array([.int(1), .int(2)]))])),
          ])
        ),
        ("hover", .object([("contentFormat", .array([.string("markdown")]))])),
        ("documentSymbol", .object([("hierarchicalDocumentSymbolSupport", .bool(true))])),
      ])
    )
  ])

  /// The rules the tests expect findings of: fixed, so rules added later change no test.
  static let linter = Linter(
    rules: BuiltinRules.all.filter {
      ["BL0002", "BL1002", "BL1003", "BL1004", "BL1007", "BL1014", "BL5001", "BL5002", "BL5003"]
        .contains($0.descriptor.id)
    })

  init(files: [String: String] = [:]) {
    self.files = MemoryFiles(files)
    server = LanguageServer(version: "test", fileSystem: self.files, linter: Self.linter)
    let logs = self.logs
    server.log = { message in logs.append(message) }
  }

  /// A client after `initialize` and `initialized`.
  static func started(
    files: [String: String] = [:], capabilities: JSONValue = capabilities,
    initializationOptions: JSONValue? = nil
  ) -> TestClient {
    var client = TestClient(files: files)
    var params: [(String, JSONValue)] = [
      ("processId", .null), ("rootUri", .string("file:///work")),
      ("capabilities", capabilities),
    ]
    if let initializationOptions { params.append(("initializationOptions", initializationOptions)) }
    _ = client.request("initialize", .object(params))
    client.notify("initialized", .object([]))
    return client
  }

  mutating func deliver(_ message: IncomingMessage) {
    server.handle(message)
    server.publishStaleDiagnostics()
    sent += server.takeOutbox()
  }

  /// Sends a request and returns its response (result or error member).
  @discardableResult
  mutating func request(_ method: String, _ params: JSONValue = .null) -> JSONValue {
    let id = RequestID.int(nextID)
    nextID += 1
    deliver(.request(id: id, method: method, params: params))
    return sent.last { $0["id"] == id.json && $0["method"] == nil } ?? .null
  }

  mutating func notify(_ method: String, _ params: JSONValue = .object([])) {
    deliver(.notification(method: method, params: params))
  }

  mutating func open(_ uri: String, _ text: String, version: Int = 1) {
    notify(
      "textDocument/didOpen",
      .object([
        (
          "textDocument",
          .object([
            ("uri", .string(uri)), ("languageId", .string("dockerfile")),
            ("version", .int(version)), ("text", .string(text)),
          ])
        )
      ]))
  }

  /// The latest diagnostics published for `uri`.
  func diagnostics(_ uri: String) -> [JSONValue]? {
    sent.last {
      $0["method"]?.string == "textDocument/publishDiagnostics"
        && $0.value(at: "params.uri")?.string == uri
    }?.value(at: "params.diagnostics")?.array
  }

  func notifications(_ method: String) -> [JSONValue] {
    sent.filter { $0["method"]?.string == method && $0["id"] == nil }
  }

  static func textDocument(_ uri: String) -> (String, JSONValue) {
    ("textDocument", .object([("uri", .string(uri))]))
  }

  static func position(_ line: Int, _ character: Int) -> (String, JSONValue) {
    ("position", Position(line: line, character: character).json)
  }
}

/// Applies LSP text edits (UTF-16 positions) to a text, as an editor does.
enum EditApplier {
  static func apply(_ edits: [JSONValue], to text: String) -> String {
    let document = TextDocument(uri: "file:///x", version: 0, text: text)
    var ranges: [(Int, Int, String)] = edits.map { edit in
      let range = Range(edit["range"])!
      return (
        document.offset(of: range.start, encoding: .utf16),
        document.offset(of: range.end, encoding: .utf16), edit["newText"]!.string!
      )
    }
    ranges.sort { $0.0 > $1.0 }
    var bytes = Array(text.utf8)
    for (start, end, replacement) in ranges {
      bytes.replaceSubrange(start..<end, with: Array(replacement.utf8))
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The edits of a code action for `uri`, from `changes` or `documentChanges`.
  static func edits(of action: JSONValue, uri: String) -> [JSONValue] {
    if let changes = action.value(at: "edit.changes")?[uri]?.array { return changes }
    return action.value(at: "edit.documentChanges")?.array?.first?["edits"]?.array ?? []
  }
}
