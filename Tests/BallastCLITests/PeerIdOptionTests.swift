import BallastCLI
import Foundation
import LintEngine
import LintRules
import Testing

/// Issue 19, ids: options and `.ballast.json` take hadolint ids and BuildKit check names where
/// they take ballast's, an id standing for several rules names all of them, a peer's check
/// without a ballast rule is a warning that names it, and a word nobody knows is an error with
/// the closest name. `--select` takes groups.
@Suite struct PeerIdOptionTests {
  static let dockerfile = LintCommandTests.addAndMaintainer
  static let catalog = BuiltinRules.linter.catalog

  /// hadolint checks no rule covers yet. Other rules are being written: the tests take the
  /// first two that are still without one, so they keep testing the warning as coverage grows.
  static let unmapped: [String] = PeerChecks.hadolint.map(\.id).filter { id in
    if case .unmapped = catalog.reference(id) { return true }
    return false
  }

  static func gnu(_ arguments: [String], stdin: String = dockerfile) -> CommandResult {
    BallastCommand.run(["--no-config", "-f", "gnu"] + arguments + ["-"]) { Array(stdin.utf8) }
  }

  static func rules(_ result: CommandResult) -> [String] {
    result.output.split(separator: "\n").compactMap { line in
      guard let open = line.lastIndex(of: "[") else { return nil }
      return String(line[open...].dropFirst().prefix(6))
    }
  }

  static func severities(_ result: CommandResult) -> [String] {
    result.output.split(separator: "\n").map { String($0.split(separator: " ")[1].dropLast()) }
  }

  @Test func hadolintAndBuildKitIdsWorkInIgnore() {
    #expect(Self.rules(Self.gnu([])) == ["BL5001", "BL5002"])
    for id in ["DL3020", "dl3020", "add-instead-of-copy", "BL5001"] {
      let result = Self.gnu(["--ignore", id])
      #expect(result.status == 1, "\(id)")
      #expect(result.errors == "", "\(id)")
      #expect(Self.rules(result) == ["BL5002"], "\(id)")
    }
    let both = Self.gnu(["--ignore", "MaintainerDeprecated", "--ignore", "DL3020"])
    #expect(both.status == 0)
    #expect(both.output == "")
  }

  @Test func selectAndSeverityOverrideTakePeerIds() {
    let selected = Self.gnu(["--select", "DL4000"])
    #expect(Self.rules(selected) == ["BL5002"])
    let raised = Self.gnu(["--severity-override", "MaintainerDeprecated=error"])
    #expect(Self.severities(raised) == ["warning", "error"])
    let lowered = Self.gnu(["--severity-override", "DL3020=style", "--failure-threshold", "info"])
    #expect(Self.severities(lowered) == ["note", "note"])
    #expect(lowered.status == 1)
  }

  @Test func anIdThatMapsToSeveralRulesNamesThemAll() throws {
    // Trivy's DS-0031 (secrets) is two ballast rules; every peer id resolves the same way.
    guard case .rules(let found) = Self.catalog.reference("DS-0031") else {
      Issue.record("DS-0031 resolves to no rule")
      return
    }
    #expect(found.map(\.id) == ["BL3001", "BL3051"])
    let several = Self.catalog.descriptors.filter { descriptor in
      descriptor.peers.hadolint.contains { id in
        Self.catalog.descriptors.filter { $0.peers.hadolint.contains(id) }.count > 1
      }
    }
    for descriptor in several {
      for id in descriptor.peers.hadolint {
        guard case .rules(let rules) = Self.catalog.reference(id) else {
          Issue.record("\(id) resolves to nothing")
          continue
        }
        #expect(rules.contains(descriptor), "\(id)")
      }
    }
    let config = try LintCommandTests.folder([
      "Dockerfile": "FROM alpine:3.20\nENV API_TOKEN=abc\nUSER 65534\n",
      ".ballast.json": #"{"version": 1, "ignore": ["DS-0031"]}"#,
    ])
    defer { try? FileManager.default.removeItem(atPath: config) }
    let result = BallastCommand.run(["-f", "gnu", config + "/Dockerfile"]) { nil }
    #expect(!result.output.contains("BL3001"))
    #expect(result.errors == "")
  }

