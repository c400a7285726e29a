import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// Two short RUNs in a row that nothing keeps apart: each RUN starts a container and stores
/// a layer, so joining them builds faster and makes one layer instead of two.
///
/// RUNs are taken as kept apart on purpose (hadolint #712) when a blank line or a comment
/// separates them, their flags differ (`--mount`, `--network`), either one chains more than
/// two commands (its author chose what to join), or either one is in exec form or a heredoc.
struct ConsecutiveRunInstructionsRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL2001", name: "consecutive-run-instructions", severity: .info,
    summary: "Two short RUNs follow each other directly and could be one.",
    peers: PeerEquivalents(hadolint: ["DL3059"]))

  fileprivate static func message(_ line: Int) -> String {
    "this RUN directly follows the RUN on line \(line): each RUN starts a container and adds a "
      + "layer, so joining them with `&&` builds faster"
  }

  static let maximumCommands = 2

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    let instructions = file.instructions
    for stage in file.stages {
      for position in stage.instructionIndices.dropFirst() {
        let previous = instructions[position - 1]
        let current = instructions[position]
        guard previous.kind == .run, current.kind == .run,
          Self.areAdjacent(previous, current, in: file),
          Self.isJoinable(previous, file.scripts[position - 1]),
          Self.isJoinable(current, file.scripts[position]),
          previous.flags.map(\.text) == current.flags.map(\.text)
        else { continue }
        findings.append(
          finding(current.keywordRange, Self.message(previous.startLine), help: "join the two RUNs")
        )
      }
    }
  }

  /// True when only suppression comments (`# ballast ignore=…`, `# hadolint ignore=…`) stand
  /// between the two: those speak to linters, not of the author's intent.
  static func areAdjacent(
    _ previous: Instruction, _ current: Instruction, in file: AnalyzedDockerfile
  )
    -> Bool
  {
    let gap = current.startLine - previous.endLine - 1
    guard gap > 0 else { return gap == 0 }
    let tools = PragmaSyntax.all.map { $0.tool.lowercased() }
    let pragmas = file.syntax.comments.filter { comment in
      comment.range.start > previous.range.end && comment.range.end <= current.range.start
        && tools.contains { comment.text.lowercased().hasPrefix($0) }
    }
    let lines = Set(pragmas.map { file.source.location(of: $0.range.start).line })
    return lines.count == gap
      && lines.allSatisfy { $0 > previous.endLine && $0 < current.startLine }
  }

  static func isJoinable(_ instruction: Instruction, _ script: ShellScript?) -> Bool {
    guard case .text = instruction.arguments, instruction.heredocs.isEmpty, let script,
      script.isFullyParsed
    else { return false }
    return script.commands.count <= maximumCommands
  }
}
