import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintFormatters
import LintRules
import Testing

/// A rule for these tests: on every instruction with `keyword`, proposes `edit` (relative to
/// the instruction's keyword) with `safety`.
struct ProposingRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL9999", name: "test-proposal", severity: .warning, summary: "test")
  var keyword: InstructionKind
  var safety: Fix.Safety = .safe
  var edit: @Sendable (Instruction, SourceFile) -> Fix.Edit

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for instruction in file.instructions where instruction.kind == keyword {
      findings.append(
        finding(
          instruction.keywordRange, "test",
          fix: Fix(
            title: "test", edits: [edit(instruction, file.source)], safety: safety)))
    }
  }
}

/// The same proposal under a second id, to make two rules compete for one place.
struct SecondProposingRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL9998", name: "test-second-proposal", severity: .warning, summary: "test")
  var inner: ProposingRule

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    var found: [Finding] = []
    inner.check(file, into: &found)
    findings += found.map {
      var finding = $0
      finding.ruleID = Self.descriptor.id
      return finding
    }
  }
}

@Suite struct FixerTests {
  static func fix(
    _ text: String, _ rules: [any Rule], unsafe: Bool = false, passes: Int = 10
  ) -> FixOutcome {
    Fixer(
      linter: Linter(rules: rules),
      options: FixOptions(includeUnsafe: unsafe, maximumPasses: passes)
    ).fix(SourceFile(path: "Dockerfile", text: text), configuration: Configuration())
  }

  static func text(_ outcome: FixOutcome) -> String {
    String(decoding: outcome.fixed.bytes, as: UTF8.self)
  }

  static let uppercaseRun = ProposingRule(keyword: .run) { instruction, _ in
    Fix.Edit(range: instruction.keywordRange, replacement: "RUN")
  }

  @Test func appliesEveryFixAndReportsThem() {
    let outcome = Self.fix("FROM alpine\nrun true\nrun false\n", [Self.uppercaseRun])
    #expect(Self.text(outcome) == "FROM alpine\nRUN true\nRUN false\n")
    #expect(outcome.applied.map(\.finding.range.start) == [12, 21])
    // The second pass finds the proposals again, but they change nothing: not applied again.
    #expect(outcome.passes == 1)
    #expect(outcome.applied.count == 2)
  }

  @Test func unsafeFixesNeedTheOption() {
    var rule = Self.uppercaseRun
    rule.safety = .unsafe
    #expect(!Self.fix("FROM alpine\nrun true\n", [rule]).changed)
    #expect(Self.text(Self.fix("FROM alpine\nrun true\n", [rule], unsafe: true)).contains("RUN"))
  }

  @Test func fixesAtOnePlaceGoInLaterPasses() {
    // Two rules insert at the end of the same RUN: one per pass, both applied.
    let append = { (text: String) in
      ProposingRule(keyword: .run) { instruction, source in
        let line = source.text(instruction.range)
        guard !line.contains(text) else {
          return Fix.Edit(range: instruction.keywordRange, replacement: instruction.keyword)
        }
        return Fix.Edit.insert(text, at: instruction.range.end)
      }
    }
    let outcome = Self.fix(
      "FROM alpine\nRUN true\n", [append(" && a"), SecondProposingRule(inner: append(" && b"))])
    #expect(Self.text(outcome) == "FROM alpine\nRUN true && b && a\n")
    #expect(Set(outcome.applied.map(\.finding.ruleID)) == ["BL9998", "BL9999"])
    #expect(outcome.applied.allSatisfy { $0.finding.range.start == 12 })
  }

  @Test func aFixThatBreaksParsingIsRefused() {
    let breaking = ProposingRule(keyword: .run) { instruction, _ in
      Fix.Edit(range: instruction.keywordRange, replacement: "HEALTHCHECK --interval")
    }
    let outcome = Self.fix("FROM alpine\nRUN true\n", [breaking])
    #expect(!outcome.changed)
    #expect(outcome.applied.isEmpty)
    #expect(outcome.refused.count == 1)
    #expect(outcome.refused.first?.reason?.contains("would not parse") == true)
    #expect(outcome.remaining.findings.count == 1)
  }

