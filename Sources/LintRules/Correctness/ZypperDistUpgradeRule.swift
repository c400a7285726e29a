import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `zypper dist-upgrade` in a RUN of an openSUSE Leap or SLE image: it may move packages to
/// another vendor or release than the base image's, so the image is no longer what its tag
/// says. Tumbleweed is left alone: there `dup` is the only supported upgrade.
struct ZypperDistUpgradeRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4087", name: "zypper-dist-upgrade", severity: .warning,
    summary: "`zypper dist-upgrade` may move the image to other packages than its base's release.",
    peers: PeerEquivalents(hadolint: ["DL3035"]))

  fileprivate static let message =
    "`zypper dist-upgrade` may replace the base image's packages with other vendors' or a "
    + "newer release's, so the image no longer matches its base tag"

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for (position, script) in file.scripts.enumerated() {
      guard let script else { continue }
      let root = file.stage(containing: position)?.rootImage(in: file.stages)
      if root.map({ $0.repository.lowercased().includes("tumbleweed") }) == true { continue }
      for command in script.commands("zypper") {
        let arguments = command.parsedArguments
        guard let verb = arguments.subcommand, ["dist-upgrade", "dup"].contains(verb.value)
        else { continue }
        findings.append(
          finding(
            verb.range, Self.message,
            help: "use `zypper update` or `zypper patch` for fixes within the release"))
      }
    }
  }
}
