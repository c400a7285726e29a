import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `FROM image as name`: the `AS` keyword in another case than `FROM`.
struct MismatchedAsCasingRule: InstructionRule {
  static let descriptor = RuleDescriptor(
    id: "BL5005", name: "mismatched-as-casing", severity: .style,
    summary: "The `AS` of a FROM line is not in the same case as the `FROM` keyword.",
    peers: PeerEquivalents(buildkit: ["FromAsCasing"]), fix: .safe)

  fileprivate static func message(_ word: String, keyword: String) -> String {
    "`\(word)` is not in the case of `\(keyword)`"
  }

  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
  {
    guard let word = instruction.stageKeywordWord else { return [] }
    // A mixed-case keyword (`From`) has no case to match: BuildKit leaves that to
    // ConsistentInstructionCasing, and so does ballast (BL5030).
    let keyword = instruction.keyword
    let expected: String
    if keyword == keyword.uppercased() {
      expected = word.text.uppercased()
    } else if keyword == keyword.lowercased() {
      expected = word.text.lowercased()
    } else {
      return []
    }
    guard word.text != expected else { return [] }
    let fix = Fix(
      title: "write `\(expected)`", edits: [Fix.Edit(range: word.range, replacement: expected)],
      safety: .safe)
    return [
      finding(
        word.range, Self.message(word.text, keyword: keyword), help: "write `\(expected)`",
        fix: fix)
    ]
  }
}
