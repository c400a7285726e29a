import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `apt-get install curl`: the package comes at whatever version the archive holds when the
/// image is built. Off by default: Debian and Ubuntu mirrors drop superseded versions, so an
/// exact pin breaks the build at the next security update, and most projects choose that.
struct UnpinnedAptPackageRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4070", name: "unpinned-apt-package", severity: .info,
    summary: "apt-get installs packages without a version or release.",
    peers: PeerEquivalents(hadolint: ["DL3008"]), enabledByDefault: false)

  fileprivate static func message(_ command: String, _ names: String) -> String {
    "`\(command)` installs \(names) without a version: each build takes whatever the archive "
      + "holds that day"
  }

  fileprivate static let help =
    "pin with `name=<version>` (`apt-cache policy name` shows it) or a snapshot archive "
    + "(snapshot.debian.org); mirrors drop superseded versions, so an exact pin fails after the "
    + "next update"

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    PackagePinning(managers: [.apt]).forEachFloatingInstall(in: file) { install, floating in
      findings.append(
        finding(
          floating[0].word.range,
          Self.message(PackagePinning.commandName(install), PackagePinning.names(floating)),
          help: Self.help))
    }
  }
}
