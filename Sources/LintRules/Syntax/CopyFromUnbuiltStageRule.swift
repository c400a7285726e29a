import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `COPY --from` (or `RUN --mount=from=`) naming the stage it is in, a later stage, or a stage
/// number the file does not have: BuildKit refuses to build the file.
struct CopyFromUnbuiltStageRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL0041", name: "copy-from-unbuilt-stage", severity: .error,
    summary: "COPY --from names its own stage, a later one, or a stage number that does not exist.",
    peers: PeerEquivalents(hadolint: ["DL3023", "DL3022"], trivy: ["DS-0006"]))

  fileprivate static func ownStage(_ reference: String) -> String {
    "`--from=\(reference)` names the stage this instruction is in: BuildKit stops with a circular dependency"
  }

  fileprivate static func laterStage(_ reference: String, line: Int) -> String {
    "`--from=\(reference)` names a stage defined later (line \(line)): BuildKit only copies from earlier stages"
  }

  fileprivate static func noSuchIndex(_ number: Int, count: Int) -> String {
    "`--from=\(number)` names stage \(number), but the file has \(count) stage\(count == 1 ? "" : "s") (numbered from 0)"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for stage in file.stages {
      for position in stage.instructionIndices {
        let instruction = file.instructions[position]
        for (reference, range) in UntrustedRegistryRule.imageSources(instruction)
        where !reference.contains("$") {
          if let number = Int(reference), reference.allSatisfy(\.isASCII) {
            if number >= file.stages.count || number < 0 {
              findings.append(
                finding(range, Self.noSuchIndex(number, count: file.stages.count)))
            } else if number == stage.index {
              findings.append(finding(range, Self.ownStage(reference)))
            } else if number > stage.index {
              let line = file.instructions[file.stages[number].fromPosition].startLine
              findings.append(finding(range, Self.laterStage(reference, line: line)))
            }
            continue
          }
          guard let named = file.stage(named: reference) else { continue }
          if named.index == stage.index {
            findings.append(
              finding(
                range, Self.ownStage(reference),
                help: "copy from the stage that builds these files, or use the files directly"))
          } else if named.index > stage.index {
            let line = file.instructions[named.fromPosition].startLine
            findings.append(
              finding(
                range, Self.laterStage(reference, line: line),
                help: "move the stage `\(reference)` above this one"))
          }
        }
      }
    }
  }
}
