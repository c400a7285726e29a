/// A `.dockerignore` file with BuildKit's semantics, exactly: lines read as moby's
/// `ignorefile.ReadAll` reads them, patterns compiled as `patternmatcher` compiles them, and
/// paths judged as BuildKit's context walker (fsutil's `filterFS.Walk`) judges them, including
/// its shortcut of never entering an excluded folder that no exception names.
///
/// The one matcher for every rule: what ships with `COPY . .`, whether a named file is sent at
/// all, whether `.git` or `.env` stay out.
public struct DockerIgnore: Sendable, Hashable {
  /// One pattern line.
  public struct Pattern: Sendable, Hashable {
    /// The pattern as patternmatcher keeps it: cleaned, without a leading `/` or its `!`.
    public var text: String
    /// A `!` line: an exception that re-includes what earlier lines excluded.
    public var isException: Bool
    /// 1-based line in the file.
    public var line: Int
    let compiled: GoPathPattern
  }

  /// Why BuildKit would refuse the file (the build fails), or why ballast cannot follow it.
  public enum Problem: Sendable, Hashable {
    /// A line that is only `!`.
    case emptyException(line: Int)
    /// A pattern Go's `filepath.Match` rejects (an unclosed `[`, a trailing `\`).
    case invalidPattern(line: Int, text: String)
    /// A valid pattern whose translation uses a regular expression feature ballast does not
    /// model; rules treat the file as unknown.
    case unsupportedPattern(line: Int, text: String)
    /// A line longer than Go's scanner accepts (64 KiB).
    case lineTooLong(line: Int)
  }

  public let patterns: [Pattern]
  /// Set when the file cannot be used as BuildKit would use it; `patterns` is then empty.
  public let problem: Problem?
  /// True when some exception has wildcards: BuildKit then enters every excluded folder.
  private let exceptionsHaveWildcards: Bool

  public init(_ text: String) {
    var patterns: [Pattern] = []
    var problem: Problem?
    var number = 0
    // Split on the byte: Swift keeps "\r\n" together as one character.
    let utf8 = text.utf8
    for rawBytes in utf8.split(separator: 10, omittingEmptySubsequences: false) {
      number += 1
      // A final newline does not start another line.
      if rawBytes.isEmpty, rawBytes.endIndex == utf8.endIndex { break }
      let rawLine = Substring(text[rawBytes.startIndex..<rawBytes.endIndex])
      var line = rawLine
      if line.utf8.last == 13 {
        line = Substring(String(decoding: line.utf8.dropLast(), as: UTF8.self))
      }
      if number == 1, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
      if line.utf8.count > 65_536 {
        problem = .lineTooLong(line: number)
        break
      }
      // Only a `#` in the first column starts a comment.
      if line.hasPrefix("#") { continue }
      var pattern = GoPath.trimSpace(line)
      if pattern.isEmpty { continue }
      let isException = pattern.hasPrefix("!")
      if isException { pattern = GoPath.trimSpace(pattern.dropFirst()) }
      var cleaned = ""
      if !pattern.isEmpty {
        cleaned = GoPath.clean(String(pattern))
        if cleaned.utf8.count > 1, cleaned.hasPrefix("/") { cleaned.removeFirst() }
      }
      // patternmatcher then trims and cleans `!pattern` once more, which changes nothing.
      if isException && cleaned.isEmpty {
        problem = .emptyException(line: number)
        break
      }
      guard GoPath.isValidMatchPattern(cleaned) else {
        problem = .invalidPattern(line: number, text: String(rawLine))
        break
      }
      guard let compiled = GoPathPattern(cleaned) else {
        problem = .unsupportedPattern(line: number, text: String(rawLine))
        break
      }
      patterns.append(
        Pattern(text: cleaned, isException: isException, line: number, compiled: compiled))
    }
    self.problem = problem
    self.patterns = problem == nil ? patterns : []
    // fsutil's `patternWithoutTrailingGlob` before its wildcard test.
    exceptionsHaveWildcards = self.patterns.contains { pattern in
      pattern.isException
        && Self.withoutTrailingGlob(pattern.text).contains { "*[]?^\\".contains($0) }
    }
  }

  /// True when the file can be followed (no problem).
  public var isUsable: Bool { problem == nil }

