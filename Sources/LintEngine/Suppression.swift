import DockerfileSyntax

/// One syntax of suppression comment. Every syntax shares one grammar, read by
/// `PragmaParser`:
///
///     # TOOL [FILE-WIDE-WORD] KEYWORD=NAME[, NAME…] [-- reason | # reason]
///
/// (`# ballast ignore=BL1003 -- needed for the build`, `# hadolint global ignore=DL3008`.)
/// Adding a peer's pragma is one entry in `all`.
public struct PragmaSyntax: Sendable {
  public var origin: Suppression.Origin
  /// The comment's first word, compared without case.
  public var tool: String
  /// The word before `=` and the list.
  public var keyword: String
  /// The word that makes the comment cover the whole file; nil if the syntax has none.
  public var fileWideWord: String?
  /// Whose ids the list holds: nil for ballast's ids and names, else the peer's.
  public var peer: PeerEquivalents.Peer?
  /// Whether malformed comments and names that match nothing are reported (BL5003). Peers'
  /// comments are not: the peer may still need them as they are.
  public var reportsProblems: Bool

  public static let ballast = PragmaSyntax(
    origin: .ballast, tool: "ballast", keyword: "ignore", fileWideWord: "global", peer: nil,
    reportsProblems: true)
  public static let hadolint = PragmaSyntax(
    origin: .hadolint, tool: "hadolint", keyword: "ignore", fileWideWord: "global",
    peer: .hadolint, reportsProblems: false)

  public static let all: [PragmaSyntax] = [ballast, hadolint]

  public static func syntax(of origin: Suppression.Origin) -> PragmaSyntax {
    all.first { $0.origin == origin } ?? ballast
  }

  /// The rule ids a written name stands for (empty when it names none).
  func ruleIDs(_ name: String, catalog: RuleCatalog) -> [String] {
    guard let peer else { return catalog.rule(name).map { [$0.id] } ?? [] }
    return catalog.rules(forPeer: peer, id: name).map(\.id)
  }
}

/// A suppression comment: the rules it names, where it applies, and why.
public struct Suppression: Sendable, Hashable {
  public enum Scope: Sendable, Hashable {
    case file
    /// The instruction following the comment.
    case instruction(SourceRange)
  }

  public enum Origin: Sendable, Hashable {
    case ballast
    case hadolint
  }

  /// One name in the list, as written, with where it is and the rule ids it stands for
  /// (empty when unknown).
  public struct Entry: Sendable, Hashable {
    public var written: String
    public var ruleIDs: [String]
    public var range: SourceRange
  }

  public var scope: Scope
  public var origin: Origin
  public var entries: [Entry]
  /// The text after `--` or `#`, kept for reports that show why a finding was suppressed.
  public var reason: String?
  /// Why the comment is malformed (it then suppresses nothing); nil when it is well formed.
  public var problem: String?
  public var range: SourceRange

  public static func == (lhs: Suppression, rhs: Suppression) -> Bool {
    lhs.range == rhs.range
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(range) }

  public func covers(_ finding: Finding) -> Bool {
    switch scope {
    case .file: return true
    case .instruction(let range):
      return range.start <= finding.range.start && finding.range.start <= range.end
    }
  }

  /// Reads every suppression comment of a file.
  public static func all(in file: Dockerfile, catalog: RuleCatalog) -> [Suppression] {
    var result: [Suppression] = []
    var nextInstruction = 0
    let bytes = file.source.bytes
    for comment in file.comments {
      // Cheap test first: most comments are prose that names no tool.
      guard PragmaSyntax.all.contains(where: { comment.text.mayStart(with: $0.tool) }) else {
        continue
      }
      let start = bytes[comment.range.start..<comment.range.end].firstIndex(of: UInt8(ascii: "#"))
      guard let start,
        let pragma = PragmaParser.parse(
          bytes[(start + 1)..<comment.range.end], isRule: { catalog.rule($0) != nil })
      else { continue }
      while nextInstruction < file.instructions.count
        && file.instructions[nextInstruction].range.start < comment.range.start
      {
        nextInstruction += 1
      }
      let scope: Scope
      if pragma.fileWide {
        scope = .file
      } else if nextInstruction < file.instructions.count {
        scope = .instruction(file.instructions[nextInstruction].range)
      } else {
        scope = .instruction(SourceRange(start: comment.range.end, end: comment.range.end))
      }
      let entries = pragma.names.map { name in
        Entry(
          written: name.text, ruleIDs: pragma.syntax.ruleIDs(name.text, catalog: catalog),
          range: SourceRange(start: name.range.lowerBound, end: name.range.upperBound))
      }
      result.append(
        Suppression(
          scope: scope, origin: pragma.syntax.origin,
          entries: pragma.problem == nil ? entries : [], reason: pragma.reason,
          problem: pragma.problem, range: comment.range))
    }
    return result
  }
}

extension String {
  /// Whether the text, after spaces, starts with `word` in any case.
  fileprivate func mayStart(with word: String) -> Bool {
    let text = drop { $0 == " " || $0 == "\t" }
    return text.prefix(word.count).lowercased() == word
  }
}
