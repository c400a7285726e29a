import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintRules

/// The protocol state machine: messages in, messages out (in `outbox`). It reads files only
/// through its `Workspace`, never writes any, and does no I/O of its own, so tests drive it
/// directly; `ServerLoop` connects it to standard input and output.
struct LanguageServer {
  enum Phase: Equatable {
    case waitingForInitialize
    case running
    /// After `shutdown`: only `exit` is accepted.
    case shuttingDown
    /// After `exit`: 0 when `shutdown` came first, else 1 (as LSP says).
    case exited(Int32)
  }

  private(set) var phase = Phase.waitingForInitialize
  private(set) var encoding = PositionEncoding.utf16
  private(set) var client = ClientCapabilities(JSONValue.null)
  /// Messages to send, in order; `takeOutbox()` empties it.
  private(set) var outbox: [JSONValue] = []
  private(set) var documents: [String: TextDocument] = [:]
  private var analyses: [String: DocumentAnalysis] = [:]
  /// Documents whose diagnostics are out of date, in the order they changed.
  private var stale: [String] = []
  private var workspace: Workspace
  private var root: String?
  /// The client's process, when it gave one: if it dies, the server exits.
  private(set) var clientProcessID: Int32?
  private var nextRequestNumber = 1
  private var awaiting: [RequestID: String] = [:]
  /// Configuration problems shown, so each is shown once, and config files with
  /// diagnostics published (to clear them once fixed).
  private var shownProblems: Set<String> = []
  private var configDiagnostics: [String: ConfigurationError] = [:]
  private var publishedConfigDiagnostics: Set<String> = []

  let linter: Linter
  let version: String
  var log: @Sendable (String) -> Void

  init(
    version: String, fileSystem: any ContextFileSystem = DiskFileSystem(),
    linter: Linter = BuiltinRules.linter,
    log: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.version = version
    self.linter = linter
    self.log = log
    workspace = Workspace(fileSystem: fileSystem, catalog: linter.catalog)
  }

  var hasStaleDiagnostics: Bool { !stale.isEmpty }

  mutating func takeOutbox() -> [JSONValue] {
    defer { outbox.removeAll() }
    return outbox
  }

  // MARK: - Dispatch

  mutating func handle(_ message: IncomingMessage) {
    switch message {
    case .request(let id, let method, let params):
      let result = respond(to: method, params: params)
      switch result {
      case .success(let value): outbox.append(Outgoing.response(id, result: value))
      case .failure(let error):
        if error.code == .internalError || error.code == .invalidParams {
          log("\(method): \(error.message)")
        }
        outbox.append(Outgoing.error(id, error))
      }
    case .notification(let method, let params):
      notify(method, params: params)
    case .response(let id, let result, let error):
      received(id: id, result: result, error: error)
    }
  }

  /// A message that could not be decoded: answered with its error when it may have been a
  /// request, logged in any case.
  mutating func handleUndecodable(_ failure: IncomingMessage.DecodeFailure) {
    log("bad message: \(failure.error.message)")
    outbox.append(Outgoing.error(failure.id, failure.error))
  }

  /// Answers a request the client cancelled before the server reached it.
  mutating func cancel(_ id: RequestID) {
    outbox.append(Outgoing.error(id, ResponseError(.requestCancelled, "cancelled")))
  }

  private mutating func respond(to method: String, params: JSONValue)
    -> Result<JSONValue, ResponseError>
  {
    switch phase {
    case .waitingForInitialize where method != "initialize":
      return .failure(ResponseError(.serverNotInitialized, "initialize first"))
    case .running where method == "initialize":
      return .failure(ResponseError(.invalidRequest, "initialize was already called"))
    case .shuttingDown, .exited:
      return .failure(ResponseError(.invalidRequest, "the server is shutting down"))
    default:
      break
    }
    switch method {
    case "initialize": return .success(initialize(params))
    case "shutdown":
      phase = .shuttingDown
      return .success(.null)
    case "textDocument/codeAction": return codeActions(params)
    case "textDocument/hover": return hover(params)
    case "textDocument/documentSymbol": return documentSymbols(params)
    case "textDocument/definition": return definition(params)
    default:
      return .failure(ResponseError(.methodNotFound, "ballast does not implement \(method)"))
    }
  }

