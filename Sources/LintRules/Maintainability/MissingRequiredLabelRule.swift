import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// An image without a label the project's `labelSchema` requires: no LABEL of the final
/// image's stages (the final stage and the stages it is built `FROM`) sets it. Silent without
/// a schema.
struct MissingRequiredLabelRule: ConfigurableRule {
  static let descriptor = RuleDescriptor(
    id: "BL5036", name: "missing-required-label", severity: .warning,
    summary: "The image lacks a label that `labelSchema` requires.",
    peers: PeerEquivalents(hadolint: ["DL3049"]))

  /// Required labels and their formats; empty means the rule has nothing to check.
  var schema: [String: LabelFormat] = [:]

  func configured(by configuration: Configuration) -> Self {
    Self(schema: configuration.labelSchema)
  }

  fileprivate static func message(_ label: String, _ format: LabelFormat, stage: String?) -> String
  {
    "no LABEL of "
      + (stage.map { "the final stage `\($0)`" } ?? "the final stage")
      + " or the stages it is built on sets the required label `\(label)` (\(format.rawValue))"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    guard !schema.isEmpty, let final = file.finalStage, final.fromPosition >= 0 else { return }
    var keys = Set<String>()
    for position in file.finalImagePositions {
      for label in LabelSchema.labels(of: file.instructions[position], at: position, in: file) {
        // A key ballast cannot expand may be any required label.
        guard let key = label.key else { return }
        keys.insert(key)
      }
    }
    let from = file.instructions[final.fromPosition]
    let range = final.baseWord?.range ?? from.keywordRange
    for (label, format) in schema.sorted(by: { $0.key < $1.key }) where !keys.contains(label) {
      findings.append(
        finding(
          range, Self.message(label, format, stage: final.name),
          help: "add `LABEL \(label)=…` to the final stage (a label its base image sets is "
            + "inherited, but ballast cannot see it)"))
    }
  }
}
