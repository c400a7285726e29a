import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A FROM without a tag or digest, or with `latest`: the base changes under the build.
struct UnpinnedBaseImageRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4003", name: "unpinned-base-image", severity: .warning,
    summary: "A base image without a version tag (or `latest`) changes between builds.",
    peers: PeerEquivalents(
      hadolint: ["DL3006", "DL3007"], trivy: ["DS-0001"], checkov: ["CKV_DOCKER_7"]))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for stage in file.stages {
      guard let image = stage.baseImage, !image.isScratch, image.digest == nil else { continue }
      // The registry stays: `acme/tool:<version>` would point at Docker Hub instead.
      let name = image.registry.map { "\($0)/\(image.repository)" } ?? image.shortName
      let help = "pin a version such as `\(name):<version>`, or a digest with `@sha256:…`"
      if let tag = image.tag {
        guard tag.lowercased() == "latest", let range = image.tagRange else { continue }
        findings.append(
          finding(
            range, "`\(image.text)` follows whatever `latest` points to at build time",
            help: help))
      } else {
        findings.append(
          finding(
            image.repositoryRange,
            "`\(image.text)` has no tag, so it means `\(image.text):latest` and changes between "
              + "builds", help: help))
      }
    }
  }
}