  private mutating func notify(_ method: String, params: JSONValue) {
    if method == "exit" {
      phase = .exited(phase == .shuttingDown ? 0 : 1)
      return
    }
    guard phase == .running else { return }  // Before initialize and after shutdown: dropped.
    switch method {
    case "initialized": initialized()
    case "textDocument/didOpen": didOpen(params)
    case "textDocument/didChange": didChange(params)
    case "textDocument/didSave": didSave(params)
    case "textDocument/didClose": didClose(params)
    case "workspace/didChangeConfiguration": didChangeConfiguration(params)
    case "workspace/didChangeWatchedFiles": didChangeWatchedFiles(params)
    default:
      // `$/cancelRequest` for a request already answered, `$/setTrace`, and notifications
      // ballast has no use for are ignored, as LSP asks.
      if !method.hasPrefix("$/") { log("ignored notification \(method)") }
    }
  }

  // MARK: - Lifecycle and configuration

  private mutating func initialize(_ params: JSONValue) -> JSONValue {
    client = ClientCapabilities(params["capabilities"] ?? .null)
    encoding = PositionEncoding.negotiate(offered: client.positionEncodings)
    clientProcessID = params["processId"]?.int.flatMap { Int32(exactly: $0) }
    if let uri = params["rootUri"]?.string
      ?? params.value(at: "workspaceFolders")?.array?.first?[
        "uri"]?.string
    {
      root = DocumentURI.path(of: uri)
    } else {
      root = params["rootPath"]?.string
    }
    applySettings(params["initializationOptions"])
    phase = .running
    let capabilities: JSONValue = .object([
      ("positionEncoding", .string(encoding.rawValue)),
      (
        "textDocumentSync",
        .object([
          ("openClose", .bool(true)), ("change", .int(2)),
          ("save", .object([("includeText", .bool(false))])),
        ])
      ),
      (
        "codeActionProvider",
        .object([
          (
            "codeActionKinds",
            .array([.string("quickfix"), .string(CodeActionBuilder.fixAllKind)])
          )
        ])
      ),
      ("hoverProvider", .bool(true)),
      ("documentSymbolProvider", .bool(true)),
      ("definitionProvider", .bool(true)),
    ])
    return .object([
      ("capabilities", capabilities),
      ("serverInfo", .object([("name", .string("ballast")), ("version", .string(version))])),
    ])
  }

  private mutating func initialized() {
    if client.watchedFilesDynamicRegistration {
      sendRequest(
        "client/registerCapability",
        .object([
          (
            "registrations",
            .array([
              .object([
                ("id", .string("ballast-watched-files")),
                ("method", .string("workspace/didChangeWatchedFiles")),
                (
                  "registerOptions",
                  .object([
                    (
                      "watchers",
                      .array([
                        .object([("globPattern", .string("**/\(ConfigurationFile.fileName)"))]),
                        .object([("globPattern", .string("**/.dockerignore"))]),
                        .object([("globPattern", .string("**/*.dockerignore"))]),
                      ])
                    )
                  ])
                ),
              ])
            ])
          )
        ]))
    }
    pullConfiguration()
  }

  private mutating func pullConfiguration() {
    guard client.configurationRequests else { return }
    sendRequest(
      "workspace/configuration",
      .object([("items", .array([.object([("section", .string("ballast"))])]))]))
  }

  private mutating func sendRequest(_ method: String, _ params: JSONValue) {
    let id = RequestID.string("ballast-\(nextRequestNumber)")
    nextRequestNumber += 1
    awaiting[id] = method
    outbox.append(Outgoing.request(id, method, params))
  }

