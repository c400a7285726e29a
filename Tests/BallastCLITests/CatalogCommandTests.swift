import Foundation
import LintEngine
import Testing

@testable import BallastCLI

/// Issue 11, items 4–5: `explain` and `rules` as a new user reads them.
@Suite struct ExplainTests {
  @Test func pagesEndWithANewline() {
    for id in ["BL5001", "BL1004", "add-instead-of-copy"] {
      let output = BallastCommand.run(["explain", id]) { nil }.output
      #expect(output.hasSuffix("\n") && !output.hasSuffix("\n\n"), "\(id)")
    }
  }

  @Test func aPeerIdThatMapsToOneRuleShowsItsPage() {
    let result = BallastCommand.run(["explain", "DL3020"]) { nil }
    #expect(result.status == 0)
    #expect(result.errors == "")
    #expect(
      result.output.hasPrefix(
        "hadolint DL3020 is BL5001 add-instead-of-copy.\n\n# BL5001 add-instead-of-copy\n"))
    let lower = BallastCommand.run(["explain", "dl3020"]) { nil }
    #expect(lower.output == result.output)
  }

  @Test func aPeerIdThatMapsToSeveralRulesListsThem() {
    let shared = PeerEquivalents(hadolint: ["DL3009"])
    let catalog = RuleCatalog([
      RuleDescriptor(
        id: "BL1004", name: "apt-lists-kept", severity: .info, summary: "Lists.", peers: shared),
      RuleDescriptor(
        id: "BL1099", name: "a-very-long-rule-name-indeed", severity: .info, summary: "Other.",
        peers: shared),
    ])
    let text = try? CatalogCommands.explanation(of: "DL3009", in: catalog, pages: [:]).get()
    #expect(
      text == """
        hadolint DL3009 is covered by 2 ballast rules:
          BL1004  apt-lists-kept                Lists.
          BL1099  a-very-long-rule-name-indeed  Other.
        `ballast explain ID` shows one.

        """)
  }

  @Test func unknownKeysSuggestTheClosestRule() {
    let result = BallastCommand.run(["explain", "add-instead-of-cpy"]) { nil }
    #expect(result.status == 2)
    #expect(result.output == "")
    #expect(
      result.errors
        == "ballast: explain: 'add-instead-of-cpy' is not a rule id or name, nor a peer's id; did you mean 'add-instead-of-copy'?\n"
    )
    #expect(
      BallastCommand.run(["explain", "BL9999"]) { nil }.errors
        == "ballast: explain: 'BL9999' is not a rule id or name, nor a peer's id (see `ballast rules`)\n"
    )
  }
}

@Suite struct RulesListTests {
  @Test func columnsLineUpAndOffByDefaultRulesSaySo() throws {
    let output = BallastCommand.run(["rules"]) { nil }.output
    let lines = output.split(separator: "\n").map(String.init)
    let descriptors = LintCommand.linter.catalog.descriptors
    #expect(lines.first?.hasPrefix("ID      NAME") == true)
    #expect(lines.count == descriptors.count + 2)
    #expect(lines.last.map { $0 + "\n" } == CatalogCommands.shellCheckNote)
    let summaryColumn = try #require(
      lines.first?.range(of: "SUMMARY")?.lowerBound.utf16Offset(in: lines[0]))
    for (line, descriptor) in zip(lines.dropFirst(), descriptors) {
      #expect(line.hasPrefix(descriptor.id + "  " + descriptor.name + " "), "\(line)")
      let summary = line.range(of: descriptor.summary)?.lowerBound.utf16Offset(in: line)
      #expect(summary == summaryColumn, "\(descriptor.id): the summary column moved")
      let fields = line.split(separator: " ")
      #expect(fields[2] == descriptor.defaultSeverity.rawValue)
      #expect(fields[3] == (descriptor.isEnabledByDefault ? "on" : "off"), "\(descriptor.id)")
    }
    #expect(descriptors.contains { !$0.isEnabledByDefault }, "no off-by-default rule to show")
  }

  @Test func longNamesWidenTheColumnInsteadOfBreakingIt() {
    let catalog = RuleCatalog([
      RuleDescriptor(id: "BL1004", name: "short", severity: .info, summary: "One."),
      RuleDescriptor(
        id: "BL1099", name: "a-rule-name-longer-than-any-column-width", severity: .warning,
        summary: "Two.", enabledByDefault: false),
    ])
    #expect(
      CatalogCommands.rulesText(catalog) == """
        ID      NAME                                      SEVERITY  DEFAULT  SUMMARY
        BL1004  short                                     info      on       One.
        BL1099  a-rule-name-longer-than-any-column-width  warning   off      Two.

        """)
  }
}
