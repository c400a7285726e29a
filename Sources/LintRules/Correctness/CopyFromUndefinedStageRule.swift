import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `COPY --from=X` (or `RUN --mount=from=X`) where X is no stage of the file and names an
/// image without a tag: a typo of a stage name, or an image that changes under the build.
struct CopyFromUndefinedStageRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4050", name: "copy-from-undefined-stage", severity: .warning,
    summary: "COPY --from names no stage of the file, so BuildKit copies from an untagged image.",
    peers: PeerEquivalents(hadolint: ["DL3022"]))

  fileprivate static func bareName(_ reference: String) -> String {
    "`--from=\(reference)` names no stage of this file, so BuildKit copies from the Docker Hub image `\(reference):latest`"
  }

  fileprivate static func untagged(_ reference: String) -> String {
    "`--from=\(reference)` copies from an image without a tag, so it gets whatever `latest` is at build time"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for stage in file.stages {
      for position in stage.instructionIndices {
        let instruction = file.instructions[position]
        for (reference, range) in UntrustedRegistryRule.imageSources(instruction) {
          // Variables and invalid references are build errors (BL0001); numbers and stage
          // names are BL0041's when they name no earlier stage.
          guard !reference.contains("$"), Int(reference) == nil,
            file.stage(named: reference) == nil,
            reference.allSatisfy({ !$0.isUppercase && !$0.isWhitespace }),
            let image = ImageReference(reference, word: Word(text: reference, range: range)),
            image.tag == nil, image.digest == nil
          else { continue }
          if image.registry == nil, !image.repository.contains("/") {
            findings.append(
              finding(
                range, Self.bareName(reference),
                help:
                  "if a stage was meant, define it above with `FROM … AS \(reference)`; if the image was meant, give it a tag"
              ))
          } else {
            findings.append(
              finding(
                range, Self.untagged(reference),
                help: "pin a tag or a digest (`--from=\(reference):1.2`)"))
          }
        }
      }
    }
  }
}
