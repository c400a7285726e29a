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
}
