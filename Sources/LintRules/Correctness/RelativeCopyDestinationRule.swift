import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// COPY or ADD to a relative destination before any WORKDIR of the stage: the files land in
/// whatever working directory the base image sets.
struct RelativeCopyDestinationRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4045", name: "relative-copy-destination", severity: .warning,
    summary: "COPY or ADD has a relative destination while no WORKDIR of the stage is set.",
    peers: PeerEquivalents(hadolint: ["DL3045"]))

  fileprivate static func message(_ keyword: String, _ destination: String, base: String)
    -> String
  {
    "\(keyword) destination `\(destination)` is relative, and no WORKDIR says to what: the "
      + "working directory of `\(base)` decides"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    var workdirSet: [Bool] = []
    for stage in file.stages {
      var isSet = stage.baseStage.map { $0 < workdirSet.count && workdirSet[$0] } ?? false
      for position in stage.instructionIndices {
        let instruction = file.instructions[position]
        if instruction.kind == .workdir { isSet = true }
        guard !isSet, instruction.kind == .copy || instruction.kind == .add,
          let destination = instruction.listWords?.last, (instruction.listWords?.count ?? 0) >= 2,
          let path = file.expand(destination.text, before: position),
          !RelativeWorkdirRule.isAbsolute(path)
        else { continue }
        let base = stage.rootImage(in: file.stages)?.text ?? "the base image"
        let keyword = instruction.keyword.uppercased()
        findings.append(
          finding(
            destination.range, Self.message(keyword, destination.text, base: base),
            help: "set `WORKDIR /…` before it, or give an absolute destination"))
      }
      workdirSet.append(isSet)
    }
  }
}
