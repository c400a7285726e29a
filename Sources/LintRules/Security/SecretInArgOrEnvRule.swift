import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// An ARG or ENV of a build stage whose name says it holds a secret: ENV values are stored in
/// the image's configuration, and build arguments in its history, for anyone who pulls it.
struct SecretInArgOrEnvRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3001", name: "secret-in-arg-or-env", severity: .warning,
    summary: "An ARG or ENV name says it holds a secret, which the image would keep.",
    peers: PeerEquivalents(
      hadolint: ["DL3064"], buildkit: ["SecretsUsedInArgOrEnv"], trivy: ["DS-0031"]),
    security: SecurityClassification(cwe: 522, score: 7.0))

  fileprivate static func message(_ keyword: String, _ name: String, empty: Bool = false)
    -> String
  {
    if keyword == "ENV" && empty {
      return "ENV `\(name)` looks like a secret: it is empty here, but a value it is given in the "
        + "Dockerfile or from a build argument is stored in the image for anyone who pulls it"
    }
    return keyword == "ENV"
      ? "ENV `\(name)` looks like a secret: its value is stored in the image for anyone who pulls it"
      : "ARG `\(name)` looks like a secret: build arguments are recorded in the image's history"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // Only stage instructions: a global ARG is used by FROM lines and reaches no image
    // unless a stage declares it again (BuildKit checks the same ones).
    for stage in file.stages {
      for position in stage.instructionIndices {
        let instruction = file.instructions[position]
        for name in Self.names(instruction) where SecretNames.verdict(name.text) == .secret {
          let keyword = instruction.kind == .env ? "ENV" : "ARG"
          findings.append(
            finding(
              name.range,
              Self.message(keyword, name.text, empty: Self.emptyValue(of: name, in: instruction)),
              help:
                "pass secrets with `RUN --mount=type=secret,id=…` (or at run time), not ARG or ENV")
          )
        }
      }
    }
  }

  /// True for an ENV name set to an empty value (`ENV API_KEY=""`).
  static func emptyValue(of name: Word, in instruction: Instruction) -> Bool {
    guard case .keyValues(let pairs, _) = instruction.arguments,
      let pair = pairs.first(where: { $0.key.range == name.range })
    else { return false }
    return ["", "\"\"", "''"].contains(pair.value.text)
  }

  /// The names an ENV or ARG sets, with their ranges.
  static func names(_ instruction: Instruction) -> [Word] {
    switch (instruction.kind, instruction.arguments) {
    case (.env, .keyValues(let pairs, _)):
      return pairs.map(\.key)
    case (.arg, .declarations(let words)):
      return words.map { word in
        guard let equals = word.text.firstIndex(of: "=") else { return word }
        let name = String(word.text[..<equals])
        return Word(text: name, range: word.range.prefix(name.utf8.count))
      }
    default:
      return []
    }
  }
}
