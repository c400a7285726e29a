import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `FROM --platform=linux/amd64 image`: a constant platform pins the stage to one platform,
/// so a multi-platform build (`--platform linux/amd64,linux/arm64`) silently builds every
/// image from the same base, or an emulated one.
struct ConstantFromPlatformRule: InstructionRule {
  static let descriptor = RuleDescriptor(
    id: "BL4007", name: "constant-from-platform", severity: .warning,
    summary: "A FROM line sets `--platform` to a constant value.",
    peers: PeerEquivalents(hadolint: ["DL3029"], buildkit: ["FromPlatformFlagConstDisallowed"]))

  fileprivate static func message(_ value: String) -> String {
    "`--platform=\(value)` pins this stage to one platform, whatever platform the build targets"
  }

  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
  {
    guard instruction.kind == .from, let flag = instruction.flag("platform"),
      let value = flag.value, !value.isEmpty, !value.contains("$")
    else { return [] }
    // A stage named for its platform (`AS build-arm64`, `AS windows`) is deliberate, as
    // BuildKit reads it.
    if let name = instruction.stageNameWord?.text.lowercased(),
      let platform = PlatformFlag(value),
      name.contains(platform.os) || name.contains(platform.architecture)
    {
      return []
    }
    return [
      finding(
        flag.valueRange, Self.message(value),
        help: "use `$BUILDPLATFORM` for a stage that runs build tools, or no flag at all")
    ]
  }
}