  private mutating func received(id: RequestID, result: JSONValue?, error: JSONValue?) {
    guard let method = awaiting.removeValue(forKey: id) else {
      log("response to an unknown request \(id)")
      return
    }
    if let error, !error.isNull {
      log("\(method) failed: \(error["message"]?.string ?? error.serialized())")
      return
    }
    // A null section means the editor has no ballast settings: those from
    // `initializationOptions` stay.
    if method == "workspace/configuration", let first = result?.array?.first, !first.isNull {
      applySettings(first)
    }
  }

  private mutating func applySettings(_ value: JSONValue?) {
    let (settings, problems) = ServerSettings.parse(value, root: root)
    for problem in problems { show(problem, type: 2) }
    let before = workspace.generation
    workspace.update(settings)
    if workspace.generation != before { markAllStale() }
  }

  private mutating func didChangeConfiguration(_ params: JSONValue) {
    // Clients that answer `workspace/configuration` are asked again (the notification's
    // `settings` is often empty for them); the others send the settings here.
    if client.configurationRequests {
      pullConfiguration()
    } else {
      applySettings(params["settings"])
    }
  }

  /// Only the patterns the server registered are watched for it (configuration and ignore
  /// files), so any change reads everything again.
  private mutating func didChangeWatchedFiles(_ params: JSONValue) {
    if params["changes"]?.array?.isEmpty == false { reloadWorkspace() }
  }

  private mutating func reloadWorkspace() {
    workspace.invalidate()
    markAllStale()
  }

  private mutating func markAllStale() {
    for uri in documents.keys.sorted() where !stale.contains(uri) { stale.append(uri) }
  }

  private mutating func show(_ message: String, type: Int) {
    guard shownProblems.insert(message).inserted else { return }
    log(message)
    outbox.append(
      Outgoing.notification(
        "window/showMessage",
        .object([("type", .int(type)), ("message", .string("ballast: " + message))])))
  }

  // MARK: - Documents

  private static func textDocumentURI(_ params: JSONValue) -> String? {
    params.value(at: "textDocument.uri")?.string
  }

  private mutating func didOpen(_ params: JSONValue) {
    guard let uri = Self.textDocumentURI(params),
      let text = params.value(at: "textDocument.text")?.string
    else {
      log("didOpen without textDocument.uri and text")
      return
    }
    let version = params.value(at: "textDocument.version")?.int ?? 0
    documents[uri] = TextDocument(uri: uri, version: version, text: text)
    markStale(uri)
  }

  private mutating func didChange(_ params: JSONValue) {
    guard let uri = Self.textDocumentURI(params), var document = documents[uri] else {
      log("didChange for a document that is not open")
      return
    }
    guard let changeValues = params["contentChanges"]?.array else {
      log("didChange without contentChanges")
      return
    }
    let changes = changeValues.compactMap(TextDocument.Change.init)
    if changes.count != changeValues.count { log("didChange: malformed change skipped") }
    document.apply(changes, encoding: encoding)
    document.version = params.value(at: "textDocument.version")?.int ?? document.version + 1
    documents[uri] = document
    markStale(uri)
  }

  private mutating func didSave(_ params: JSONValue) {
    // Saving may have changed a configuration the editor does not watch: read them again.
    reloadWorkspace()
    if let uri = Self.textDocumentURI(params), documents[uri] != nil { markStale(uri) }
  }

  private mutating func didClose(_ params: JSONValue) {
    guard let uri = Self.textDocumentURI(params) else { return }
    documents[uri] = nil
    analyses[uri] = nil
    stale.removeAll { $0 == uri }
    publish(uri, diagnostics: [], version: nil)
  }

  private mutating func markStale(_ uri: String) {
    if !stale.contains(uri) { stale.append(uri) }
  }

