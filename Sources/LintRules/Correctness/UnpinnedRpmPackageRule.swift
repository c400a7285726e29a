import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `dnf install nginx`, `yum install nginx`, `zypper install nginx`: the package comes at
/// whatever version the repositories hold when the image is built. Off by default, as for apt:
/// most distributions' repositories drop superseded versions.
struct UnpinnedRpmPackageRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4072", name: "unpinned-rpm-package", severity: .info,
    summary: "dnf, yum or zypper installs packages without a version.",
    peers: PeerEquivalents(hadolint: ["DL3033", "DL3037", "DL3041"]), enabledByDefault: false)

  fileprivate static func message(_ command: String, _ names: String) -> String {
    "`\(command)` installs \(names) without a version: each build takes whatever the "
      + "repositories hold that day"
  }

  fileprivate static func help(_ manager: PackageManager) -> String {
    manager == .zypper
      ? "pin with `name=<version>` (`zypper info name` shows it)"
      : "pin with `name-<version>` (`dnf info name` shows it); repositories may drop superseded "
        + "versions, so an exact pin can fail after an update"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    PackagePinning(managers: [.dnf, .yum, .zypper]).forEachFloatingInstall(in: file) {
      install, floating in
      findings.append(
        finding(
          floating[0].word.range,
          Self.message(PackagePinning.commandName(install), PackagePinning.names(floating)),
          help: Self.help(install.manager)))
    }
  }
}
