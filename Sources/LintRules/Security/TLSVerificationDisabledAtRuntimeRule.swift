import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// An ENV of the final image that switches off TLS certificate checks for the application:
/// `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `GIT_SSL_NO_VERIFY`, …
struct TLSVerificationDisabledAtRuntimeRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3041", name: "tls-verification-disabled-at-runtime", severity: .error,
    summary: "The final image's environment switches off TLS certificate checks for the "
      + "running container.",
    peers: PeerEquivalents(
      checkov: [
        "CKV2_DOCKER_5", "CKV2_DOCKER_6", "CKV2_DOCKER_12", "CKV2_DOCKER_14", "CKV2_DOCKER_16",
      ]
    ),
    security: SecurityClassification(cwe: 295, score: 7.5))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for position in file.finalImagePositions where file.instructions[position].kind == .env {
      for setting in file.verificationSettings(at: position, ships: true)
      where setting.kind == .tls {
        findings.append(
          finding(
            setting.range,
            "`ENV \(setting.written)` stays in the final image: \(setting.program) in the running "
              + "container accepts any TLS certificate, so anyone on its network path can read "
              + "and change its HTTPS traffic",
            help: "remove it; if a private certificate authority is the reason, add its "
              + "certificate to the image's trust store (`update-ca-certificates`, or "
              + "`NODE_EXTRA_CA_CERTS` for Node.js)"))
      }
    }
  }
}