  private static func isConfigurationFile(_ uri: String) -> Bool {
    DocumentURI.path(of: uri).map(Workspace.fileName(of:)) == ConfigurationFile.fileName
  }

  /// The analysis of the document's current version, made now if it is out of date.
  private mutating func analysis(of uri: String) -> DocumentAnalysis? {
    guard let document = documents[uri] else { return nil }
    if let cached = analyses[uri], cached.version == document.version,
      cached.generation == workspace.generation
    {
      return cached
    }
    let path = DocumentURI.path(of: uri)
    let resolved = workspace.resolve(forDocumentAt: path)
    note(resolved)
    let workspace = self.workspace
    let analysis = DocumentAnalysis(
      document: document, generation: workspace.generation, linter: linter,
      configuration: resolved.configuration,
      context: { workspace.context(for: $0, at: path) })
    analyses[uri] = analysis
    return analysis
  }

  private mutating func note(_ resolved: Workspace.Resolved) {
    if let configPath = resolved.configPath {
      if let error = resolved.error, error.path == configPath {
        configDiagnostics[configPath] = error
      } else {
        configDiagnostics[configPath] = nil
      }
    }
    if let error = resolved.error {
      show(error.description + " (linting with the defaults)", type: 1)
    }
  }

  /// Publishes diagnostics for every document changed since the last call; the loop calls
  /// it when no message is waiting, so a burst of keystrokes is linted once.
  mutating func publishStaleDiagnostics() {
    let uris = stale
    stale.removeAll()
    for uri in uris {
      guard let document = documents[uri] else { continue }
      if Self.isConfigurationFile(uri) {
        publishConfigurationCheck(document)
        continue
      }
      guard let analysis = analysis(of: uri) else { continue }
      publish(
        uri, diagnostics: diagnosticBuilder(document).diagnostics(analysis),
        version: document.version)
    }
    publishConfigurationDiagnostics()
  }

  private func diagnosticBuilder(_ document: TextDocument) -> DiagnosticBuilder {
    var builder = DiagnosticBuilder(document: document, encoding: encoding, catalog: linter.catalog)
    builder.tagSupport = client.diagnosticTags
    builder.relatedInformationSupport = client.relatedInformation
    return builder
  }

  private mutating func publish(_ uri: String, diagnostics: [JSONValue], version: Int?) {
    var params: [(String, JSONValue)] = [("uri", .string(uri))]
    if let version { params.append(("version", .int(version))) }
    params.append(("diagnostics", .array(diagnostics)))
    outbox.append(Outgoing.notification("textDocument/publishDiagnostics", .object(params)))
  }

  /// An open `.ballast.json` is checked as the user types.
  private mutating func publishConfigurationCheck(_ document: TextDocument) {
    var configuration = Configuration()
    var diagnostics: [JSONValue] = []
    do {
      try ConfigurationFile.load(
        document.text, path: document.uri, catalog: linter.catalog, into: &configuration)
    } catch {
      diagnostics.append(configurationDiagnostic(error, text: document.bytes, document: document))
    }
    publish(document.uri, diagnostics: diagnostics, version: document.version)
    publishedConfigDiagnostics.insert(document.uri)
  }

  /// Problems of configuration files that are not open, on those files.
  private mutating func publishConfigurationDiagnostics() {
    var current: Set<String> = []
    for (path, error) in configDiagnostics.sorted(by: { $0.key < $1.key }) {
      let uri = DocumentURI.uri(forPath: path)
      if documents[uri] != nil { continue }
      let bytes = workspace.read(path) ?? []
      let document = TextDocument(
        uri: uri, version: 0, text: String(decoding: bytes, as: UTF8.self))
      publish(
        uri, diagnostics: [configurationDiagnostic(error, text: bytes, document: document)],
        version: nil)
      current.insert(uri)
    }
    for uri in publishedConfigDiagnostics.subtracting(current).sorted() where documents[uri] == nil
    {
      publish(uri, diagnostics: [], version: nil)
    }
    publishedConfigDiagnostics = current.union(
      publishedConfigDiagnostics.filter { documents[$0] != nil })
  }