  @Test func aFixThatChangesAnotherInstructionIsRefused() {
    // A trailing backslash joins the next line to the RUN: one instruction fewer.
    let joining = ProposingRule(keyword: .run) { instruction, _ in
      Fix.Edit.insert(" \\", at: instruction.range.end)
    }
    let outcome = Self.fix("FROM alpine\nRUN true\nUSER nobody\n", [joining])
    #expect(!outcome.changed)
    #expect(outcome.refused.first?.reason?.contains("instructions") == true)
    // Deleting the comment above a directive-looking line would make it a directive.
    let uncommenting = ProposingRule(keyword: .from) { _, source in
      Fix.Edit.delete(SourceRange(start: 0, end: 8))
    }
    let directive = Self.fix("# about\n# escape=`\nFROM alpine\n", [uncommenting])
    #expect(!directive.changed)
    #expect(directive.refused.first?.reason == "it would change the parser directives")
  }

  @Test func goodFixesStayWhenAnotherIsRefused() {
    let breaking = SecondProposingRule(
      inner: ProposingRule(keyword: .user) { instruction, _ in
        Fix.Edit.insert(" \\", at: instruction.range.end)
      })
    let outcome = Self.fix(
      "FROM alpine\nrun true\nUSER nobody\nrun false\n", [Self.uppercaseRun, breaking])
    #expect(Self.text(outcome) == "FROM alpine\nRUN true\nUSER nobody\nRUN false\n")
    #expect(outcome.refused.map(\.finding.ruleID) == ["BL9998"])
    #expect(outcome.applied.count == 2)
  }

  @Test func lineBreaksFollowTheFile() {
    let insertLine = ProposingRule(keyword: .run) { instruction, _ in
      instruction.keyword == "RUN"
        ? Fix.Edit(range: instruction.keywordRange, replacement: "RUN")
        : Fix.Edit(range: instruction.keywordRange, replacement: "# note\nRUN")
    }
    let outcome = Self.fix("FROM alpine\r\nrun true\r\n", [insertLine])
    #expect(Self.text(outcome) == "FROM alpine\r\n# note\r\nRUN true\r\n")
    #expect(
      Self.text(Self.fix("FROM alpine\nrun true\n", [insertLine]))
        == "FROM alpine\n# note\nRUN true\n")
  }

  @Test func passesAreBounded() {
    // A rule that is never satisfied: every pass adds another word.
    let endless = ProposingRule(keyword: .run) { instruction, _ in
      Fix.Edit.insert(" x", at: instruction.range.end)
    }
    let outcome = Self.fix("FROM alpine\nRUN true\n", [endless], passes: 3)
    #expect(Self.text(outcome) == "FROM alpine\nRUN true x x x\n")
    #expect(outcome.passes == 3)
    // Later passes' findings are mapped back to where they were in the original text.
    #expect(
      outcome.applied.map(\.finding.range)
        == Array(repeating: SourceRange(start: 12, end: 15), count: 3))
  }

  @Test func malformedEditsAreIgnored() {
    let outOfRange = ProposingRule(keyword: .run) { _, source in
      Fix.Edit.insert("x", at: source.bytes.count + 5)
    }
    let outcome = Self.fix("FROM alpine\nRUN true\n", [outOfRange])
    #expect(!outcome.changed && outcome.applied.isEmpty && outcome.refused.isEmpty)
  }
}

@Suite struct SuppressionFixTests {
  static func fixed(_ text: String, _ configuration: Configuration = Configuration()) -> String {
    let outcome = Fixer(linter: BuiltinRules.linter, options: FixOptions(rules: ["BL5003"]))
      .fix(SourceFile(path: "Dockerfile", text: text), configuration: configuration)
    return String(decoding: outcome.fixed.bytes, as: UTF8.self)
  }

