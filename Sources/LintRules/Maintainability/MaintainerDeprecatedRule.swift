import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// MAINTAINER is deprecated; the OCI `authors` label carries the same information.
struct MaintainerDeprecatedRule: InstructionRule {
  static let descriptor = RuleDescriptor(
    id: "BL5002", name: "maintainer-deprecated", severity: .info,
    summary: "MAINTAINER is deprecated; use the `org.opencontainers.image.authors` label.",
    peers: PeerEquivalents(
      hadolint: ["DL4000"], buildkit: ["MaintainerDeprecated"], trivy: ["DS-0022"],
      checkov: ["CKV_DOCKER_6"]), fix: .safe, tags: [.deprecated])

  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
  {
    guard instruction.kind == .maintainer else { return [] }
    var fix: Fix?
    if case .text(let author) = instruction.arguments {
      let label = "LABEL org.opencontainers.image.authors=\"\(author.text.replacingQuotes())\""
      fix = Fix(
        title: "replace with an OCI label",
        edits: [Fix.Edit(range: instruction.range, replacement: label)], safety: .safe)
    }
    return [
      finding(
        instruction.keywordRange, "MAINTAINER is deprecated and not shown by image tools",
        help: "write `LABEL org.opencontainers.image.authors=\"…\"` instead", fix: fix)
    ]
  }
}

extension String {
  fileprivate func replacingQuotes() -> String {
    var result = ""
    for character in self {
      if character == "\"" || character == "\\" { result.append("\\") }
      result.append(character)
    }
    return result
  }
}
