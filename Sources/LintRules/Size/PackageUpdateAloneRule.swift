import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `apt-get update` / `apk update` in a RUN that installs nothing.
struct PackageUpdateAloneRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1016", name: "package-update-alone", severity: .warning,
    summary: "A RUN updates the package index without installing anything in the same layer.",
    peers: PeerEquivalents(trivy: ["DS-0017"], checkov: ["CKV_DOCKER_5"]))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for position in file.finalImagePositions {
      guard let script = file.scripts[position], script.isFullyParsed else { continue }
      guard !script.installsPackages else { continue }
      let otherWork = script.commands.contains { command in
        !["apt-get", "apt", "apk", "set", "echo", "true"].contains(command.program)
      }
      guard !otherWork else { continue }
      for command in script.commands where ["apt-get", "apt", "apk"].contains(command.program) {
        guard let update = command.subcommand, update.value == "update" else { continue }
        findings.append(
          finding(
            update.range,
            "this layer only stores a package index (tens of MB for APT); later installs reuse it "
              + "even when it is stale, because the layer is cached",
            help:
              "run `\(command.program) update` in the same RUN as the install, and clean up there"))
      }
    }
  }
}