  @Test func staleIgnoresGoAndUsedOnesStay() {
    #expect(
      Self.fixed("FROM alpine:3.20\n# ballast global ignore=BL5002, BL1014\nADD a /a\nUSER 1\n")
        == "FROM alpine:3.20\nADD a /a\nUSER 1\n")
    #expect(
      Self.fixed("FROM alpine:3.20\n  # ballast ignore=BL5001,no-such-rule\nADD a /a\nUSER 1\n")
        == "FROM alpine:3.20\n  # ballast ignore=BL5001\nADD a /a\nUSER 1\n")
  }

  @Test func ignoresOfRulesSwitchedOffAreKept() {
    var configuration = Configuration()
    configuration.ignored = ["BL5001"]
    let text = "FROM alpine:3.20\n# ballast ignore=BL5001\nCOPY a /a\nUSER 1\n"
    #expect(Self.fixed(text, configuration) == text)
    #expect(Self.fixed(text) == "FROM alpine:3.20\nCOPY a /a\nUSER 1\n")
  }

  @Test func commentsWithMoreThanTheListAreNotRewritten() {
    let text =
      "FROM alpine:3.20\n# ballast ignore=BL5001,BL1014 because of the vendor\nADD a /a\nUSER 1\n"
    #expect(Self.fixed(text) == text)
  }
}

@Suite struct FixOutputTests {
  @Test func continuationLinesUseTheFilesEscapeCharacter() {
    let text =
      "# escape=`\nFROM debian:12-slim\nRUN apt-get update `\n    && apt-get install -y curl\n"
    let outcome = Fixer(linter: BuiltinRules.linter, options: FixOptions(rules: ["BL1004"]))
      .fix(SourceFile(path: "Dockerfile", text: text), configuration: Configuration())
    #expect(
      String(decoding: outcome.fixed.bytes, as: UTF8.self)
        == "# escape=`\nFROM debian:12-slim\nRUN apt-get update `\n    && apt-get install -y curl `\n"
        + "    && rm -rf /var/lib/apt/lists/*\n")
  }

  @Test func refusedFixesAreReported() {
    let source = SourceFile(path: "Dockerfile", text: "FROM alpine\nRUN true\n")
    var finding = Finding(
      ruleID: "BL5001", severity: .warning, message: "m", range: SourceRange(start: 12, end: 15))
    finding.fix = Fix(
      title: "t", edits: [.insert("x", at: 12)], safety: .safe)
    let report = LintReport(
      files: [FileResult(source: source, findings: [finding])],
      catalog: BuiltinRules.linter.catalog, toolVersion: "0",
      fixes: [
        FileFixes(
          original: source, applied: [],
          refused: [FixRecord(finding: finding, reason: "the result would not parse cleanly")])
      ])
    let text = OutputFormat.text.render(report)
    #expect(
      text.contains(
        "Dockerfile:2:1: fix of BL5001 not applied: the result would not parse cleanly\n"))
    #expect(text.contains("Found 1 problem (0 fixed, 1 remaining) in 1 file.\n"))
  }
}

@Suite struct SyntaxErrorFixTests {
  @Test func fixesDoNotSilenceSyntaxErrors() {
    // A fix that would turn the rejected `ENV PATH` into `ENV PATH=` (an empty PATH).
    let repairing = ProposingRule(keyword: .env) { instruction, _ in
      Fix.Edit.insert("=", at: instruction.range.end)
    }
    let outcome = FixerTests.fix("FROM alpine\nENV PATH\n", [repairing])
    #expect(!outcome.changed)
    #expect(outcome.refused.first?.reason?.hasPrefix("it would silence a syntax error") == true)
    // The real rule offers no fix there at all.
    let real = Fixer(linter: BuiltinRules.linter, options: FixOptions(includeUnsafe: true))
      .fix(
        SourceFile(path: "Dockerfile", text: "FROM alpine\nENV PATH\n"),
        configuration: Configuration())
    #expect(!real.changed && real.refused.isEmpty)
  }
}
