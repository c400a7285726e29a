import LintEngine

/// What counts as a Dockerfile's name: the one definition behind folder search, the pre-commit
/// hook's patterns (`.pre-commit-hooks.yaml`, generated from here and checked by a test) and
/// the README. Case does not matter.
enum DockerfileName {
  /// `Dockerfile` and `Containerfile`, alone or as a prefix or suffix.
  static let stems = ["dockerfile", "containerfile"]
  /// What may join a stem to a variant: `Dockerfile.prod`, `Dockerfile-dev`, `Dockerfile_prod`.
  static let separators: Set<Character> = [".", "-", "_"]
  /// Last extensions that mark another kind of file even after a stem: BuildKit's per-Dockerfile
  /// ignore file (`Dockerfile.dockerignore`), templates that only become Dockerfiles when
  /// rendered (`Dockerfile.template`, `Dockerfile.j2`), source code (`dockerfile.go`),
  /// documents and editor backups.
  static let otherKinds = [
    "dockerignore", "template", "tmpl", "tpl", "j2", "jinja", "jinja2", "erb", "mustache", "go",
    "py", "js", "ts", "rs", "rb", "java", "swift", "sh", "md", "txt", "json", "yml", "yaml",
    "toml", "swp", "orig", "rej", "bak",
  ]

  /// The names as users read them, for messages and help; the README shows `markdown`.
  static let patterns = [
    "Dockerfile", "Dockerfile.*", "Dockerfile-*", "Dockerfile_*", "*.Dockerfile",
  ]
  static let description =
    Wording.list(patterns, conjunction: "and") + " (and the same with Containerfile), in any case"
  static let markdown =
    Wording.list(patterns.map { "`\($0)`" }, conjunction: "and")
    + " (and the same with `Containerfile`), in any case"

  static func matches(_ name: String) -> Bool {
    let lower = name.lowercased()
    if lower.hasSuffix("~") { return false }
    if let dot = lower.lastIndex(of: "."),
      otherKinds.contains(String(lower[lower.index(after: dot)...]))
    {
      return false
    }
    for stem in stems {
      if lower == stem { return true }
      if lower.hasPrefix(stem), let next = lower.dropFirst(stem.count).first,
        separators.contains(next), lower.count > stem.count + 1
      {
        return true
      }
      if lower.hasSuffix("." + stem) { return true }
    }
    return false
  }

  /// The hook's `files:` pattern (Python `re.search` on the path).
  static var preCommitFiles: String {
    let stem = "(\(stems.map { String($0.dropLast(4)) }.joined(separator: "|")))file"
    let separator = "[._-]"  // `separators`; the agreement test holds the two together
    return "(?i)(^|/)(\(stem)(\(separator)[^/]+)?|[^/]*\\.\(stem))$"
  }

  /// The hook's `exclude:` pattern: the other kinds of file among those names.
  static var preCommitExclude: String {
    "(?i)(^|/)[^/]*(\\.(\(otherKinds.joined(separator: "|")))|~)$"
  }
}
