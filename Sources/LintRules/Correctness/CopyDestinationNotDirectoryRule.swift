import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// COPY or ADD of several sources to a destination that does not end in `/`: the reference
/// requires a directory there; the classic builder, Buildah and Podman refuse the build.
struct CopyDestinationNotDirectoryRule: InstructionRule {
  static let descriptor = RuleDescriptor(
    id: "BL4044", name: "copy-destination-not-directory", severity: .error,
    summary: "COPY or ADD of several sources names a destination that does not end in `/`.",
    peers: PeerEquivalents(hadolint: ["DL3021"], trivy: ["DS-0011"]), fix: .unsafe)

  fileprivate static func message(_ keyword: String, sources: Int, _ destination: String) -> String
  {
    "\(keyword) of \(sources) sources needs a directory destination ending in `/`, not `\(destination)`"
  }

  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
  {
    guard instruction.kind == .copy || instruction.kind == .add,
      let words = instruction.listWords, let destination = words.last, words.count > 2
    else { return [] }
    let written = destination.text
    let path = file.expand(written, before: position) ?? written
    // BuildKit reads `.` and an empty destination as the working directory itself.
    guard !path.hasSuffix("/"), path != ".", !path.isEmpty, !path.hasSuffix("\\") else {
      return []
    }
    let keyword = instruction.keyword.uppercased()
    let end = SourceRange(start: destination.range.end, end: destination.range.end)
    let fix =
      instruction.arguments.isJSON
      ? nil
      : Fix(
        title: "end the destination with `/`", edits: [Fix.Edit(range: end, replacement: "/")],
        safety: .unsafe)
    return [
      finding(
        destination.range, Self.message(keyword, sources: words.count - 1, written),
        help: "write `\(written)/` so every source lands inside the folder", fix: fix)
    ]
  }
}
