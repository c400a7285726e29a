import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A stage that downloads with both `curl` and `wget`: one tool does both jobs, and each one
/// the Dockerfile installs is one more package to keep up to date.
struct CurlAndWgetBothRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL5076", name: "curl-and-wget-both", severity: .info,
    summary: "A stage uses both `curl` and `wget`, where one download tool is enough.",
    peers: PeerEquivalents(hadolint: ["DL4001"], trivy: ["DS-0014"]))

  fileprivate static func message(_ tool: String, other: String, line: Int) -> String {
    "this stage uses `\(tool)` and also `\(other)` (line \(line)): one download tool is enough"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for stage in file.stages {
      // The first use of each tool in the stage: its line.
      var firstLine: [String: Int] = [:]
      // Each earlier RUN's first use of each tool: the first finding names them all.
      var earlierUses: [String: [SourceRange]] = [:]
      var reported = false
      for position in stage.instructionIndices {
        guard let script = file.scripts[position] else { continue }
        // Downloads in command substitutions count too (`V=$(curl -s URL) && wget …`).
        let uses = (script.commands + script.substitutedCommands)
          .filter { $0.program == "curl" || $0.program == "wget" }
          .sorted { $0.range.start < $1.range.start }
        guard let first = uses.first, let name = first.name else { continue }
        for command in uses where firstLine[command.program] == nil {
          firstLine[command.program] = file.source.location(of: command.range.start).line
        }
        defer {
          for program in ["curl", "wget"] {
            if let use = uses.first(where: { $0.program == program }) {
              earlierUses[program, default: []].append(use.name?.range ?? use.range)
            }
          }
        }
        guard firstLine.count == 2 else { continue }
        let tool = first.program
        let other = tool == "curl" ? "wget" : "curl"
        // Name the other tool's use in this RUN when it has both.
        let otherLine =
          uses.first { $0.program == other }.map {
            file.source.location(of: $0.range.start).line
          } ?? firstLine[other]!
        // The first finding of the stage points at every earlier RUN that downloads: they are
        // the other half of the problem.
        let related =
          reported
          ? []
          : (earlierUses["curl", default: []] + earlierUses["wget", default: []])
            .sorted { $0.start < $1.start }
            .map { RelatedLocation(range: $0, message: "an earlier download of this stage") }
        reported = true
        findings.append(
          finding(
            name.range, Self.message(tool, other: other, line: otherLine),
            help: "use one of them for every download of the stage", related: related))
      }
    }
  }
}
