import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// The LABEL pairs of a file with their keys and values expanded, shared by the label-schema
/// rules (BL5036, BL5037, BL5038).
enum LabelSchema {
  struct Label {
    /// The key after ARG/ENV expansion; nil when it uses a variable with no known value.
    var key: String?
    /// The value after expansion, quotes removed; nil when it is unknown.
    var value: String?
    var pair: KeyValuePair
    var position: Int
  }

  static func labels(of instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Label]
  {
    guard instruction.kind == .label, case .keyValues(let pairs, _) = instruction.arguments else {
      return []
    }
    return pairs.map { pair in
      Label(
        key: file.expand(pair.key.text, before: position),
        value: file.expand(pair.value.text, before: position), pair: pair, position: position)
    }
  }

  /// What a value of `format` is, for messages.
  static func describe(_ format: LabelFormat) -> String {
    switch format {
    case .text: return "text"
    case .url: return "an absolute URL"
    case .semver: return "a semantic version (`1.2.3`)"
    case .hash: return "a git commit hash (7 or 40 lower-case hex digits)"
    case .rfc3339: return "an RFC 3339 time (`2024-05-01T12:00:00Z`)"
    case .spdx: return "an SPDX license expression (`Apache-2.0`, `MIT OR BSD-3-Clause`)"
    case .email: return "an e-mail address"
    }
  }

  /// Whether a non-empty `value` has the format.
  static func matches(_ value: String, _ format: LabelFormat) -> Bool {
    switch format {
    case .text: return true
    case .url: return LabelValueFormats.isURL(value)
    case .semver: return LabelValueFormats.isSemanticVersion(value)
    case .hash: return LabelValueFormats.isGitHash(value)
    case .rfc3339: return LabelValueFormats.isRFC3339(value)
    case .spdx: return LabelValueFormats.isSPDXExpression(value)
    case .email: return LabelValueFormats.isEmail(value)
    }
  }
}
