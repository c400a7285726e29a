import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// ADD of local files, where COPY does the same without ADD's implicit downloads and
/// archive extraction.
struct AddInsteadOfCopyRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL5001", name: "add-instead-of-copy", severity: .warning,
    summary: "ADD is used for local files or folders, which COPY copies without surprises.",
    peers: PeerEquivalents(hadolint: ["DL3020"], trivy: ["DS-0005"], checkov: ["CKV_DOCKER_4"]),
    fix: .safe)

  /// Suffixes ADD extracts when the source is a local archive: there ADD does real work.
  static let archiveSuffixes = [
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst",
    ".tzst", ".gz", ".bz2", ".xz", ".zst", ".lz4",
  ]
  /// Flags only ADD has.
  static let addOnlyFlags: Set<String> = ["checksum", "keep-git-dir", "unpack"]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for (position, instruction) in file.instructions.enumerated() {
      let add = instruction.trigger ?? instruction
      guard add.kind == .add else { continue }
      guard let words = add.listWords else { continue }
      // A variable is read with the values the file gives it (ARG defaults, ENV); one with no
      // known value may be a URL or an archive, and is left alone.
      let sources = words.dropLast().map { word in
        word.text.contains("$") ? file.expand(word.text, before: position) : word.text
      }
      guard !sources.isEmpty, sources.allSatisfy({ $0.map(Self.isPlainLocalSource) == true }),
        !add.flags.contains(where: { Self.addOnlyFlags.contains($0.name) })
      else { continue }
      let fix = Fix(
        title: "replace ADD with COPY",
        edits: [Fix.Edit(range: add.keywordRange, replacement: "COPY")], safety: .safe)
      findings.append(
        finding(
          add.keywordRange, "ADD copies local files here; COPY does the same and nothing more",
          help: "use COPY; keep ADD for URLs, git repositories and archives to extract",
          fix: fix))
    }
  }

  static func isPlainLocalSource(_ source: String) -> Bool {
    let lower = source.lowercased()
    if lower.includes("://") || lower.hasPrefix("git@") || lower.contains("$") { return false }
    if lower.hasPrefix("<<") { return true }
    return !archiveSuffixes.contains { lower.hasSuffix($0) }
  }
}
