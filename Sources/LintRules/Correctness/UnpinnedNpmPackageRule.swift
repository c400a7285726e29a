import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `npm install -g typescript`, `yarn global add x`: the package comes at its newest release
/// (or whatever a dist-tag such as `latest` points to) when the image is built. Installs from
/// package.json (`npm install`, `npm ci`, `yarn install`) name no package and are left alone.
struct UnpinnedNpmPackageRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4074", name: "unpinned-npm-package", severity: .warning,
    summary: "npm, yarn or pnpm installs named packages without a version.",
    peers: PeerEquivalents(hadolint: ["DL3016"]))

  fileprivate static func message(_ command: String, _ names: String) -> String {
    "`\(command)` does not pin \(names): each build takes the newest release on the registry, "
      + "or whatever the tag points to"
  }

  fileprivate static let help =
    "pin with `name@<version>` (a range such as `@^5` follows fixes), or list the packages in "
    + "package.json with a lockfile and run `npm ci`"

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    PackagePinning(managers: [.npm, .yarn, .pnpm]).forEachFloatingInstall(in: file) {
      install, floating in
      findings.append(
        finding(
          floating[0].word.range,
          Self.message(PackagePinning.commandName(install), PackagePinning.names(floating)),
          help: Self.help))
    }
  }
}
