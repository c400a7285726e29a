import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// An empty line inside a line continuation: BuildKit warns that it will become an error.
struct EmptyContinuationLineRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL0003", name: "empty-continuation-line", severity: .warning,
    summary: "An empty line inside a continued instruction, which BuildKit plans to reject.",
    peers: PeerEquivalents(hadolint: ["DL1000"], buildkit: ["NoEmptyContinuation"]), fix: .safe)

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for diagnostic in file.syntax.diagnostics where diagnostic.kind == .emptyContinuationLine {
      let fix = Fix(
        title: "remove the empty line",
        edits: [Fix.Edit(range: lineRange(diagnostic.range, in: file.source), replacement: "")],
        safety: .safe)
      findings.append(
        finding(
          diagnostic.range, "empty line inside a continued instruction",
          help: "delete the line, or end the instruction before it", fix: fix))
    }
  }

  private func lineRange(_ range: SourceRange, in source: SourceFile) -> SourceRange {
    var end = range.end
    while end < source.bytes.count && source.bytes[end] != UInt8(ascii: "\n") { end += 1 }
    return SourceRange(start: range.start, end: min(end + 1, source.bytes.count))
  }
}
