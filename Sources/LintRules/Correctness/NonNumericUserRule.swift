import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// The final image runs as a user given by name: Kubernetes cannot verify a name against
/// `runAsNonRoot` and refuses to start the container, and tools that map users by id cannot
/// resolve it outside the image.
struct NonNumericUserRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4049", name: "non-numeric-user", severity: .info,
    summary: "The final image's USER is a name, not a numeric id.",
    peers: PeerEquivalents(hadolint: ["DL3066"]))

  fileprivate static func message(_ user: String) -> String {
    "the image runs as user `\(user)` by name: Kubernetes' `runAsNonRoot` cannot verify a name "
      + "and refuses to start it"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // Only the last USER of the final image's stages decides whom the container runs as.
    guard
      let position = file.finalImagePositions.last(where: { file.instructions[$0].kind == .user }),
      case .text(let word) = file.instructions[position].arguments,
      let value = file.expand(word.text, before: position)
    else { return }
    let user = String(value.split(separator: ":", omittingEmptySubsequences: false).first ?? "")
    // `root` is a problem of its own (running as root), not of naming; Windows has no
    // numeric ids (its users are `ContainerUser` and `ContainerAdministrator`).
    guard !user.isEmpty, user != "root", !user.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
      !["containeruser", "containeradministrator"].contains(user.lowercased()),
      file.finalBaseImage?.isWindows != true
    else { return }
    let range =
      word.variables.isEmpty && word.text.hasPrefix(user)
      ? word.range.prefix(user.utf8.count) : word.range
    findings.append(
      finding(
        range, Self.message(user),
        help: "give the numeric id the image created the user with, such as `USER 10001`"))
  }
}
