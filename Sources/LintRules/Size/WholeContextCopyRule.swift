import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `COPY . …` / `ADD . …` of the whole build context into the final image.
struct WholeContextCopyRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1002", name: "whole-context-copy", severity: .warning,
    summary: "The whole build context is copied into the final image.")

  static let contextSources: Set<String> = [".", "./", "*", "./*"]
  /// What usually should not ship, and the `.dockerignore` lines that would exclude it.
  static let usualSuspects = [".git", "node_modules"]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for position in file.finalImagePositions {
      let instruction = file.instructions[position]
      guard instruction.kind == .copy || instruction.kind == .add, instruction.flag("from") == nil
      else { continue }
      guard let words = instruction.listWords else { continue }
      for source in words.dropLast() where Self.contextSources.contains(source.text) {
        findings.append(finding(source.range, message(file.context), help: help(file.context)))
      }
    }
  }

  func message(_ context: BuildContext) -> String {
    guard let ignore = context.dockerignore else {
      return "the whole build context goes into the final image, and there is no "
        + ".dockerignore: `.git`, local build outputs, secrets and the Dockerfile itself ship too"
    }
    let kept = Self.usualSuspects.filter { !DockerIgnore(lines: ignore).excludes($0) }
    if kept.isEmpty {
      return "the whole build context goes into the final image; .dockerignore excludes "
        + "`.git` and `node_modules`, but everything else in the folder ships"
    }
    return "the whole build context goes into the final image, and .dockerignore does not "
      + "exclude \(kept.map { "`\($0)`" }.joined(separator: " or "))"
  }

  func help(_ context: BuildContext) -> String {
    "copy only what the program needs (`COPY src/ ./src/`), or build in an earlier stage and "
      + "`COPY --from=` the result" + (context.dockerignore == nil ? "; add a .dockerignore" : "")
  }
}

/// The subset of `.dockerignore` matching needed to tell whether a top-level entry is excluded.
struct DockerIgnore {
  var lines: [String]

  func excludes(_ name: String) -> Bool {
    var excluded = false
    for raw in lines {
      var line = raw.trimmingCharacters()
      guard !line.isEmpty, !line.hasPrefix("#") else { continue }
      let negated = line.hasPrefix("!")
      if negated { line.removeFirst() }
      while line.hasPrefix("/") || line.hasPrefix("./") {
        line.removeFirst(line.hasPrefix("/") ? 1 : 2)
      }
      while line.hasSuffix("/") { line.removeLast() }
      let matches =
        line == name || line == "*" || line == "**" || line == "**/\(name)" || line == "\(name)/**"
        || line == "**/\(name)/**" || line == ".*" && name.hasPrefix(".")
      if matches { excluded = !negated }
    }
    return excluded
  }
}

extension String {
  func trimmingCharacters() -> String {
    String(
      drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop {
        $0 == " " || $0 == "\t" || $0 == "\r"
      }.reversed())
  }
}