  /// Since the pinning rules (BL4070–BL4076) every hadolint check has a rule, so no real
  /// id reaches the command line's warning; a catalog lacking the rules of one check shows
  /// the unmapped reference the warning is made from.
  @Test func aCatalogWithoutTheRulesOfACheckCallsItUnmapped() throws {
    #expect(Self.unmapped.isEmpty, "a hadolint check without a rule: test its CLI warning")
    for check in PeerChecks.hadolint where !Self.unmapped.contains(check.id) {
      guard case .rules(let rules) = Self.catalog.reference(check.id) else {
        Issue.record("\(check.id) resolves to no rule")
        continue
      }
      #expect(rules.allSatisfy { $0.peers.hadolint.contains(check.id) })
    }
    let reduced = RuleCatalog(
      Self.catalog.descriptors.filter { !$0.peers.hadolint.contains("DL3008") })
    #expect(reduced.reference("dl3008") == .unmapped(peer: .hadolint, id: "DL3008"))
    #expect(reduced.reference("DL3018") == .rules([try #require(Self.catalog.rule("BL4071"))]))
    #expect(
      RuleReference.unmappedMessage(peer: .hadolint, id: "DL3008")
        == "hadolint's DL3008 has no ballast equivalent")
  }

  @Test func unknownIdsAreErrorsWithTheClosestName() {
    CommandLineErrorTests.expectUsageError(
      ["--ignore", "JSONArgsRecomended", "-"],
      "--ignore: 'JSONArgsRecomended' is not a rule id or name, or a peer's id; did you mean 'JSONArgsRecommended'?"
    )
    CommandLineErrorTests.expectUsageError(
      ["--select", "hadolnt", "-"],
      "--select: 'hadolnt' is not a rule id, id prefix (BL1), group or name; did you mean 'hadolint'?"
    )
    CommandLineErrorTests.expectUsageError(
      ["--severity-override", "DL3O20=error", "-"],
      "--severity-override: 'DL3O20' is not a rule id or name, or a peer's id; did you mean 'DL3020'?"
    )
  }

  @Test func groupsSelectTheirRules() {
    func selected(_ group: String) -> [String] {
      guard case .rules(let rules) = Self.catalog.reference(group, selecting: true) else {
        return []
      }
      return rules.map(\.id)
    }
    let ids = Self.catalog.descriptors.map(\.id)
    #expect(selected("all") == ids)
    #expect(selected("security") == ids.filter { $0.hasPrefix("BL3") })
    #expect(selected("size") == ids.filter { $0.hasPrefix("BL1") })
    #expect(
      selected("buildkit")
        == Self.catalog.descriptors.filter { !$0.peers.buildkit.isEmpty }.map(\.id))
    // hadolint: rules with an equivalent hadolint runs by default; DL3057 is off in hadolint.
    let hadolint = selected("hadolint")
    #expect(hadolint.contains("BL5001"))
    #expect(hadolint.contains("BL4041"))
    #expect(!hadolint.contains("BL4047"))
    #expect(!hadolint.contains("BL1002"))
    // Not a group where one rule is meant.
    #expect(Self.catalog.reference("size") == .unknown)
  }

  @Test func theHadolintGroupRunsAtHadolintsSeverities() {
    // DL3020 and DL4000 are errors in hadolint; BL5001 and BL5002 are a warning and an info.
    let result = Self.gnu(["--select", "hadolint"])
    #expect(Self.rules(result) == ["BL5001", "BL5002"])
    #expect(Self.severities(result) == ["error", "error"])
    // BL4041 stands for DL3012 (error), DL4003 (warning) and DL4004 (error): the highest.
    let multiple = Self.catalog.rule("BL4041")!
    #expect(RuleGroup.hadolintSeverity(of: multiple) == .error)
    // An explicit override wins over the group's severity, in any order.
    let overridden = Self.gnu(["--severity-override", "BL5002=style", "--select", "hadolint"])
    #expect(Self.severities(overridden) == ["error", "note"])
    // `all` runs the rules off by default too (BL4047), at ballast's severities.
    let all = Self.gnu(["--select", "all"])
    #expect(Self.rules(all) == ["BL4047", "BL5001", "BL5002"])
    #expect(Self.severities(all) == ["note", "warning", "note"])
  }
}
