import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// An inline `# ballast ignore=` naming a rule that found nothing there, or no rule at all.
/// The linter reports it after matching suppressions; this type carries its identity.
struct UnusedSuppressionRule: Rule {
  static let descriptor = RuleDescriptor(
    id: Linter.unusedSuppressionID, name: "unused-suppression", severity: .style,
    summary: "An ignore comment suppresses nothing: the rule found nothing there or is unknown.",
    fix: .safe, tags: [.unnecessary])

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {}
}
