import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `apt-get install` that also pulls in recommended packages weighing 5 MB or more, on a base
/// image whose packages ballast knows.
struct AptInstallRecommendsRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1003", name: "apt-install-recommends", severity: .info,
    summary: "`apt-get install` without `--no-install-recommends` installs extra packages.",
    peers: PeerEquivalents(hadolint: ["DL3015"], trivy: ["DS-0029"]), fix: .unsafe)

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for install in AptRecommendsLeftOn.installs(in: file) {
      guard install.isHeavyOnKnownBase, let weight = install.weight else { continue }
      findings.append(
        finding(
          install.subcommand.range,
          AptRecommendsLeftOn.message(
            install.command.program, weight, base: file.finalBaseImage),
          help: AptRecommendsLeftOn.help(for: install),
          fix: AptRecommendsLeftOn.fix(install, in: file)))
    }
  }
}
