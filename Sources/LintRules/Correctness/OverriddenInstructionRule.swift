import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A CMD, ENTRYPOINT or HEALTHCHECK that a later one in the same stage replaces: only the
/// last of each kind reaches the image, so the earlier one is dead code.
struct OverriddenInstructionRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4041", name: "overridden-instruction", severity: .warning,
    summary: "A CMD, ENTRYPOINT or HEALTHCHECK is replaced by a later one in the same stage.",
    peers: PeerEquivalents(
      hadolint: ["DL3012", "DL4003", "DL4004"], buildkit: ["MultipleInstructionsDisallowed"],
      trivy: ["DS-0007", "DS-0016", "DS-0023"]), fix: .unsafe)

  static let kinds: Set<InstructionKind> = [.cmd, .entrypoint, .healthcheck]

  fileprivate static func message(_ keyword: String, replacedAt line: Int) -> String {
    "this \(keyword) has no effect: the \(keyword) on line \(line) of the same stage replaces it"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for stage in file.stages {
      var previous: [InstructionKind: Instruction] = [:]
      for position in stage.instructionIndices {
        let instruction = file.instructions[position]
        guard Self.kinds.contains(instruction.kind) else { continue }
        if let earlier = previous[instruction.kind] {
          let keyword = earlier.keyword.uppercased()
          findings.append(
            finding(
              earlier.keywordRange, Self.message(keyword, replacedAt: instruction.startLine),
              help: "delete the \(keyword) that is not wanted; only the last one counts",
              fix: Fix(
                title: "delete this \(keyword)",
                edits: [Fix.Edit(range: file.source.wholeLines(of: earlier), replacement: "")],
                safety: .unsafe)))
        }
        previous[instruction.kind] = instruction
      }
    }
  }
}

extension SourceFile {
  /// The physical lines of `instruction`, line break included, for deleting it.
  fileprivate func wholeLines(of instruction: Instruction) -> SourceRange {
    let starts = lineIndex.lineStarts
    let start = starts[instruction.startLine - 1]
    let end = instruction.endLine < starts.count ? starts[instruction.endLine] : bytes.count
    return SourceRange(start: start, end: max(end, instruction.range.end))
  }
}
