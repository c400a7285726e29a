import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// The final image starts from a compiler/SDK image, so the whole toolchain ships.
struct FinalStageBuildImageRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1001", name: "final-stage-build-image", severity: .warning,
    summary: "The final image is based on a compiler or SDK image, shipping the whole toolchain.")

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    guard let final = file.finalStage, let image = file.finalBaseImage,
      let family = BaseImageKnowledge.buildFamily(of: image)
    else { return }
    let anchor = final.baseStage == nil ? image.range : (final.baseWord?.range ?? image.range)
    let through = final.baseStage == nil ? "" : " (through stage `\(final.baseWord?.text ?? "")`)"
    findings.append(
      finding(
        anchor,
        "the final image is built on `\(image.text)`\(through), \(family.approximateSize) of "
          + "\(family.contents) that the running program does not need",
        help: "build in this stage, then start a last stage `FROM` \(family.runtime) and "
          + "`COPY --from=` only the result"))
  }
}
