import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `gem install bundler`: the gem comes at its newest release when the image is built.
struct UnpinnedGemRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4075", name: "unpinned-gem", severity: .warning,
    summary: "gem installs gems without a version.",
    peers: PeerEquivalents(hadolint: ["DL3028"]))

  fileprivate static func message(_ names: String) -> String {
    "`gem install` installs \(names) without a version: each build takes the newest release "
      + "on RubyGems"
  }

  fileprivate static let help =
    "pin with `-v <version>` (`-v '~> 2.5'` follows fixes) or `name:<version>`, or install "
    + "from a Gemfile.lock with `bundle install`"

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    PackagePinning(managers: [.gem]).forEachFloatingInstall(in: file) { _, floating in
      findings.append(
        finding(
          floating[0].word.range, Self.message(PackagePinning.names(floating)), help: Self.help))
    }
  }
}
