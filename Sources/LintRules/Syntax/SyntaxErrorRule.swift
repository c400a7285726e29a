import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// Reports what the parser found wrong: files BuildKit refuses to parse, and instructions its
/// instruction layer rejects (unknown instructions, bad flags, wrong argument counts …).
struct SyntaxErrorRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL0001", name: "syntax-error", severity: .error,
    summary: "The Dockerfile does not parse, or an instruction is malformed: the build fails.",
    peers: PeerEquivalents(hadolint: ["DL1000", "DL3022", "DL3043", "DL3061"]))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for diagnostic in file.syntax.diagnostics where diagnostic.severity == .error {
      let help =
        diagnostic.rejectsFile
        ? "BuildKit refuses the whole file until this is fixed"
        : "`docker build` stops at this instruction"
      findings.append(finding(diagnostic.range, diagnostic.message, help: help))
    }
  }
}
