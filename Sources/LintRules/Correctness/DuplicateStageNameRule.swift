import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// Two stages with one name (any case): `COPY --from=` and `FROM <name>` can only mean one of
/// them, and a reader cannot tell which.
struct DuplicateStageNameRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4004", name: "duplicate-stage-name", severity: .warning,
    summary: "Two stages have the same name.",
    peers: PeerEquivalents(
      hadolint: ["DL3024"], buildkit: ["DuplicateStageName"], trivy: ["DS-0012"],
      checkov: ["CKV_DOCKER_11"]))

  fileprivate static func message(_ name: String, line: Int) -> String {
    "stage name `\(name)` is already used by the stage on line \(line)"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    var first: [String: Word] = [:]
    for stage in file.stages {
      guard let name = stage.name, let word = file.instructions[stage.fromPosition].stageNameWord
      else { continue }
      guard let earlier = first[name] else {
        first[name] = word
        continue
      }
      let line = file.source.location(of: earlier.range.start).line
      findings.append(
        finding(
          word.range, Self.message(word.text, line: line),
          help: "give each stage a name of its own",
          related: [RelatedLocation(range: earlier.range, message: "first stage named `\(name)`")]
        ))
    }
  }
}
