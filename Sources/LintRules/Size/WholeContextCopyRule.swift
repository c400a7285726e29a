import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `COPY . …` / `ADD . …` of the whole build context into the final image, when that ships
/// version-control history or local dependency folders (or may, when the context is unseen).
struct WholeContextCopyRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1002", name: "whole-context-copy", severity: .warning,
    summary:
      "The whole build context, with `.git` or local dependency folders, is copied into the final image."
  )

  static let contextSources: Set<String> = [".", "./", "*", "./*"]
  /// Folders that never belong in an image: version control, local dependency installs,
  /// tool caches. Matched by name anywhere in the context.
  static let deadWeight: Set<String> = [
    ".git", ".hg", ".svn", "node_modules", "bower_components", ".venv", "venv", "__pycache__",
    ".tox", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".gradle", ".terraform",
  ]
  /// Below this, what ships is not worth a warning.
  static let threshold = 1_048_576

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // Dev containers, test and development images never ship: their size is not at stake.
    guard !file.isTestOrDevelopmentImage else { return }
    // The message depends only on the source word and the context, whose listing holds up to
    // 50,000 entries: judged once per spelling, not once per COPY (1,500 `COPY .` in one file
    // took 33 s).
    var messages: [String: String?] = [:]
    for position in file.finalImagePositions {
      let instruction = file.instructions[position]
      guard instruction.kind == .copy || instruction.kind == .add, instruction.flag("from") == nil
      else { continue }
      guard let words = instruction.listWords else { continue }
      for source in words.dropLast() where Self.contextSources.contains(source.text) {
        if messages[source.text] == nil {
          messages[source.text] = .some(message(file.context, source: source.text))
        }
        guard let message = messages[source.text] ?? nil else { continue }
        findings.append(finding(source.range, message, help: help(file.context)))
      }
    }
  }

  func message(_ context: BuildContext, source: String) -> String? {
    guard context.isKnown, let listing = context.listing else {
      return "`\(source)` copies the whole build context into the final image; unless a "
        + ".dockerignore excludes them, `.git` and local dependency folders ship too"
    }
    // An ignore file ballast cannot follow: BuildKit may refuse it; nothing certain to say.
    if case .present(_, let rules) = context.ignoreFile, !rules.isUsable { return nil }
    let shipped = Self.deadWeightEntries(listing)
    let bytes = shipped.reduce(0) { $0 + $1.bytes }
    guard !shipped.isEmpty, bytes >= Self.threshold || !listing.isComplete else { return nil }
    let names = shipped.prefix(4).map { "`\($0.path)` (\(ByteCount.describe($0.bytes)))" }
    let more = shipped.count > 4 ? " and \(shipped.count - 4) more" : ""
    let total = listing.isComplete ? "" : " at least"
    let reason: String
    switch context.ignoreFile {
    case .present(let path, _): reason = "\(Self.displayName(path)) does not exclude them"
    default: reason = "there is no .dockerignore"
    }
    return "`\(source)` copies the whole build context into the final image, with "
      + "\(names.joined(separator: ", "))\(more):\(total) \(ByteCount.describe(bytes)) that no "
      + "program needs; \(reason)"
  }

  /// Dead-weight folders that ship, outermost only.
  static func deadWeightEntries(_ listing: ContextListing) -> [ContextListing.Entry] {
    var found: [ContextListing.Entry] = []
    for entry in listing.entries where entry.isDirectory {
      guard deadWeight.contains(Paths.baseName(entry.path)) else { continue }
      if found.contains(where: { entry.path.hasPrefix($0.path + "/") }) { continue }
      found.append(entry)
    }
    return found.sorted { $0.bytes > $1.bytes }
  }

  static func displayName(_ path: String) -> String {
    String(path.split(separator: "/").last ?? Substring(path))
  }

  func help(_ context: BuildContext) -> String {
    let ignore: String
    switch context.ignoreFile {
    case .present: ignore = "; or add these folders to the .dockerignore"
    default: ignore = "; or add a .dockerignore listing them"
    }
    return "copy only what the program needs (`COPY src/ ./src/`), or build in an earlier stage "
      + "and `COPY --from=` the result" + ignore
  }
}
