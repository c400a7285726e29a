import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A LABEL key the project's `labelSchema` does not name, when `strictLabels` is on. Silent
/// otherwise; keys ballast cannot expand are left alone.
struct LabelOutsideSchemaRule: ConfigurableRule, InstructionRule {
  static let descriptor = RuleDescriptor(
    id: "BL5038", name: "label-outside-schema", severity: .info,
    summary: "A label is not in `labelSchema`, and `strictLabels` allows no others.",
    peers: PeerEquivalents(hadolint: ["DL3050"]))

  var schema: [String: LabelFormat] = [:]
  var strict = false

  func configured(by configuration: Configuration) -> Self {
    Self(schema: configuration.labelSchema, strict: configuration.strictLabels)
  }

  fileprivate static func message(_ label: String, schema: [String: LabelFormat]) -> String {
    guard !schema.isEmpty else {
      return "label `\(label)` is not in the label schema, which is empty"
    }
    let names = schema.keys.sorted()
    let shown = names.prefix(3).map { "`\($0)`" } + (names.count > 3 ? ["…"] : [])
    return "label `\(label)` is not in the label schema (" + shown.joined(separator: ", ") + ")"
  }

  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
  {
    guard strict else { return [] }
    return LabelSchema.labels(of: instruction, at: position, in: file).compactMap { label in
      guard let key = label.key, schema[key] == nil else { return nil }
      return finding(
        label.pair.key.range, Self.message(key, schema: schema),
        help: "remove the label, or add it to `labelSchema`")
    }
  }
}
