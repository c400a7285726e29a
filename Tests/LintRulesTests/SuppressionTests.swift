import DockerfileSyntax
import LintEngine
import LintRules
import Testing

/// Issue 11, item 9: suppression comments with reasons, one mechanism for every syntax, and
/// malformed comments reported as malformed.
@Suite struct SuppressionTests {
  /// Only the rules these examples are about, so rules added later do not change them.
  static func lint(_ text: String) -> [Finding] {
    var configuration = Configuration()
    configuration.selected = ["BL5001", "BL5002", "BL5003"]
    return BuiltinRules.linter.lint(
      SourceFile(path: "Dockerfile", text: text), configuration: configuration
    ).findings
  }

  static func suppressions(_ text: String) -> [Suppression] {
    let file = DockerfileParser.parse(SourceFile(path: "Dockerfile", text: text))
    return Suppression.all(in: file, catalog: BuiltinRules.linter.catalog)
  }

  static func withComment(_ comment: String) -> String {
    "FROM alpine:3.20\n\(comment)\nADD app.conf /etc/app.conf\n"
  }

  @Test(arguments: [
    "# ballast ignore=BL5001 -- we need ADD's tar handling later",
    "# ballast ignore=add-instead-of-copy # we need ADD's tar handling later",
    "#ballast ignore = BL5001 --we need ADD's tar handling later",
    "# hadolint ignore=DL3020 # we need ADD's tar handling later",
    "# hadolint ignore=DL3020 -- we need ADD's tar handling later",
  ])
  func reasonsFollowTheRuleList(_ comment: String) throws {
    let text = Self.withComment(comment)
    #expect(Self.lint(text).map(\.ruleID) == [], "\(comment)")
    let suppression = try #require(Self.suppressions(text).first)
    #expect(suppression.reason == "we need ADD's tar handling later")
    #expect(suppression.problem == nil)
    #expect(suppression.entries.map(\.ruleIDs) == [["BL5001"]])
  }

  @Test func severalRulesAndAFileWideReason() throws {
    let text = """
      # ballast global ignore=BL5002, add-instead-of-copy -- legacy image, replaced in Q3
      FROM alpine:3.20
      ADD app.conf /etc/app.conf
      MAINTAINER Jane

      """
    #expect(Self.lint(text).isEmpty)
    let suppression = try #require(Self.suppressions(text).first)
    #expect(suppression.scope == .file)
    #expect(suppression.entries.map(\.written) == ["BL5002", "add-instead-of-copy"])
    #expect(suppression.reason == "legacy image, replaced in Q3")
  }

