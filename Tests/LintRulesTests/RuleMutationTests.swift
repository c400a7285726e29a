import DockerfileSyntax
import Foundation
import LintEngine
import LintRules
import Testing

/// Every documentation example again, in variants that must not change the verdict:
/// CRLF line endings, a leading comment with multi-byte characters, lower-case keywords,
/// and an ignore comment for the rule.
@Suite struct RuleMutationTests {
  static let linter = BuiltinRules.linter

  static func positions(_ text: String, of example: DocExample) -> [DockerfileSyntax
    .SourceLocation]
  {
    let source = SourceFile(path: "Dockerfile", text: text)
    return linter.lint(source, configuration: example.configuration, context: example.context)
      .findings.filter { $0.ruleID == example.ruleID }.map { source.location(of: $0.range.start) }
  }

  /// Rules whose verdict is about keyword case: lower-casing every keyword changes it.
  static let keywordCaseRules: Set<String> = ["BL5005", "BL5030"]

  /// Examples whose meaning depends on the first line (parser directives) opt out of the
  /// leading-comment variant.
  static func startsWithDirective(_ text: String) -> Bool {
    text.hasPrefix("# syntax") || text.hasPrefix("# escape") || text.hasPrefix("# check")
  }

  @Test(arguments: RulePages.examples())
  func crlfKeepsPositions(_ example: DocExample) {
    let crlf = example.text.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(
      Self.positions(crlf, of: example)
        == Self.positions(example.text, of: example))
  }

  @Test(arguments: RulePages.examples().filter { !RuleMutationTests.startsWithDirective($0.text) })
  func leadingCommentMovesFindingsOneLineDown(_ example: DocExample) {
    let original = Self.positions(example.text, of: example)
    let moved = Self.positions("# ñandú ☃ comment\n" + example.text, of: example)
    #expect(
      moved
        == original.map { DockerfileSyntax.SourceLocation(line: $0.line + 1, column: $0.column) })
  }

  @Test(arguments: RulePages.examples().filter { !keywordCaseRules.contains($0.ruleID) })
  func lowerCaseKeywordsGiveTheSameResult(_ example: DocExample) {
    let keywords = Set(InstructionKind.allCases.map { $0.rawValue.uppercased() })
    let lowered = example.text.split(separator: "\n", omittingEmptySubsequences: false).map {
      line in
      let word = line.prefix { $0 != " " }
      return keywords.contains(String(word))
        ? word.lowercased() + line.dropFirst(word.count) : String(line)
    }.joined(separator: "\n")
    #expect(
      Self.positions(lowered, of: example)
        == Self.positions(example.text, of: example))
  }

  @Test(
    arguments: RulePages.examples().filter { $0.isBad && $0.ruleID != Linter.unusedSuppressionID })
  func ignoreCommentSilencesTheRule(_ example: DocExample) {
    let source = SourceFile(path: "Dockerfile", text: example.text)
    let parsed = DockerfileParser.parse(source)
    let findings = Self.linter.lint(
      source, configuration: example.configuration, context: example.context
    ).findings
      .filter { $0.ruleID == example.ruleID }
    var lines = example.text.split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
    var insertions: Set<Int> = []
    var global = false
    for finding in findings {
      if let instruction = parsed.instructions.first(where: {
        $0.range.start <= finding.range.start && finding.range.start <= $0.range.end
      }) {
        insertions.insert(instruction.startLine - 1)
      } else {
        global = true
      }
    }
    for line in insertions.sorted(by: >) {
      lines.insert("# ballast ignore=\(example.ruleID)", at: line)
    }
    var text = lines.joined(separator: "\n")
    if global { text = "# ballast global ignore=\(example.ruleID)\n" + text }
    let after = Self.linter.lint(
      SourceFile(path: "Dockerfile", text: text), configuration: example.configuration,
      context: example.context)
    #expect(
      after.findings.filter {
        $0.ruleID == example.ruleID || $0.ruleID == Linter.unusedSuppressionID
      }.isEmpty)
  }
}

/// The documented fixes again, on the CRLF variant of the bad block and with a leading
/// comment line: the fixed text keeps the file's line endings and moves with it.
@Suite struct FixMutationTests {
  static func fixedText(_ example: DocExample, _ text: String) throws -> String {
    let descriptor = try #require(BuiltinRules.linter.catalog.rule(example.ruleID))
    let outcome = RuleDocumentationTests.fixing(
      example, safety: descriptor.fixSafety, text: text)
    return String(decoding: outcome.fixed.bytes, as: UTF8.self)
  }

  @Test(arguments: RulePages.examples().filter { $0.fixed != nil })
  func crlfFilesStayCRLF(_ example: DocExample) throws {
    let crlf = { (text: String) in text.replacingOccurrences(of: "\n", with: "\r\n") }
    #expect(try Self.fixedText(example, crlf(example.text)) == crlf(example.fixed ?? ""))
  }

  @Test(
    arguments: RulePages.examples().filter {
      $0.fixed != nil && !RuleMutationTests.startsWithDirective($0.text)
    })
  func leadingCommentIsKept(_ example: DocExample) throws {
    let comment = "# ñandú ☃ comment\n"
    #expect(try Self.fixedText(example, comment + example.text) == comment + (example.fixed ?? ""))
  }
}
