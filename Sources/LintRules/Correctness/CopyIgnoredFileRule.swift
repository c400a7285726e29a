import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `COPY config.json /app/` when the `.dockerignore` excludes `*.json`: the file is not in the
/// build context, so the COPY does not find it.
struct CopyIgnoredFileRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4010", name: "copy-ignored-file", severity: .warning,
    summary: "COPY or ADD names a context path that the .dockerignore excludes.",
    peers: PeerEquivalents(buildkit: ["CopyIgnoredFile"]))

  fileprivate static func message(_ path: String, ignoreFile: String, pattern: DockerIgnore.Pattern)
    -> String
  {
    "`\(path)` is excluded by `\(ignoreFile)` (`\(pattern.isException ? "!" : "")\(pattern.text)`, line \(pattern.line)), so it is not in the build context and this instruction cannot copy it"
  }

  /// Patterns that exclude every entry of the context root, the only ones that make
  /// `COPY . …` copy nothing (BuildKit's `copySourceRootIgnored`).
  static let rootPatterns: Set<String> = ["*", "**", "**/*"]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    guard case .present(let path, let ignore) = file.context.ignoreFile, ignore.isUsable,
      !ignore.patterns.isEmpty
    else { return }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    // Any exception brings part of the root back (`*` then `!app`), so `COPY .` copies it.
    let rootIgnored =
      !ignore.patterns.contains(where: \.isException)
      && ignore.patterns.contains { !$0.isException && Self.rootPatterns.contains($0.text) }
    for copy in file.contextCopies {
      let instruction = file.instructions[copy.position]
      for (source, word) in zip(copy.sources, copy.words) {
        guard let source, !(word.text.hasPrefix("<<") && !instruction.heredocs.isEmpty) else {
          continue
        }
        let pattern: DockerIgnore.Pattern?
        if source == "." || source.isEmpty {
          let root = ignore.patterns.first {
            !$0.isException && Self.rootPatterns.contains($0.text)
          }
          pattern = rootIgnored ? root : nil
        } else {
          pattern = ignore.wholeExclusion(of: source)
        }
        guard let pattern else { continue }
        findings.append(
          finding(
            word.range, Self.message(source, ignoreFile: name, pattern: pattern),
            help: "add `!\(source)` to \(name) after the pattern, or stop copying it"))
      }
    }
  }
}
