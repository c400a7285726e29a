import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintRules
import Testing

@testable import BallastLanguageServer

@Suite struct CodeActionTests {
  static let uri = "file:///work/Dockerfile"

  static func actions(
    _ client: inout TestClient, _ line: Int, _ character: Int, only: [String]? = nil,
    triggerKind: Int? = nil
  ) -> [JSONValue] {
    var context: [(String, JSONValue)] = [("diagnostics", .array([]))]
    if let only { context.append(("only", .array(only.map(JSONValue.string)))) }
    if let triggerKind { context.append(("triggerKind", .int(triggerKind))) }
    let point = Position(line: line, character: character)
    return client.request(
      "textDocument/codeAction",
      .object([
        TestClient.textDocument(uri), ("range", Range(start: point, end: point).json),
        ("context", .object(context)),
      ])
    ).value(at: "result")?.array ?? []
  }

  static func lint(_ text: String) -> [String] {
    TestClient.linter.lint(
      SourceFile(path: "Dockerfile", text: text), configuration: Configuration()
    )
    .findings.map(\.ruleID)
  }

  @Test func quickFixFromTheRuleGivesTheFixedText() throws {
    var client = TestClient.started()
    let text = "FROM debian:12-slim\nADD conf /etc/conf\n"
    client.open(Self.uri, text)
    let actions = Self.actions(&client, 1, 1)
    let fix = try #require(
      actions.first { $0["kind"]?.string == "quickfix" && $0["isPreferred"] != nil })
    #expect(fix["title"]?.string == "Replace ADD with COPY")
    #expect(fix.value(at: "diagnostics")?.array?.first?["code"]?.string == "BL5001")
    let fixed = EditApplier.apply(EditApplier.edits(of: fix, uri: Self.uri), to: text)
    #expect(fixed == "FROM debian:12-slim\nCOPY conf /etc/conf\n")
  }

  @Test func fixesInCRLFFilesKeepCRLF() throws {
    var client = TestClient.started()
    let text = "FROM debian:12-slim\r\nMAINTAINER Jane\r\n"
    client.open(Self.uri, text)
    let fix = try #require(Self.actions(&client, 1, 2).first { $0["isPreferred"] != nil })
    let fixed = EditApplier.apply(EditApplier.edits(of: fix, uri: Self.uri), to: text)
    #expect(fixed == "FROM debian:12-slim\r\nLABEL org.opencontainers.image.authors=\"Jane\"\r\n")
  }

  @Test func checkedFixWritesLineBreaksAsTheFileDoes() {
    let source = SourceFile(path: "Dockerfile", text: "FROM alpine\r\nRUN true\r\n")
    let fix = Fix(title: "t", edits: [.insert("# note\n", at: 13)], safety: .safe)
    let checked = Fixer(linter: BuiltinRules.linter).check(fix, in: source)
    #expect(checked.refusal == nil)
    #expect(checked.edits.map(\.replacement) == ["# note\r\n"])
    #expect(
      checked.fixed.text(SourceRange(start: 0, end: 100)) == "FROM alpine\r\n# note\r\nRUN true\r\n"
    )
  }

  @Test func fixesTheEngineRefusesAreNotOffered() {
    let source = SourceFile(path: "Dockerfile", text: "FROM alpine\nRUN true\n")
    // Deleting the line break would merge two instructions.
    let fix = Fix(title: "t", edits: [.delete(SourceRange(start: 11, end: 12))], safety: .safe)
    #expect(Fixer(linter: BuiltinRules.linter).check(fix, in: source).refusal != nil)
  }

  @Test func ignoreActionInsertsAnIndentedCommentAndSilencesTheRule() throws {
    var client = TestClient.started()
    let text = "FROM debian:12-slim\n  ADD conf \\\n    /etc/conf\n"
    client.open(Self.uri, text)
    let ignore = try #require(
      Self.actions(&client, 1, 3).first {
        $0["title"]?.string == "Ignore BL5001 for this instruction"
      })
    let fixed = EditApplier.apply(EditApplier.edits(of: ignore, uri: Self.uri), to: text)
    #expect(
      fixed == "FROM debian:12-slim\n  # ballast ignore=BL5001\n  ADD conf \\\n    /etc/conf\n")
    #expect(Self.lint(fixed) == [])
  }

  @Test func ignoreCommentUsesTheLineBreakOfTheFile() throws {
    var client = TestClient.started()
    let text = "FROM debian:12-slim\r\nADD conf /etc/conf\r\n"
    client.open(Self.uri, text)
    let ignore = try #require(
      Self.actions(&client, 1, 0).first { $0["title"]?.string?.hasPrefix("Ignore") == true })
    #expect(
      EditApplier.edits(of: ignore, uri: Self.uri).first?["newText"]?.string
        == "# ballast ignore=BL5001\r\n")
  }

  @Test func unsafeFixesAreMarkedAndNotPreferred() throws {
    var client = TestClient.started()
    client.open(
      Self.uri, "FROM debian:12-slim\nRUN apt-get install -y git && rm -rf /var/lib/apt/lists/*\n")
    let unsafe = try #require(
      Self.actions(&client, 1, 14).first { $0["title"]?.string?.hasSuffix("(unsafe fix)") == true })
    // git reaches ca-certificates only through libcurl's Recommends: the fix names it.
    #expect(
      unsafe["title"]?.string
        == "Add `--no-install-recommends` and `ca-certificates` (unsafe fix)")
    #expect(unsafe["isPreferred"] == nil)
  }

  @Test func fixAllAppliesEverySafeFixAndOnlyWhenAsked() throws {
    var client = TestClient.started()
    let text = "FROM debian:12-slim\nADD conf /etc/conf\nMAINTAINER Jane\n"
    client.open(Self.uri, text)
    let source = Self.actions(&client, 0, 0, only: ["source"])
    #expect(source.count == 1)
    let fixAll = try #require(source.first)
    #expect(fixAll["kind"]?.string == "source.fixAll.ballast")
    let fixed = EditApplier.apply(EditApplier.edits(of: fixAll, uri: Self.uri), to: text)
    #expect(
      fixed
        == "FROM debian:12-slim\nCOPY conf /etc/conf\nLABEL org.opencontainers.image.authors=\"Jane\"\n"
    )
    // `only: quickfix` leaves it out; so does an automatic request on a cursor move.
    #expect(
      !Self.actions(&client, 1, 0, only: ["quickfix"]).contains { $0["kind"] == fixAll["kind"] })
    #expect(!Self.actions(&client, 1, 0, triggerKind: 2).contains { $0["kind"] == fixAll["kind"] })
    #expect(Self.actions(&client, 1, 0, triggerKind: 1).contains { $0["kind"] == fixAll["kind"] })
  }

  @Test func documentChangesCarryTheVersionWhenTheClientTakesThem() throws {
    var client = TestClient.started(
      capabilities: .object([
        ("workspace", .object([("workspaceEdit", .object([("documentChanges", .bool(true))]))]))
      ]))
    client.open(Self.uri, "FROM debian:12-slim\nADD conf /etc/conf\n", version: 9)
    let fix = try #require(Self.actions(&client, 1, 0).first)
    #expect(
      fix.value(at: "edit.documentChanges")?.array?.first?.value(at: "textDocument.version")?.int
        == 9)
  }

  @Test func kindFilterIsHierarchical() {
    #expect(CodeActionBuilder.kind("source.fixAll.ballast", matches: ["source"]))
    #expect(CodeActionBuilder.kind("source.fixAll.ballast", matches: ["source.fixAll"]))
    #expect(!CodeActionBuilder.kind("source.fixAll.ballast", matches: ["source.fix"]))
    #expect(!CodeActionBuilder.kind("quickfix", matches: ["refactor"]))
    #expect(CodeActionBuilder.kind("quickfix", matches: nil))
  }

  @Test func minimalEditKeepsWholeScalars() {
    let old = Array("aé😀b".utf8)
    let new = Array("aè😀b".utf8)
    let edit = CodeActionBuilder.minimalEdit(from: old, to: new)
    #expect(edit.range == SourceRange(start: 1, end: 3))
    #expect(edit.replacement == "è")
    let same = CodeActionBuilder.minimalEdit(from: old, to: old)
    #expect(same.range.isEmpty && same.replacement.isEmpty)
  }
}