  static func withoutTrailingGlob(_ text: String) -> String {
    var result = text
    if result.hasSuffix("/**") {
      result.removeLast(3)
    } else if result.hasSuffix("/*") {
      result.removeLast(2)
    }
    return result
  }

  /// The state of one walked folder: which patterns matched it or a folder above it.
  public struct WalkState: Sendable, Hashable {
    var parentMatched: [Bool]
  }

  /// What BuildKit does with one entry met while walking the context.
  public struct Verdict: Sendable, Hashable {
    /// The entry is not sent (a folder may still be entered for exceptions beneath).
    public var isExcluded: Bool
    /// For a folder: BuildKit does not even look inside, so nothing beneath is sent.
    public var skipsContents: Bool
    /// The last pattern that decided the verdict, for messages.
    public var decidingPattern: Pattern?
    /// What to hand to the entries inside a folder.
    public var state: WalkState
  }

  /// Judges `path` (relative to the context root, `/`-separated, cleaned) given the state of
  /// its folder (nil for top-level entries), as `MatchesUsingParentResults` does.
  public func verdict(for path: String, isDirectory: Bool, parent: WalkState?) -> Verdict {
    var matched = false
    var deciding: Pattern?
    var state = WalkState(parentMatched: Array(repeating: false, count: patterns.count))
    let parentMatched = parent?.parentMatched ?? []
    for (index, pattern) in patterns.enumerated() {
      var match = parentMatched.isEmpty ? false : parentMatched[index]
      if !match {
        if pattern.isException != matched { continue }
        match = pattern.compiled.matches(path)
        // A top-level call also tries every enclosing folder.
        if !match, parentMatched.isEmpty {
          var prefix = ""
          for component in path.split(separator: "/").dropLast() {
            prefix += prefix.isEmpty ? String(component) : "/" + component
            if pattern.compiled.matches(prefix) {
              match = true
              break
            }
          }
        }
      }
      state.parentMatched[index] = match
      if match {
        matched = !pattern.isException
        deciding = pattern
      }
    }
    var skips = false
    if matched, isDirectory, !exceptionsHaveWildcards {
      // Entered only when an exception's text starts with this folder.
      let folder = path + "/"
      skips = !patterns.contains {
        $0.isException && (Self.withoutTrailingGlob($0.text) + "/").hasPrefix(folder)
      }
    }
    return Verdict(
      isExcluded: matched, skipsContents: skips, decidingPattern: matched ? deciding : nil,
      state: state)
  }

  /// True when BuildKit does not send `path` (relative to the context root): it is excluded, or
  /// a folder above it is excluded and never entered. `isDirectory` says what `path` is.
  public func excludes(_ path: String, isDirectory: Bool = false) -> Bool {
    exclusion(of: path, isDirectory: isDirectory) != nil
  }

  /// The pattern that keeps `path` and everything beneath it out of the context, or nil when
  /// something of it may be sent: it is not excluded, or an exception may bring back an entry
  /// beneath it (one with wildcards, or one whose path starts with `path/`).
  public func wholeExclusion(of path: String) -> Pattern? {
    guard let pattern = exclusion(of: path) else { return nil }
    let folder = GoPath.clean(path.hasPrefix("/") ? String(path.dropFirst()) : path) + "/"
    let mayComeBack = patterns.contains {
      $0.isException
        && (exceptionsHaveWildcards || (Self.withoutTrailingGlob($0.text) + "/").hasPrefix(folder))
    }
    return mayComeBack ? nil : pattern
  }

  /// The pattern that keeps `path` out of the context, or nil when it is sent.
  public func exclusion(of path: String, isDirectory: Bool = false) -> Pattern? {
    let cleaned = GoPath.clean(path.hasPrefix("/") ? String(path.dropFirst()) : path)
    guard !patterns.isEmpty, cleaned != ".", !cleaned.hasPrefix("../") else { return nil }
    let components = cleaned.split(separator: "/")
    var state: WalkState?
    var prefix = ""
    for (offset, component) in components.enumerated() {
      prefix += prefix.isEmpty ? String(component) : "/" + component
      let isLast = offset == components.count - 1
      let verdict = self.verdict(
        for: prefix, isDirectory: isLast ? isDirectory : true, parent: state)
      if isLast { return verdict.isExcluded ? verdict.decidingPattern : nil }
      if verdict.isExcluded && verdict.skipsContents { return verdict.decidingPattern }
      state = verdict.state
    }
    return nil
  }
}
