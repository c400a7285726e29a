import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A LABEL key outside Docker's recommended form: lower-case letters, digits, `.`, `-`
/// (hadolint also allows `_` and `/`), starting with a letter, ending with a letter or digit,
/// no doubled separators, and not in Docker's reserved namespaces.
struct InvalidLabelKeyRule: InstructionRule {
  static let descriptor = RuleDescriptor(
    id: "BL5034", name: "invalid-label-key", severity: .style,
    summary: "A LABEL key is not lower-case reverse-DNS style, or uses a reserved namespace.",
    peers: PeerEquivalents(hadolint: ["DL3048"]))

  static let reservedNamespaces = ["com.docker.", "io.docker.", "org.dockerproject."]

  fileprivate static func message(_ key: String, _ problem: String) -> String {
    "label key `\(key)` \(problem)"
  }

  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
  {
    guard instruction.kind == .label, case .keyValues(let pairs, _) = instruction.arguments else {
      return []
    }
    return pairs.compactMap { pair in
      guard let key = file.expand(pair.key.text, before: position), !key.isEmpty,
        let problem = Self.problem(key)
      else { return nil }
      return finding(
        pair.key.range, Self.message(key, problem),
        help: "use lower-case reverse-DNS keys such as `org.opencontainers.image.source`")
    }
  }

  /// Made once: building it for every key cost more than the rest of the rule.
  static let allowedKeyCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789.-_/")

  static func problem(_ key: String) -> String? {
    if let namespace = reservedNamespaces.first(where: key.hasPrefix) {
      return "is in Docker's reserved namespace `\(namespace)`"
    }
    if key.contains(where: { $0.isUppercase }) { return "has upper-case letters" }
    if let bad = key.first(where: { !allowedKeyCharacters.contains($0) }) {
      return "contains `\(bad)`"
    }
    guard let first = key.first, first.isLetter else { return "does not start with a letter" }
    guard let last = key.last, last.isLetter || last.isNumber else {
      return "does not end with a letter or digit"
    }
    if key.includes("..") || key.includes("--") { return "has a doubled separator" }
    return nil
  }
}
