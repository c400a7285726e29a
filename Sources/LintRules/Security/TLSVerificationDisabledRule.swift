import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A build step that accepts any TLS certificate: `curl -k`, `wget --no-check-certificate`,
/// `git -c http.sslVerify=false`, `pip --trusted-host`, `npm config set strict-ssl false`,
/// `--setopt=sslverify=0`, and the variables that do the same in a RUN, an ARG or the ENV
/// of a build stage. ENV in the final image is BL3041's.
struct TLSVerificationDisabledRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3040", name: "tls-verification-disabled", severity: .warning,
    summary: "A build step switches off TLS certificate checks.",
    peers: PeerEquivalents(
      checkov: [
        "CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_5", "CKV2_DOCKER_6",
        "CKV2_DOCKER_12", "CKV2_DOCKER_13", "CKV2_DOCKER_14", "CKV2_DOCKER_15", "CKV2_DOCKER_16",
      ]),
    security: SecurityClassification(cwe: 295, score: 6.5))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    let final = Set(file.finalImagePositions)
    for position in file.instructions.indices {
      let kind = file.instructions[position].kind
      guard kind == .run || kind == .arg || kind == .env else { continue }
      for setting in file.verificationSettings(at: position, ships: final.contains(position))
      where setting.kind == .tls && setting.place != .environment(ships: true) {
        findings.append(
          finding(
            setting.range, message(setting),
            help: "install the certificate authority the server uses (copy it to "
              + "`/usr/local/share/ca-certificates/` and run `update-ca-certificates`, or pass "
              + "`--cacert`) instead of switching checks off"))
      }
    }
  }

  private func message(_ setting: VerificationSetting) -> String {
    let what = setting.program.isEmpty ? "the package manager" : setting.program
    let effect =
      "switches off \(what)'s TLS certificate checks: anyone on the network path "
      + "can pose as the server and change what the build downloads"
    switch setting.place {
    case .argument:
      return "the build argument `\(setting.written)` \(effect), in every RUN that sees it"
    case .environment:
      return "`ENV \(setting.written)` \(effect), in the later steps of this build stage"
    case .repositoryFile:
      return "`\(setting.written)` in this repository definition \(effect)"
    default:
      let persists =
        setting.persists ? ", and it stays in the configuration for every later use" : ""
      return "`\(setting.written)` \(effect)\(persists)"
    }
  }
}
