import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// An image pulled (FROM, `COPY --from`, `RUN --mount=from=`) from a registry outside the
/// project's `trustedRegistries`. Silent when none are configured.
struct UntrustedRegistryRule: ConfigurableRule {
  static let descriptor = RuleDescriptor(
    id: "BL3002", name: "untrusted-registry", severity: .error,
    summary: "An image comes from a registry that `trustedRegistries` does not list.",
    peers: PeerEquivalents(hadolint: ["DL3026"]),
    security: SecurityClassification(cwe: 829, score: 6.5))

  /// The configured registries; empty means the rule has nothing to check.
  var trusted: [String] = []

  func configured(by configuration: Configuration) -> Self {
    Self(trusted: configuration.trustedRegistries)
  }

  fileprivate static func message(_ image: String, registry: String, trusted: [String]) -> String {
    "`\(image)` comes from `\(registry)`, which is not a trusted registry ("
      + Wording.list(trusted.map { "`\($0)`" }) + ")"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    guard !trusted.isEmpty else { return }
    for stage in file.stages {
      if let image = stage.baseImage, !image.isScratch, !image.text.contains("$") {
        report(image, range: image.range, into: &findings)
      }
      for position in stage.instructionIndices {
        let instruction = file.instructions[position]
        for (reference, range) in Self.imageSources(instruction)
        where file.stage(named: reference) == nil && !reference.contains("$") {
          guard let image = ImageReference(reference, word: Word(text: reference, range: range))
          else { continue }
          report(image, range: range, into: &findings)
        }
      }
    }
  }

  private func report(_ image: ImageReference, range: SourceRange, into findings: inout [Finding]) {
    guard !Self.isTrusted(image, by: trusted) else { return }
    let registry = image.registry ?? "docker.io"
    findings.append(
      finding(
        range, Self.message(image.text, registry: registry, trusted: trusted),
        help: "use an image from a trusted registry, or add the registry to `trustedRegistries`"))
  }

  /// `COPY --from=` and `RUN --mount=…,from=` values with the range of the value.
  static func imageSources(_ instruction: Instruction) -> [(String, SourceRange)] {
    var sources: [(String, SourceRange)] = []
    if instruction.kind == .copy || instruction.kind == .add,
      let from = instruction.flag("from"), let value = from.value, !value.isEmpty
    {
      sources.append((value, from.valueRange))
    }
    if instruction.kind == .run {
      for mount in instruction.flags("mount") {
        for option in (mount.value ?? "").split(separator: ",") where option.hasPrefix("from=") {
          sources.append((String(option.dropFirst(5)), mount.valueRange))
        }
      }
    }
    return sources
  }

  /// hadolint's forms: `registry.example.com` exactly, `*.example.com` (any registry ending in
  /// `.example.com`), `registry*` (any registry starting with `registry`), `*` (every one);
  /// images without a registry come from Docker Hub (`docker.io`, also `hub.docker.com`).
  /// ballast also accepts a registry with a path, `ghcr.io/acme`, for the images under it.
  static func isTrusted(_ image: ImageReference, by trusted: [String]) -> Bool {
    let registry = (image.registry ?? "docker.io").lowercased()
    let dockerHub = ["docker.io", "index.docker.io", "registry-1.docker.io", "hub.docker.com"]
    let isHub = dockerHub.contains(registry)
    let path = registry + "/" + image.repository.lowercased()
    for entry in trusted.map({ $0.lowercased() }) {
      if entry == "*" { return true }
      if entry.hasPrefix("*"), registry.hasSuffix(entry.dropFirst()) { return true }
      if entry.hasSuffix("*"), registry.hasPrefix(entry.dropLast()) { return true }
      if entry == registry || (isHub && dockerHub.contains(entry)) { return true }
      if entry.contains("/") {
        var prefix = entry.hasSuffix("/") ? entry : entry + "/"
        if isHub, let slash = prefix.firstIndex(of: "/"),
          dockerHub.contains(String(prefix[..<slash]))
        {
          prefix = "docker.io" + prefix[slash...]
          let hubPath = "docker.io/" + image.repository.lowercased()
          let library = "docker.io/library/" + image.repository.lowercased()
          if hubPath.hasPrefix(prefix) || library.hasPrefix(prefix) { return true }
        }
        if path.hasPrefix(prefix) { return true }
      }
    }
    return false
  }
}
