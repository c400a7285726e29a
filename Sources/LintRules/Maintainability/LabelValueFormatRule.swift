import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A LABEL value that is empty, or not of the format `labelSchema` declares for its key
/// (url, semver, hash, rfc3339, spdx, email). Values ballast cannot expand are left alone.
struct LabelValueFormatRule: ConfigurableRule, InstructionRule {
  static let descriptor = RuleDescriptor(
    id: "BL5037", name: "label-value-format", severity: .warning,
    summary: "A label's value is empty or not of the format `labelSchema` declares.",
    peers: PeerEquivalents(
      hadolint: ["DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"]))

  var schema: [String: LabelFormat] = [:]

  func configured(by configuration: Configuration) -> Self {
    Self(schema: configuration.labelSchema)
  }

  fileprivate static func emptyMessage(_ label: String) -> String {
    "label `\(label)` is empty; the label schema requires a value"
  }

  fileprivate static func formatMessage(_ label: String, _ value: String, _ format: LabelFormat)
    -> String
  {
    "label `\(label)` is `\(value)`, which is not \(LabelSchema.describe(format))"
  }

  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
  {
    guard !schema.isEmpty else { return [] }
    return LabelSchema.labels(of: instruction, at: position, in: file).compactMap { label in
      guard let key = label.key, let format = schema[key], let value = label.value else {
        return nil
      }
      if value.isEmpty {
        return finding(
          label.pair.range, Self.emptyMessage(key), help: "give `\(key)` a value, or remove it")
      }
      guard !LabelSchema.matches(value, format) else { return nil }
      return finding(
        label.pair.value.range, Self.formatMessage(key, value, format),
        help: "write `\(key)` as \(LabelSchema.describe(format)), or change its format in "
          + "`labelSchema`")
    }
  }
}