  @Test func aReasonWithoutItsMarkerIsMalformed() throws {
    let text = Self.withComment("# ballast ignore=BL1003 because we need it")
    let findings = Self.lint(text)
    // The report on the comment's line, then the finding it failed to suppress.
    #expect(findings.map(\.ruleID) == ["BL5003", "BL5001"])
    let report = try #require(findings.first)
    #expect(
      report.message
        == "malformed ignore comment: write ` -- ` before a reason (`# ballast ignore=BL1003 -- because we need it`)"
    )
    #expect(Self.suppressions(text).first?.problem != nil)
  }

  @Test(arguments: [
    (
      "# ballast ignore=BL5001 BL5002",
      "malformed ignore comment: separate rules with commas (`ignore=BL5001,BL5002`)"
    ),
    ("# ballast ignore=", "malformed ignore comment: no rule id or name after `ignore=`"),
    (
      "# ballast ignore BL5001",
      "malformed ignore comment: `ignore` needs `=` and the rules (`# ballast ignore=BL5001`)"
    ),
    ("# ballast ingore=BL5001", "malformed ignore comment: `ingore`; did you mean `ignore`?"),
    (
      "# ballast global BL5001",
      "malformed ignore comment: `global` needs `ignore=` and the rules (`# ballast global ignore=BL5001`)"
    ),
  ])
  func malformedCommentsSayWhatIsWrong(_ comment: String, _ message: String) {
    let findings = Self.lint(Self.withComment(comment))
    #expect(findings.map(\.ruleID) == ["BL5003", "BL5001"], "\(comment)")
    #expect(findings.first?.message == message)
  }

  @Test func commentsThatMerelyMentionTheToolAreNotPragmas() {
    for comment in [
      "# ballast is the linter we use", "# see ballast's docs", "# hadolint ignore=DL3020 because",
      "# hadolint shell=powershell",
    ] {
      let ids = Self.lint(Self.withComment(comment)).map(\.ruleID)
      #expect(!ids.contains("BL5003"), "\(comment)")
    }
  }

  @Test func anUnknownNameIsReportedWhereItIsWritten() throws {
    let text = Self.withComment("# ballast ignore=BL5001,add-instead-of-cpy")
    let report = try #require(Self.lint(text).first { $0.ruleID == "BL5003" })
    #expect(
      report.message
        == "`add-instead-of-cpy` in this ignore comment is not a ballast rule id or name; did you mean 'add-instead-of-copy'?"
    )
    let source = SourceFile(path: "Dockerfile", text: text)
    let marked = String(
      decoding: source.bytes[report.range.start..<report.range.end], as: UTF8.self)
    #expect(marked == "add-instead-of-cpy")
  }

  /// Issue 19: `stage ignore=` covers the stage whose FROM follows (or, mid-stage, the rest of
  /// that stage), in ballast's and hadolint's syntax, and nothing after the next FROM.
  static let threeStages = """
    FROM alpine:3.20 AS build
    ADD a.conf /etc/a.conf
    COMMENT
    FROM alpine:3.20 AS test
    ADD b.conf /etc/b.conf
    RUN true
    ADD c.conf /etc/c.conf
    FROM alpine:3.20
    ADD d.conf /etc/d.conf

    """

  static func lines(_ findings: [Finding], _ text: String) -> [Int] {
    let source = SourceFile(path: "Dockerfile", text: text)
    return findings.map { source.location(of: $0.range.start).line }
  }

  @Test(arguments: [
    "# ballast stage ignore=BL5001", "# hadolint stage ignore=DL3020",
    "# ballast stage ignore=add-instead-of-copy -- the test stage unpacks archives",
    "# hadolint stage ignore=DL3020 # the test stage unpacks archives",
  ])
  func stageIgnoreCoversTheStageBelow(_ comment: String) throws {
    let text = Self.threeStages.replacingOccurrences(of: "COMMENT", with: comment)
    let findings = Self.lint(text)
    #expect(findings.map(\.ruleID) == ["BL5001", "BL5001"], "\(comment)")
    #expect(Self.lines(findings, text) == [2, 9])
    let suppression = try #require(Self.suppressions(text).first)
    guard case .stage(let range) = suppression.scope else {
      Issue.record("not a stage scope: \(suppression.scope)")
      return
    }
    let source = SourceFile(path: "Dockerfile", text: text)
    #expect(source.location(of: range.start).line == 4)
    #expect(source.location(of: range.end).line == 7)
  }

  @Test func stageIgnoreInsideAStageCoversTheRestOfIt() {
    let text = """
      FROM alpine:3.20
      ADD a.conf /etc/a.conf
      # ballast stage ignore=BL5001
      ADD b.conf /etc/b.conf
      ADD c.conf /etc/c.conf
      FROM alpine:3.20
      ADD d.conf /etc/d.conf

      """
    let findings = Self.lint(text)
    #expect(Self.lines(findings, text) == [2, 7])
  }

  @Test func aStageIgnoreThatMatchesNothingIsReported() {
    let text = Self.threeStages.replacingOccurrences(
      of: "COMMENT", with: "# ballast stage ignore=BL5002")
    let findings = Self.lint(text)
    #expect(findings.map(\.ruleID) == ["BL5001", "BL5003", "BL5001", "BL5001", "BL5001"])
    #expect(
      findings.first { $0.ruleID == "BL5003" }?.message
        == "ignore of `BL5002` matched no finding; remove it")
  }

  @Test func aMisspelledStageWordIsMalformed() {
    let findings = Self.lint(Self.withComment("# ballast stag ignore=BL5001"))
    #expect(findings.map(\.ruleID) == ["BL5003", "BL5001"])
    #expect(findings.first?.message == "malformed ignore comment: `stag`; did you mean `stage`?")
  }

  /// Suppressed findings are kept beside the result with the comments (and reasons) that
  /// suppress them; they are not findings.
  @Test func suppressedFindingsKeepTheirComments() throws {
    let text = """
      # ballast global ignore=BL5002 -- the label tooling reads MAINTAINER
      FROM alpine:3.20
      MAINTAINER Jane
      # hadolint ignore=DL3020 # unpacked later
      # ballast ignore=BL5001
      ADD a.conf /etc/a.conf

      """
    var configuration = Configuration()
    configuration.selected = ["BL5001", "BL5002", "BL5003"]
    let result = BuiltinRules.linter.lint(
      SourceFile(path: "Dockerfile", text: text), configuration: configuration)
    #expect(result.findings.isEmpty)
    #expect(result.suppressed.map(\.finding.ruleID) == ["BL5002", "BL5001"])
    #expect(
      result.suppressed.map { $0.suppressions.map(\.reason) } == [
        ["the label tooling reads MAINTAINER"], ["unpacked later", nil],
      ])
    #expect(result.suppressed[1].suppressions.map(\.origin) == [.hadolint, .ballast])
  }

  @Test func withoutInlineSuppressionsNothingIsSuppressed() {
    var configuration = Configuration()
    configuration.selected = ["BL5001"]
    configuration.inlineSuppressions = false
    let result = BuiltinRules.linter.lint(
      SourceFile(path: "Dockerfile", text: Self.withComment("# ballast ignore=BL5001")),
      configuration: configuration)
    #expect(result.findings.map(\.ruleID) == ["BL5001"])
    #expect(result.suppressed.isEmpty)
  }
}
