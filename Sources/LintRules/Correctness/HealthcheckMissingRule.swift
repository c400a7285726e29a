import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// The final image declares no HEALTHCHECK, so orchestrators that read it (Docker, Swarm,
/// Compose `depends_on: service_healthy`) only know whether the process runs. Off by default:
/// Kubernetes ignores HEALTHCHECK and has its own probes.
struct HealthcheckMissingRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4047", name: "healthcheck-missing", severity: .info,
    summary: "The final image declares no HEALTHCHECK.",
    peers: PeerEquivalents(hadolint: ["DL3057"], trivy: ["DS-0026"], checkov: ["CKV_DOCKER_2"]),
    enabledByDefault: false)

  fileprivate static func message(_ base: String?) -> String {
    "the final image declares no HEALTHCHECK"
      + (base.map { " (unless its base image `\($0)` has one)" } ?? "")
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    guard let final = file.finalStage,
      !file.finalImagePositions.contains(where: { file.instructions[$0].kind == .healthcheck })
    else { return }
    let base = file.finalBaseImage
    let from = file.instructions[final.fromPosition]
    findings.append(
      finding(
        from.keywordRange, Self.message(base.flatMap { $0.isScratch ? nil : $0.text }),
        help:
          "add `HEALTHCHECK CMD …` that probes the service, or `HEALTHCHECK NONE` to say there is none"
      ))
  }
}
