import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A comment that switches rules off for the next instruction (`# hadolint ignore=…`,
/// `# ballast ignore=…`), for teams that want every exception in the configuration instead.
struct InlineSuppressionRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL5035", name: "inline-suppression", severity: .info,
    summary: "A comment switches rules off for one instruction instead of the configuration.",
    peers: PeerEquivalents(hadolint: ["DL1001"]), enabledByDefault: false)

  fileprivate static func message(_ tool: String) -> String {
    "this \(tool) comment switches rules off for the next instruction; the project keeps its exceptions in the configuration"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for suppression in Suppression.all(in: file.syntax, catalog: RuleCatalog([])) {
      guard case .instruction = suppression.scope else { continue }
      let tool = PragmaSyntax.syntax(of: suppression.origin).tool
      findings.append(
        finding(
          suppression.range, Self.message(tool),
          help:
            "remove the comment and switch the rule off in `.ballast.json`, or fix the instruction"
        ))
    }
  }
}
