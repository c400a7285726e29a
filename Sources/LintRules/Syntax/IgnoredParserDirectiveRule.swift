import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A `# syntax=`, `# escape=` or `# check=` comment that BuildKit does not read as a directive
/// because something other than a directive comes before it.
struct IgnoredParserDirectiveRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL0002", name: "ignored-parser-directive", severity: .warning,
    summary: "A parser directive after an instruction, comment or blank line is silently ignored.",
    tags: [.unnecessary])

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for diagnostic in file.syntax.diagnostics {
      guard case .misplacedDirective(let name) = diagnostic.kind else { continue }
      findings.append(
        finding(
          diagnostic.range,
          "`# \(name)=` is not at the top of the file, so BuildKit treats it as a plain comment",
          help: "move it to the first lines, before any instruction, comment or blank line"))
    }
  }
}
