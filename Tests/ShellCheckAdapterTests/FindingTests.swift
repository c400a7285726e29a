import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintRules
import Testing

@testable import ShellCheckAdapter

/// ShellCheck's comments as findings, configured and suppressed like the rules' own.
@Suite struct ShellCheckFindingTests {
  static let text = "FROM debian:12\nRUN echo 1 && \\\n    echo $x\n"

  static func analyzed(_ text: String) -> AnalyzedDockerfile {
    AnalyzedDockerfile(
      DockerfileParser.parse(SourceFile(path: "Dockerfile", bytes: Array(text.utf8))))
  }

  /// SC2086 on `$x` as ShellCheck 0.11 reports it for this script (line 3 after the header).
  static func finding(in text: String = text) throws -> Finding {
    let script = try #require(ShellCheckScripts.scripts(in: analyzed(text)).first)
    let column = try #require(String(decoding: script.body, as: UTF8.self).range(of: "$x"))
    let offset = String(decoding: script.body, as: UTF8.self)[..<column.lowerBound].count + 1
    let comment = ShellCheckComment(
      file: "0.sh", line: 3, endLine: 3, column: offset, endColumn: offset + 2, level: "info",
      code: 2086, message: "Double quote to prevent globbing and word splitting.")
    return ShellCheckFindings.finding(comment, in: script)
  }

  @Test func aCommentBecomesAFindingAtItsToken() throws {
    let finding = try Self.finding()
    #expect(finding.ruleID == "SC2086")
    #expect(finding.severity == .info)
    #expect(finding.help == "ShellCheck explains SC2086 at https://www.shellcheck.net/wiki/SC2086")
    let source = SourceFile(path: "Dockerfile", bytes: Array(Self.text.utf8))
    #expect(source.location(of: finding.range.start).line == 3)
    #expect(source.location(of: finding.range.start).column == 10)
    #expect(finding.range.end - finding.range.start == 2)
  }

  @Test func codesAreFourDigits() {
    #expect(ShellCheckFindings.code(2086) == "SC2086")
    #expect(ShellCheckFindings.code(1000) == "SC1000")
    #expect(ShellCheckFindings.code(42) == "SC0042")
  }

  static func lint(_ text: String, _ configure: (inout Configuration) -> Void) throws -> [String] {
    var configuration = Configuration()
    configuration.shellCheck.enabled = true
    configure(&configuration)
    let result = BuiltinRules.linter.lint(
      analyzed(text), configuration: configuration, external: [try finding(in: text)])
    return result.findings.map { "\($0.ruleID) \($0.severity.rawValue)" }
  }

  @Test func configurationSwitchesAndRatesTheCodes() throws {
    let only: (inout Configuration) -> Void = { $0.selected = ["SC2086"] }
    #expect(try Self.lint(Self.text, only) == ["SC2086 info"])
    #expect(
      try Self.lint(Self.text) { $0.selected = ["BL1014"] }.contains { $0.hasPrefix("SC") } == false
    )
    #expect(
      try Self.lint(Self.text) {
        $0.selected = ["SC2086"]
        $0.ignored = ["SC2086"]
      }.isEmpty)
    #expect(
      try Self.lint(Self.text) {
        $0.selected = ["SC2086"]
        $0.shellCheck.exclude = ["SC2086"]
      }.isEmpty)
    #expect(
      try Self.lint(Self.text) {
        $0.selected = ["SC2086"]
        $0.shellCheck.levelSeverities[.info] = .error
      } == ["SC2086 error"])
    #expect(
      try Self.lint(Self.text) {
        $0.selected = ["SC2086"]
        $0.shellCheck.levelSeverities[.info] = .error
        $0.severities["SC2086"] = .style
      } == ["SC2086 style"])
    #expect(
      try Self.lint(Self.text) {
        $0.selected = ["SC2086"]
        $0.shellCheck.enabled = false
      }.isEmpty, "ShellCheck off: its findings are dropped")
  }

  @Test func ballastAndHadolintIgnoreCommentsSilenceCodes() throws {
    for comment in [
      "# ballast ignore=SC2086", "# hadolint ignore=SC2086", "# hadolint ignore=sc2086,DL3008",
    ] {
      let text = "FROM debian:12\n\(comment)\nRUN echo 1 && \\\n    echo $x\n"
      let found = try Self.lint(text) { $0.selected = ["SC2086", "BL5003"] }
      #expect(found.isEmpty, "\(comment): \(found)")
    }
    let global = "# ballast global ignore=SC2086\nFROM debian:12\nRUN echo 1 && \\\n    echo $x\n"
    #expect(try Self.lint(global) { $0.selected = ["SC2086", "BL5003"] }.isEmpty)
  }

  @Test func anIgnoreOfACodeIsStaleOnlyWhileShellCheckRuns() {
    let text = "FROM debian:12\n# ballast ignore=SC2164\nRUN echo 1\n"
    var configuration = Configuration()
    configuration.selected = ["BL5003"]
    let off = BuiltinRules.linter.lint(Self.analyzed(text), configuration: configuration)
    #expect(off.findings.isEmpty, "ShellCheck off: the ignore may be needed when it runs")
    configuration.shellCheck.enabled = true
    let on = BuiltinRules.linter.lint(Self.analyzed(text), configuration: configuration)
    #expect(on.findings.map(\.ruleID) == ["BL5003"])
  }

  @Test func theCatalogKnowsCodesWithoutListingThem() throws {
    let catalog = BuiltinRules.linter.catalog
    let descriptor = try #require(catalog.rule("sc2086"))
    #expect(descriptor.id == "SC2086")
    #expect(descriptor.documentationURL == "https://www.shellcheck.net/wiki/SC2086")
    #expect(catalog.rule("SC208") == nil)
    #expect(catalog.rule("SC20866") == nil)
    #expect(!catalog.descriptors.contains { $0.id.hasPrefix("SC") })
    #expect(catalog.rules(forPeer: .hadolint, id: "SC2086").map(\.id).contains("SC2086"))
  }
}
