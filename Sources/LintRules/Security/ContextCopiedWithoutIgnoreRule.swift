import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `COPY . …` into the final image when the build context's ignore file (or its absence)
/// lets `.git` or `.env` through: the repository history and local secrets ship.
struct ContextCopiedWithoutIgnoreRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3052", name: "context-copied-without-ignore", severity: .warning,
    summary: "The whole build context is copied while no .dockerignore keeps `.git` and `.env` "
      + "out.",
    security: SecurityClassification(cwe: 538, score: 6.0))

  static let wholeContext: Set<String> = [".", "./", "*", "./*", ""]
  /// What an ignore file must exclude, and why each matters.
  static let required = [".git", ".env"]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // Without a context ballast cannot see the ignore file: it says nothing (BL1002 still
    // reports the whole-context copy).
    let context = file.context
    guard context.isKnown, context.ignoreFile != .unknown else { return }
    if case .present(_, let rules) = context.ignoreFile, !rules.isUsable { return }
    let kept = Self.required.filter { context.sends($0, isDirectory: $0 == ".git") == true }
    guard !kept.isEmpty else { return }
    let final = Set(file.finalImageStages.map(\.index))
    var message: String?
    for copy in file.contextCopies where final.contains(copy.stage) {
      for (source, word) in zip(copy.sources, copy.words)
      where source.map({ Self.wholeContext.contains($0) }) == true {
        if message == nil { message = describe(kept, context) }
        findings.append(
          finding(
            word.range, message ?? "",
            help: "add a .dockerignore with at least `.git` and `.env*` (and `!.env.example` "
              + "if one belongs in the image); pass build secrets with "
              + "`RUN --mount=type=secret` instead of files"))
      }
    }
  }

  private func describe(_ kept: [String], _ context: BuildContext) -> String {
    let present = kept.filter { name in context.listing?.entry(name) != nil }
    let names = kept.map { "`\($0)`" }.joined(separator: " and ")
    let reason: String
    switch context.ignoreFile {
    case .present(let path, _):
      reason = "`\(Paths.baseName(path))` does not exclude \(names)"
    default:
      reason = "there is no .dockerignore to exclude \(names)"
    }
    let consequence =
      present.isEmpty
      ? "a `.git` folder or `.env` file in the folder when the image is built ships with it"
      : present.map {
        $0 == ".git"
          ? "`.git` (the whole history, credentials in old commits included) ships"
          : "`.env` (local secrets) ships"
      }
      .joined(separator: ", and ")
    return "the whole build context is copied into the final image and \(reason): \(consequence)"
  }
}
