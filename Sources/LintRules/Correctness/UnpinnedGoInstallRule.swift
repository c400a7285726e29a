import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `go install x@latest`, `go get x`: the module comes at its newest version (or commit) when
/// the image is built. A path without `@` takes the version the current module's go.mod
/// requires, when there is one, so the message says "if" there.
struct UnpinnedGoInstallRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4076", name: "unpinned-go-install", severity: .warning,
    summary: "go install or go get fetches a module at `@latest`, a branch or no version.",
    peers: PeerEquivalents(hadolint: ["DL3062"]))

  fileprivate static func message(_ command: String, _ package: RequestedPackage) -> String {
    if let version = package.version {
      return "`\(command) \(package.name)@\(version)` takes whatever `\(version)` is when the "
        + "image is built"
    }
    if command.hasSuffix(" get") {
      return "`\(command) \(package.name)` names no version: it takes the newest version (in "
        + "GOPATH mode, the newest commit)"
    }
    return "`\(command) \(package.name)` names no version: it builds the version go.mod in the "
      + "current folder requires, and without one fails (Go 1.16 and later) or, in GOPATH mode, "
      + "fetches the newest commit"
  }

  fileprivate static let help = "pin with `path@v<version>` (a tag or a commit)"

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    PackagePinning(managers: [.go]).forEachFloatingInstall(in: file) { install, floating in
      for package in floating {
        findings.append(
          finding(
            package.word.range, Self.message(PackagePinning.commandName(install), package),
            help: Self.help))
      }
    }
  }
}
