import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `FROM --platform=linux/amd64 arm64v8/alpine`: the image exists for another platform than
/// the one asked for. BuildKit learns the image's platform by pulling it; ballast knows it
/// only where the name tells (Docker Hub's per-architecture organisations, Windows images).
struct InvalidBaseImagePlatformRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4011", name: "invalid-base-image-platform", severity: .warning,
    summary: "FROM `--platform` asks for a platform the base image is not built for.",
    peers: PeerEquivalents(buildkit: ["InvalidBaseImagePlatform"]))

  fileprivate static func message(_ image: String, actual: String, expected: String) -> String {
    "`\(image)` is built for \(actual) only, but `--platform` asks for \(expected): the stage gets an image of another platform, which runs only under emulation if at all"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    let arguments = FromArguments(file.syntax)
    for stage in file.stages {
      let instruction = file.instructions[stage.fromPosition]
      guard let image = stage.baseImage, !image.isScratch, stage.baseStage == nil,
        let flag = instruction.flag("platform"), let value = flag.value,
        let actual = ImagePlatformKnowledge.platform(of: image)
      else { continue }
      // Only what the file fixes: a global ARG default or a constant. The build's own
      // platforms ($BUILDPLATFORM, $TARGETPLATFORM …) are not known before it runs.
      let names = PlatformFlag.variableNames(in: value)
      guard names.allSatisfy({ arguments.defaults[$0] != nil }),
        let expanded = arguments.expand(value), let expected = PlatformFlag(expanded)
      else { continue }
      let osDiffers = expected.os != actual.os
      let architectureDiffers = actual.architecture.map { $0 != expected.architecture } ?? false
      guard osDiffers || architectureDiffers else { continue }
      let actualText = actual.architecture.map { "\(actual.os)/\($0)" } ?? actual.os
      findings.append(
        finding(
          flag.valueRange,
          Self.message(
            image.text, actual: actualText, expected: "\(expected.os)/\(expected.architecture)"),
          help: actual.architecture == nil
            ? "build on a Linux image for a Linux platform, or ask for `--platform=windows/amd64`"
            : "drop the architecture prefix (`\(image.imageName)`) so the platform chooses the"
              + " image, or ask for the image's own platform"))
    }
  }
}