  /// Placed on the line a JSON error names, or on the first quoted key the message names.
  private func configurationDiagnostic(
    _ error: ConfigurationError, text: [UInt8], document: TextDocument
  ) -> JSONValue {
    var range = SourceRange(start: 0, end: 0)
    let message = error.message
    if message.hasPrefix("line "), let number = Int(message.dropFirst(5).prefix { $0.isNumber }) {
      let line = min(max(number - 1, 0), document.lines.count - 1)
      let start = document.lines.starts[line]
      range = SourceRange(start: start, end: document.lines.contentEnd(of: line, in: text))
    } else if let open = message.firstIndex(of: "'"),
      let close = message[message.index(after: open)...].firstIndex(of: "'")
    {
      let key =
        message[message.index(after: open)..<close].split(separator: ".").last.map(String.init)
        ?? ""
      let needle = Array("\"\(key)\"".utf8)
      if !key.isEmpty && needle.count <= text.count,
        let start = (0...(text.count - needle.count)).first(where: {
          text[$0..<($0 + needle.count)].elementsEqual(needle)
        })
      {
        range = SourceRange(start: start, end: start + needle.count)
      }
    }
    return .object([
      ("range", document.range(of: range, encoding: encoding).json), ("severity", .int(1)),
      ("source", .string("ballast")), ("message", .string(message)),
    ])
  }

  // MARK: - Requests about a document

  private mutating func document(_ params: JSONValue) -> Result<
    (TextDocument, DocumentAnalysis), ResponseError
  > {
    guard let uri = Self.textDocumentURI(params) else {
      return .failure(.invalidParams("textDocument.uri is missing"))
    }
    guard let document = documents[uri], let analysis = analysis(of: uri) else {
      return .failure(ResponseError(.requestFailed, "\(uri) is not open"))
    }
    return .success((document, analysis))
  }

  private mutating func codeActions(_ params: JSONValue) -> Result<JSONValue, ResponseError> {
    let (document, analysis): (TextDocument, DocumentAnalysis)
    switch self.document(params) {
    case .success(let pair): (document, analysis) = pair
    case .failure(let error): return .failure(error)
    }
    if Self.isConfigurationFile(document.uri) { return .success(.array([])) }
    guard let range = Range(params["range"]) else {
      return .failure(.invalidParams("range is missing"))
    }
    let only = params.value(at: "context.only")?.array?.compactMap(\.string)
    let resolved = workspace.resolve(forDocumentAt: DocumentURI.path(of: document.uri))
    var builder = CodeActionBuilder(
      document: document, analysis: analysis, diagnostics: diagnosticBuilder(document),
      encoding: encoding, fixer: Fixer(linter: linter))
    builder.documentChangesSupport = client.documentChanges
    builder.disabledSupport = client.codeActionDisabled
    builder.configuration = resolved.configuration
    builder.context = analysis.file.context
    let lower = document.offset(of: range.start, encoding: encoding)
    let upper = document.offset(of: range.end, encoding: encoding)
    // Automatic requests (`triggerKind` 2, the light bulb on every cursor move) get the
    // fix-all action only when they ask for it by kind.
    let automatic = params.value(at: "context.triggerKind")?.int == 2
    let actions = builder.actions(
      in: SourceRange(start: min(lower, upper), end: max(lower, upper)), only: only,
      fixAll: !automatic || only?.isEmpty == false)
    return .success(.array(actions))
  }

