import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `apk add curl`: the package comes at whatever version the Alpine branch holds when the image
/// is built. Off by default: Alpine's branches keep only the newest build of a package, so an
/// exact pin breaks at the next update.
struct UnpinnedApkPackageRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4071", name: "unpinned-apk-package", severity: .info,
    summary: "apk adds packages without a version.",
    peers: PeerEquivalents(hadolint: ["DL3018"]), enabledByDefault: false)

  fileprivate static func message(_ names: String) -> String {
    "`apk add` installs \(names) without a version: each build takes whatever the Alpine "
      + "branch holds that day"
  }

  fileprivate static let help =
    "pin with `name=<version>` or, to follow fixes, `name~<major.minor>`; the branch keeps only "
    + "the newest build, so an exact pin fails after the next update"

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    PackagePinning(managers: [.apk]).forEachFloatingInstall(in: file) { _, floating in
      findings.append(
        finding(
          floating[0].word.range, Self.message(PackagePinning.names(floating)), help: Self.help))
    }
  }
}