@Suite struct HoverAndNavigationTests {
  static let uri = "file:///work/Dockerfile"
  static let text = """
    ARG GO=1.22
    FROM golang:${GO} AS build
    ARG GO
    ENV CGO_ENABLED=0 OUT=/out
    RUN go build -o $OUT/app .
    FROM scratch
    COPY --from=build /out/app /app
    RUN --mount=type=cache,from=build,target=/c true

    """

  static func hover(_ client: inout TestClient, _ line: Int, _ character: Int) -> String? {
    client.request(
      "textDocument/hover",
      .object([TestClient.textDocument(uri), TestClient.position(line, character)])
    ).value(at: "result.contents.value")?.string
  }

  static func definition(_ client: inout TestClient, _ line: Int, _ character: Int) -> [JSONValue]?
  {
    client.request(
      "textDocument/definition",
      .object([TestClient.textDocument(uri), TestClient.position(line, character)])
    ).value(at: "result")?.array
  }

  static func started() -> TestClient {
    var client = TestClient.started()
    client.open(uri, text)
    return client
  }

  @Test func hoverOnAFindingExplainsTheRule() throws {
    var client = TestClient.started()
    client.open(Self.uri, "FROM debian:12-slim\nADD conf /etc/conf\n")
    let text = try #require(Self.hover(&client, 1, 1))
    #expect(text.hasPrefix("**BL5001 add-instead-of-copy** · warning · maintainability and style"))
    #expect(text.contains("ADD copies local files here"))
    #expect(text.contains("### Why is this bad?"))
    #expect(text.contains("(https://github.com/ballast-lint/ballast/blob/main/Rules/BL5001.md)"))
    #expect(Self.hover(&client, 0, 0) == nil)
  }

