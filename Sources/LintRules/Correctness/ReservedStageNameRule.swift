import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `FROM alpine AS scratch`: `scratch` and `context` already mean something to the builder
/// (the empty image; the build context in `COPY --from=context`, `RUN --mount=from=context`).
struct ReservedStageNameRule: InstructionRule {
  static let descriptor = RuleDescriptor(
    id: "BL4005", name: "reserved-stage-name", severity: .warning,
    summary: "A stage is named `scratch` or `context`, names the builder reserves.",
    peers: PeerEquivalents(hadolint: ["DL3063"], buildkit: ["ReservedStageName"]))

  /// The names BuildKit reserves (`frontend/dockerfile/dockerfile2llb`).
  static let reserved: Set<String> = ["scratch", "context"]

  fileprivate static func message(_ name: String) -> String {
    "stage name `\(name)` is reserved: \(name == "scratch" ? "`FROM scratch` means the empty image" : "`--from=context` means the build context")"
  }

  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
  {
    guard let word = instruction.stageNameWord, Self.reserved.contains(word.text.lowercased())
    else { return [] }
    return [finding(word.range, Self.message(word.text.lowercased()), help: "rename the stage")]
  }
}
