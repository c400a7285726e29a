import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A Jinja or Go-template source of a Dockerfile: reported once, and the file's other findings
/// but its first syntax error are dropped (the linter does it), as BuildKit stops there.
struct TemplateFileRule: Rule {
  static let descriptor = RuleDescriptor(
    id: Linter.templateRuleID, name: "template-file", severity: .warning,
    summary: "The file is a template (Jinja, Go template) that must be rendered before it builds.")

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    guard let evidence = file.templateEvidence else { return }
    let lines = evidence.lineCount == 1 ? "1 line" : "\(evidence.lineCount) lines"
    findings.append(
      finding(
        evidence.range,
        "this file looks like a template, not a Dockerfile: `\(evidence.delimiter)` here and on "
          + "\(lines) in all, which BuildKit cannot parse; ballast reports nothing else in it but the "
          + "first error, where the build stops",
        help: "lint the rendered Dockerfile (`ballast -` reads standard input), or name the "
          + "template so it is not taken for a Dockerfile (`Dockerfile.j2`, `Dockerfile.tmpl`)"))
  }
}