  private mutating func hover(_ params: JSONValue) -> Result<JSONValue, ResponseError> {
    let (document, analysis): (TextDocument, DocumentAnalysis)
    switch self.document(params) {
    case .success(let pair): (document, analysis) = pair
    case .failure(let error): return .failure(error)
    }
    guard let position = Position(params["position"]) else {
      return .failure(.invalidParams("position is missing"))
    }
    let offset = document.offset(of: position, encoding: encoding)
    guard
      let (sections, range) = HoverBuilder(analysis: analysis, catalog: linter.catalog).hover(
        at: offset)
    else { return .success(.null) }
    let markdown = client.hoverMarkdown
    return .success(
      .object([
        (
          "contents",
          .object([
            ("kind", .string(markdown ? "markdown" : "plaintext")),
            ("value", .string(sections.joined(separator: markdown ? "\n\n---\n\n" : "\n\n"))),
          ])
        ),
        ("range", document.range(of: range, encoding: encoding).json),
      ]))
  }

  private mutating func documentSymbols(_ params: JSONValue) -> Result<JSONValue, ResponseError> {
    switch document(params) {
    case .success(let (document, analysis)):
      if Self.isConfigurationFile(document.uri) { return .success(.array([])) }
      return .success(
        DocumentSymbolBuilder(document: document, analysis: analysis, encoding: encoding).json(
          hierarchical: client.hierarchicalSymbols))
    case .failure(let error):
      return .failure(error)
    }
  }

  private mutating func definition(_ params: JSONValue) -> Result<JSONValue, ResponseError> {
    let (document, analysis): (TextDocument, DocumentAnalysis)
    switch self.document(params) {
    case .success(let pair): (document, analysis) = pair
    case .failure(let error): return .failure(error)
    }
    guard let position = Position(params["position"]) else {
      return .failure(.invalidParams("position is missing"))
    }
    let offset = document.offset(of: position, encoding: encoding)
    guard let instruction = analysis.instructionPosition(at: offset) else { return .success(.null) }
    let navigation = Navigation(file: analysis.file)
    var targets: [SourceRange] = []
    if let use = navigation.stageUse(at: offset, in: instruction) {
      targets = [navigation.nameRange(of: use.stage)]
    } else if let use = navigation.variable(at: offset, in: instruction) {
      targets = navigation.declarations(of: use.name, usedAt: instruction).map(\.range)
    }
    guard !targets.isEmpty else { return .success(.null) }
    return .success(
      .array(
        targets.map { range in
          .object([
            ("uri", .string(document.uri)),
            ("range", document.range(of: range, encoding: encoding).json),
          ])
        }))
  }
}

/// The parts of the client's capabilities that change what the server sends.
struct ClientCapabilities: Sendable {
  var positionEncodings: [String]?
  var diagnosticTags: Bool
  var relatedInformation: Bool
  var hoverMarkdown: Bool
  var hierarchicalSymbols: Bool
  var documentChanges: Bool
  var codeActionDisabled: Bool
  var configurationRequests: Bool
  var watchedFilesDynamicRegistration: Bool

  init(_ value: JSONValue) {
    positionEncodings = value.value(at: "general.positionEncodings")?.array?.compactMap(\.string)
    diagnosticTags = value.value(at: "textDocument.publishDiagnostics.tagSupport") != nil
    relatedInformation =
      value.value(at: "textDocument.publishDiagnostics.relatedInformation")?.bool ?? false
    hoverMarkdown =
      value.value(at: "textDocument.hover.contentFormat")?.array?.contains(.string("markdown"))
      ?? false
    hierarchicalSymbols =
      value.value(at: "textDocument.documentSymbol.hierarchicalDocumentSymbolSupport")?.bool
      ?? false
    documentChanges = value.value(at: "workspace.workspaceEdit.documentChanges")?.bool ?? false
    codeActionDisabled = value.value(at: "textDocument.codeAction.disabledSupport")?.bool ?? false
    configurationRequests = value.value(at: "workspace.configuration")?.bool ?? false
    watchedFilesDynamicRegistration =
      value.value(at: "workspace.didChangeWatchedFiles.dynamicRegistration")?.bool ?? false
  }
}
