import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// An EXPOSE argument BuildKit rejects: a port outside 0–65535, not a number, an unknown
/// protocol, a bad IP or mismatched ranges. The build stops there.
struct InvalidExposedPortRule: InstructionRule {
  static let descriptor = RuleDescriptor(
    id: "BL0040", name: "invalid-exposed-port", severity: .error,
    summary: "EXPOSE lists a port or protocol BuildKit rejects, so the build fails.",
    peers: PeerEquivalents(hadolint: ["DL3011"], trivy: ["DS-0008"]))

  fileprivate static func message(_ written: String, _ problem: String) -> String {
    "EXPOSE `\(written)` is invalid: \(problem)"
  }

  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
  {
    file.exposedPorts(instruction, at: position).compactMap { exposed in
      guard let problem = exposed.port.problem else { return nil }
      return finding(
        exposed.word.range, Self.message(exposed.word.text, problem),
        help: "write `port`, `port/tcp`, `port/udp` or a range such as `8000-8010`")
    }
  }
}
