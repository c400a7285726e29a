import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// The final base is a full image of a family that publishes an official slim variant.
struct SlimmerBaseVariantRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1014", name: "slimmer-base-variant", severity: .info,
    summary: "The final base image has an official slim variant that is several times smaller.",
    fix: .unsafe)

  /// Family → (full size, slim tag suffix, slim size).
  static let variants: [String: (full: String, slim: String, slimSize: String)] = [
    "python": ("~1 GB", "-slim", "~130 MB"), "node": ("~1.1 GB", "-slim", "~250 MB"),
    "ruby": ("~1 GB", "-slim", "~200 MB"), "debian": ("~120 MB", "-slim", "~75 MB"),
    "perl": ("~900 MB", "-slim", "~150 MB"), "openjdk": ("~470 MB", "-slim", "~220 MB"),
  ]
  /// Tags whose slim variant is the tag plus the suffix (`20` → `20-slim`, `bookworm` →
  /// `bookworm-slim`); `latest` becomes `slim`. Others (`3.12-bookworm` → `3.12-slim-bookworm`)
  /// are left to the reader.
  static let simpleNamedTags: Set<String> = [
    "lts", "current", "bookworm", "bullseye", "buster", "trixie", "iron", "jod", "hydrogen",
  ]

  /// The slim tag written in place of the full one. Unsafe: the slim image lacks packages
  /// (compilers, libraries, tools) the build or the program may use.
  func fix(_ image: ImageReference, variant: String, in file: AnalyzedDockerfile) -> Fix? {
    guard let tag = image.tag, let range = image.tagRange, file.source.text(range) == tag else {
      return nil
    }
    let slim: String
    if tag == "latest" {
      slim = "slim"
    } else if tag.wholeMatch(of: /[0-9]+(\.[0-9]+)*/) != nil || Self.simpleNamedTags.contains(tag) {
      slim = tag + variant
    } else {
      return nil
    }
    return Fix(
      title: "use `\(image.shortName):\(slim)`",
      edits: [Fix.Edit(range: range, replacement: slim)], safety: .unsafe)
  }

  static let lightMarkers = [
    "slim", "alpine", "minimal", "distroless", "windowsservercore", "nanoserver",
  ]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    guard let image = file.finalBaseImage, image.registry == nil || image.registry == "docker.io",
      image.shortName == image.imageName, let variant = Self.variants[image.imageName],
      image.digest == nil
    else { return }
    let tag = (image.tag ?? "latest").lowercased()
    guard !Self.lightMarkers.contains(where: tag.includes) else { return }
    // Full images carry compilers for native extensions: installing build tools says they are
    // used. Dev containers, test and development images want the full toolset.
    guard !file.finalImageInstallsBuildTools, !file.isTestOrDevelopmentImage else { return }
    let suggestion =
      image.tag.map { "\(image.shortName):\($0)\(variant.slim)" }
      ?? "\(image.shortName):<version>\(variant.slim)"
    findings.append(
      finding(
        image.tagRange ?? image.repositoryRange,
        "`\(image.text)` is the full variant (\(variant.full)); `\(suggestion)` is \(variant.slimSize)",
        help: "use the slim variant and install the few extra packages you need",
        fix: fix(image, variant: variant.slim, in: file)))
  }
}