  @Test func hoverOnFromTellsWhatBallastKnowsOfTheImage() throws {
    var client = Self.started()
    let text = try #require(Self.hover(&client, 1, 8))
    #expect(text.contains("**`golang:1.22`**"))
    #expect(text.contains("Written `golang:${GO}`"))
    #expect(text.contains("A build image: the Go toolchain and sources"))
    #expect(text.contains("not in the final image"))
    let scratch = try #require(Self.hover(&client, 5, 6))
    #expect(scratch.contains("The empty image"))
  }

  @Test func hoverOnAVariableGivesItsValueAndWhereItIsSet() throws {
    var client = Self.started()
    // `$OUT` in the RUN's shell text.
    let run = try #require(Self.hover(&client, 4, 18))
    #expect(run.hasPrefix("**`$OUT`** = `/out`"))
    #expect(run.contains("Set by the ENV on line 4"))
    // `${GO}` on FROM: the global ARG.
    let from = try #require(Self.hover(&client, 1, 15))
    #expect(from.contains("**`$GO`** = `1.22`"))
    #expect(from.contains("Set by the ARG on line 1"))
  }

  @Test func definitionOfStageReferences() throws {
    var client = Self.started()
    let build = Range(start: .init(line: 1, character: 21), end: .init(line: 1, character: 26)).json
    #expect(Self.definition(&client, 6, 14)?.first?["range"] == build)
    #expect(Self.definition(&client, 7, 30)?.first?["range"] == build)
    #expect(Self.definition(&client, 6, 25) == nil)
  }

  @Test func definitionOfVariablesFollowsStageArgsToTheGlobalOne() throws {
    var client = Self.started()
    let out = try #require(Self.definition(&client, 4, 18))
    #expect(
      out.first?["range"]
        == Range(start: .init(line: 3, character: 18), end: .init(line: 3, character: 21)).json)
    let go = try #require(Self.definition(&client, 1, 15))
    #expect(go.count == 1)
    #expect(
      go.first?["range"]
        == Range(start: .init(line: 0, character: 4), end: .init(line: 0, character: 6)).json)
  }

  @Test func definitionOfAStageArgWithoutDefaultGivesBothDeclarations() {
    let file = AnalyzedDockerfileMaker.make("ARG V=1\nFROM alpine\nARG V\nRUN echo $V\n")
    let navigation = Navigation(file: file)
    let found = navigation.declarations(of: "V", usedAt: 3)
    #expect(found.map(\.position) == [2, 0])
  }

  @Test func envOfABaseStageIsFoundAndArgIsNot() {
    let file = AnalyzedDockerfileMaker.make(
      "FROM alpine AS base\nENV A=1\nARG B=2\nFROM base\nRUN echo $A $B\n")
    let navigation = Navigation(file: file)
    #expect(navigation.declarations(of: "A", usedAt: 4).map(\.position) == [1])
    #expect(navigation.declarations(of: "B", usedAt: 4).isEmpty)
  }

  @Test func documentSymbolsNestInstructionsInStages() throws {
    var client = Self.started()
    let symbols = try #require(
      client.request("textDocument/documentSymbol", .object([TestClient.textDocument(Self.uri)]))
        .value(at: "result")?.array)
    #expect(symbols.compactMap { $0["name"]?.string } == ["ARG GO", "build", "stage 1"])
    let build = symbols[1]
    #expect(build["detail"]?.string == "FROM golang:${GO}")
    #expect(
      build["children"]?.array?.compactMap { $0["name"]?.string } == [
        "ARG GO", "ENV CGO_ENABLED OUT", "RUN",
      ])
    #expect(build.value(at: "range.end.line")?.int == 4)
  }

  @Test func flatSymbolsForClientsWithoutHierarchy() throws {
    var client = TestClient.started(capabilities: .object([]))
    client.open(Self.uri, Self.text)
    let symbols = try #require(
      client.request("textDocument/documentSymbol", .object([TestClient.textDocument(Self.uri)]))
        .value(at: "result")?.array)
    #expect(symbols.count == 8)
    #expect(symbols.last?["containerName"]?.string == "stage 1")
    #expect(symbols.last?.value(at: "location.uri")?.string == Self.uri)
  }
}

enum AnalyzedDockerfileMaker {
  static func make(_ text: String) -> AnalyzedDockerfile {
    AnalyzedDockerfile(DockerfileParser.parse(SourceFile(path: "Dockerfile", text: text)))
  }
}
