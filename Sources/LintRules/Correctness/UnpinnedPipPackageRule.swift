import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `pip install flask`: the package comes at whatever version PyPI (or the index) has newest
/// when the image is built, and a new major version can break the image without a change.
struct UnpinnedPipPackageRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4073", name: "unpinned-pip-package", severity: .warning,
    summary: "pip installs packages without a version.",
    peers: PeerEquivalents(hadolint: ["DL3013"]))

  fileprivate static func message(_ names: String) -> String {
    "`pip install` installs \(names) without a version: each build takes the newest release "
      + "on the index"
  }

  fileprivate static let help =
    "pin with `name==<version>` (or `~=` for fixes), a requirements file with versions "
    + "(`-r requirements.txt`) or constraints (`-c constraints.txt`); a checkout takes `@<ref>`"

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    PackagePinning(managers: [.pip]).forEachFloatingInstall(in: file) { _, floating in
      findings.append(
        finding(
          floating[0].word.range, Self.message(PackagePinning.names(floating)), help: Self.help))
    }
  }
}
