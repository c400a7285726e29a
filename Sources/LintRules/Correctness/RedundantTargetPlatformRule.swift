import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `FROM --platform=$TARGETPLATFORM image`: a stage is built for the target platform anyway.
struct RedundantTargetPlatformRule: InstructionRule {
  static let descriptor = RuleDescriptor(
    id: "BL4006", name: "redundant-target-platform", severity: .info,
    summary: "`FROM --platform=$TARGETPLATFORM` asks for what a stage gets by default.",
    peers: PeerEquivalents(hadolint: ["DL3065"], buildkit: ["RedundantTargetPlatform"]),
    fix: .safe)

  fileprivate static func message(_ value: String) -> String {
    "`--platform=\(value)` is the default: every stage is built for the target platform"
  }

  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
  {
    guard instruction.kind == .from, let flag = instruction.flag("platform"),
      let value = flag.value
    else { return [] }
    // As BuildKit: the value uses TARGETPLATFORM and no other variable.
    let names = Set(PlatformFlag.variableNames(in: value))
    guard names == ["TARGETPLATFORM"] else { return [] }
    let fix = Fix(
      title: "remove `\(flag.text)`",
      edits: [Fix.Edit.delete(file.source.extendingOverBlanks(flag.range))], safety: .safe)
    return [finding(flag.range, Self.message(value), help: "remove the flag", fix: fix)]
  }
}
