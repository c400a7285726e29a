import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `COPY --from=stage / …`: the whole file system of a build stage, toolchain included.
struct WholeStageCopyRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1013", name: "whole-stage-copy", severity: .warning,
    summary: "`COPY --from=<stage> /` copies a build stage's entire file system.",
    peers: PeerEquivalents(hadolint: ["DL3067"]))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // A dev container is an editor's workspace that never ships: its size is not at stake.
    guard !file.isDevelopmentContainer else { return }
    // `FROM scratch` + `COPY --from=stage / /` squashes layers: it makes images smaller.
    if file.finalBaseImage?.isScratch == true { return }
    for position in file.finalImagePositions {
      let instruction = file.instructions[position]
      guard instruction.kind == .copy, let from = instruction.flag("from")?.value else { continue }
      guard let words = instruction.listWords else { continue }
      for source in words.dropLast()
      where source.text == "/" || source.text == "/." || source.text == "/*" {
        // Only stages built in this file are judged: a stage that merely names an external
        // image (`FROM tonistiigi/xx AS xx`) is as unknown as `--from=image`, and one built
        // FROM scratch holds just the result.
        guard let stage = file.stage(named: from), !stage.instructionIndices.isEmpty,
          stage.rootImage(in: file.stages)?.isScratch != true
        else { continue }
        findings.append(
          finding(
            source.range,
            "`COPY --from=\(from) /` copies the whole file system of that stage, with its base "
              + "image, compilers and caches",
            help: "copy only the build output: `COPY --from=\(from) /out/app /app`",
            related: [
              RelatedLocation(
                range: file.instructions[stage.fromPosition].keywordRange,
                message: "the stage starts here, with everything its base image holds")
            ]))
      }
    }
  }
}
