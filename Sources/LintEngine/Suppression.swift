import DockerfileSyntax

/// One syntax of suppression comment. Every syntax shares one grammar, read by
/// `PragmaParser`:
///
///     # TOOL [FILE-WIDE-WORD | STAGE-WORD] KEYWORD=NAME[, NAME…] [-- reason | # reason]
///
/// (`# ballast ignore=BL1003 -- needed for the build`, `# hadolint global ignore=DL3008`,
/// `# hadolint stage ignore=DL3008 # pinned by the base image` for the stage below.)
/// Checkov's and Trivy's pragmas have a grammar of their own (see `Form`). Adding a peer's
/// pragma is one entry in `all`.
public struct PragmaSyntax: Sendable {
  /// How the comment is written.
  public enum Form: Sendable {
    /// `TOOL [FILE-WIDE-WORD] KEYWORD=NAME[, NAME…] [-- reason | # reason]` from the start of
    /// the comment.
    case words
    /// `TOOL:KEYWORD=NAME[,NAME…][:reason]` anywhere in the comment, as Checkov searches for
    /// it (`# checkov:skip=CKV_DOCKER_3:the image steps down in its entrypoint`).
    case colonAssignment
    /// `TOOL:KEYWORD:NAME[:exp:YYYY-MM-DD]` anywhere in the comment, as Trivy searches for it
    /// (`# trivy:ignore:DS-0002`); text after it is free.
    case colonPath
  }

  public var origin: Suppression.Origin
  /// The comment's first word, compared without case.
  public var tool: String
  /// The word before `=` and the list.
  public var keyword: String
  /// The word that makes the comment cover the whole file; nil if the syntax has none.
  public var fileWideWord: String?
  /// The word that makes the comment cover the rest of a stage (the whole stage when a FROM
  /// follows); nil if the syntax has none.
  public var stageWord: String? = nil
  /// Whose ids the list holds: nil for ballast's ids and names, else the peer's.
  public var peer: PeerEquivalents.Peer?
  /// Whether malformed comments and names that match nothing are reported (BL5003). Peers'
  /// comments are not: the peer may still need them as they are.
  public var reportsProblems: Bool
  public var form: Form = .words
  /// True when every such comment covers the whole file wherever it stands: Checkov reads
  /// Dockerfile skips without their line.
  public var alwaysFileWide = false

  public static let ballast = PragmaSyntax(
    origin: .ballast, tool: "ballast", keyword: "ignore", fileWideWord: "global",
    stageWord: "stage", peer: nil, reportsProblems: true)
  /// hadolint 2.15's three forms: `ignore=`, `global ignore=` and `stage ignore=`.
  public static let hadolint = PragmaSyntax(
    origin: .hadolint, tool: "hadolint", keyword: "ignore", fileWideWord: "global",
    stageWord: "stage", peer: .hadolint, reportsProblems: false)

  /// Checkov's skip, and the two older names Checkov still accepts for it.
  public static let checkov = PragmaSyntax(
    origin: .checkov, tool: "checkov", keyword: "skip", fileWideWord: nil, peer: .checkov,
    reportsProblems: false, form: .colonAssignment, alwaysFileWide: true)
  public static let bridgecrew = PragmaSyntax(
    origin: .checkov, tool: "bridgecrew", keyword: "skip", fileWideWord: nil, peer: .checkov,
    reportsProblems: false, form: .colonAssignment, alwaysFileWide: true)
  public static let cortex = PragmaSyntax(
    origin: .checkov, tool: "cortex", keyword: "skip", fileWideWord: nil, peer: .checkov,
    reportsProblems: false, form: .colonAssignment, alwaysFileWide: true)
  /// Trivy's inline ignore: the instruction after the comment (Trivy 0.76 honours it for
  /// Dockerfiles, for checks with a line).
  public static let trivy = PragmaSyntax(
    origin: .trivy, tool: "trivy", keyword: "ignore", fileWideWord: nil, peer: .trivy,
    reportsProblems: false, form: .colonPath)

  public static let all: [PragmaSyntax] = [ballast, hadolint, checkov, bridgecrew, cortex, trivy]

  /// The `TOOL:` markers of the forms found anywhere in a comment, built once.
  static let colonMarkers = all.filter { $0.form != .words }.map { $0.tool + ":" }

  /// The cheap test run on every comment (most are prose that names no tool): true when it
  /// starts with a tool's word or holds a `TOOL:` marker.
  static func mayBePragma(_ text: String) -> Bool {
    for syntax in all where syntax.form == .words && text.mayStart(with: syntax.tool) {
      return true
    }
    guard text.utf8.contains(UInt8(ascii: ":")) else { return false }
    return colonMarkers.contains { text.includes($0) }
  }

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
    /// From the instruction following the comment to the end of its stage: with a FROM
    /// below the comment, that whole stage.
    case stage(SourceRange)
  }

  public enum Origin: Sendable, Hashable {
    case ballast
    case hadolint
    case checkov
    case trivy
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
    case .instruction(let range), .stage(let range):
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
      guard PragmaSyntax.mayBePragma(comment.text) else { continue }
      let start = bytes[comment.range.start..<comment.range.end].firstIndex(of: UInt8(ascii: "#"))
      guard let start else { continue }
      let text = bytes[(start + 1)..<comment.range.end]
      guard
        let pragma = PragmaParser.parse(text, isRule: { catalog.rule($0) != nil })
          ?? PragmaParser.parsePeerForms(text)
      else { continue }
      while nextInstruction < file.instructions.count
        && file.instructions[nextInstruction].range.start < comment.range.start
      {
        nextInstruction += 1
      }
      let scope: Scope
      if pragma.fileWide || pragma.syntax.alwaysFileWide {
        scope = .file
      } else if pragma.stageWide, nextInstruction < file.instructions.count {
        // The stage ends before the next FROM after the one this comment may stand above.
        var last = nextInstruction
        while last + 1 < file.instructions.count && file.instructions[last + 1].kind != .from {
          last += 1
        }
        scope = .stage(
          SourceRange(
            start: file.instructions[nextInstruction].range.start,
            end: file.instructions[last].range.end))
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
    var bytes = utf8.drop { $0 == 0x20 || $0 == 0x09 }.makeIterator()
    // `word` is lower-case ASCII; compare without building a lower-cased copy.
    for expected in word.utf8 {
      guard let byte = bytes.next(), byte | 0x20 == expected else { return false }
    }
    return true
  }
}
