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

  /// Words of ARG defaults that only hold the place of a value the build must pass
  /// (`ARG BASE_IMAGE=non-existing`).
  static let placeholderWords = [
    "non-existing", "nonexisting", "non-existent", "nonexistent", "placeholder", "override",
    "required", "must-", "must_", "changeme", "change-me", "change_me", "dummy", "undefined",
    "unset", "invalid", "not-set", "notset", "replace", "todo", "fixme", "set-me", "your-",
  ]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for stage in file.stages {
      guard var image = stage.baseImage, !image.isScratch, image.digest == nil else { continue }
      guard let word = stage.baseWord else { continue }
      // A named context (bake `contexts`, compose `additional_contexts`) is not an image.
      if file.context.namedContexts[word.text] != nil { continue }
      if word.text.contains("$") {
        // Build arguments from bake or compose override the defaults.
        let arguments = file.context.buildArguments
        if !arguments.isEmpty,
          let expanded = VariableExpander(
            values: file.globalArguments.compactMapValues { $0 }.merging(arguments) { $1 },
            escape: file.syntax.escapeCharacter
          ).expand(word.text)
        {
          if let earlier = file.stage(named: expanded), earlier.index < stage.index { continue }
          if file.context.namedContexts[expanded] != nil { continue }
          guard let overridden = ImageReference(expanded, word: word) else { continue }
          image = overridden
          if image.isScratch || image.digest != nil { continue }
        }
        // A default that only holds the place of a value the build must pass.
        let lower = image.text.lowercased()
        if Self.placeholderWords.contains(where: { lower.includes($0) }) { continue }
      }
      // An upper-case repository is no reference BuildKit accepts (`FROM REPLACE-ME`): a
      // placeholder that a script replaces before the build.
      if image.repository.contains(where: \.isUppercase) { continue }
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
