import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `FROM golang AS Build`: stage names are case-insensitive, and BuildKit lower-cases them, so
/// an upper-case name only differs from how the build refers to it.
struct UppercaseStageNameRule: InstructionRule {
  static let descriptor = RuleDescriptor(
    id: "BL5004", name: "uppercase-stage-name", severity: .style,
    summary: "A stage name has upper-case letters; BuildKit treats stage names as lower case.",
    peers: PeerEquivalents(buildkit: ["StageNameCasing"]), fix: .safe)

  fileprivate static func message(_ name: String) -> String {
    "stage name `\(name)` should be lower case: `\(name.lowercased())`"
  }

  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
  {
    guard let name = instruction.stageNameWord, name.text != name.text.lowercased() else {
      return []
    }
    let lower = name.text.lowercased()
    // References to the stage (`COPY --from=Build`) match any case, so renaming the
    // declaration alone changes nothing in the build.
    let fix = Fix(
      title: "write `\(lower)`", edits: [Fix.Edit(range: name.range, replacement: lower)],
      safety: .safe)
    return [finding(name.range, Self.message(name.text), help: "write `\(lower)`", fix: fix)]
  }
}
