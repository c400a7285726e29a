import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A credential written into an instruction: a private key, an issuer-prefixed token, a
/// password in a URL. Found by value (`SecretFormats`); the name-based check is BL3001's.
struct SecretValueInDockerfileRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3050", name: "secret-value-in-dockerfile", severity: .error,
    summary: "A credential (private key, access token, password in a URL) is written into "
      + "the Dockerfile.",
    security: SecurityClassification(cwe: 798, score: 9.0))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    guard !file.secrets.isEmpty else { return }
    let instructions = file.instructions
    let finalPositions = Set(file.finalImagePositions)
    // Account passwords are BL3021's.
    for secret in file.secrets where !secret.isAccountPassword {
      // The instruction holding it: the last one starting at or before it (comments between
      // instructions hold no instruction's text).
      var low = 0
      var high = instructions.count
      while low < high {
        let mid = (low + high) / 2
        if instructions[mid].range.start <= secret.range.start { low = mid + 1 } else { high = mid }
      }
      guard low > 0, instructions[low - 1].range.end >= secret.range.end else { continue }
      let position = low - 1
      let instruction = instructions[position]
      let keyword = instruction.keyword.uppercased()
      let kept = whereKept(instruction, ships: finalPositions.contains(position))
      findings.append(
        finding(
          secret.range,
          "\(secret.kind) `\(secret.masked)` written in this \(keyword): \(kept), and anyone "
            + "who can read the Dockerfile has it",
          help: help(instruction)))
    }
  }

  private func whereKept(_ instruction: Instruction, ships: Bool) -> String {
    switch instruction.kind {
    case .env, .label:
      return ships
        ? "it is stored in the image's configuration, which `docker inspect` shows"
        : "it stays in this stage's cache"
    case .arg:
      return "every RUN that uses the argument records its value in the image history"
    case .run:
      return ships
        ? "the command line is kept in the image history, which `docker history` shows"
        : "the command line is kept in the build cache"
    case .copy, .add:
      return ships ? "the file it writes carries it into the image" : "it stays in this stage"
    default:
      return "it is stored in the image's configuration"
    }
  }

  private func help(_ instruction: Instruction) -> String {
    let runtime =
      instruction.kind == .env || instruction.kind == .cmd || instruction.kind == .entrypoint
    if runtime {
      return "revoke it (it is public now) and give it to the container when it starts "
        + "(`docker run --env-file`, a Kubernetes Secret), not in the image"
    }
    return "revoke it (it is public now) and pass it to the build as a secret: "
      + "`RUN --mount=type=secret,id=token TOKEN=$(cat /run/secrets/token) …` with "
      + "`docker build --secret id=token,env=TOKEN`"
  }
}
