import DockerfileSemantics
import DockerfileSyntax

/// Which fixes to apply.
public struct FixOptions: Sendable {
  /// Also apply fixes that may change behaviour (`--unsafe-fixes`).
  public var includeUnsafe: Bool
  /// Passes of fix, re-parse and re-lint before giving up on reaching a fixed point.
  public var maximumPasses: Int
  /// Only these rules' fixes are applied (all rules still run); nil for every rule.
  public var rules: Set<String>?

  public init(includeUnsafe: Bool = false, maximumPasses: Int = 10, rules: Set<String>? = nil) {
    self.includeUnsafe = includeUnsafe
    self.maximumPasses = maximumPasses
    self.rules = rules
  }

  public func admits(_ fix: Fix) -> Bool { fix.safety == .safe || includeUnsafe }

  public func admits(_ finding: Finding) -> Bool {
    guard let fix = finding.fix, admits(fix) else { return false }
    return rules?.contains(finding.ruleID) ?? true
  }
}

/// A finding whose fix was applied or refused; its range is in the original text.
public struct FixRecord: Sendable, Hashable {
  public var finding: Finding
  /// Why the fix was not applied; nil when it was.
  public var reason: String?

  public init(finding: Finding, reason: String? = nil) {
    self.finding = finding
    self.reason = reason
  }
}

/// The result of fixing one file.
public struct FixOutcome: Sendable {
  public var original: SourceFile
  /// The text after every applied fix.
  public var fixed: SourceFile
  /// The findings that remain in ``fixed``.
  public var remaining: FileResult
  /// Findings whose fixes were applied, in the order they were applied.
  public var applied: [FixRecord]
  /// Findings whose fixes were dropped because the result would not parse, or would change
  /// instructions the fix does not touch.
  public var refused: [FixRecord]
  /// Passes that applied something.
  public var passes: Int

  public var changed: Bool { original.bytes != fixed.bytes }
}

/// Applies the fixes rules attach to findings: per pass, non-overlapping fixes in order, then
/// re-parse and re-lint, until nothing applies (bounded). Each change is checked first: a fix
/// whose result does not parse as well as before, or that changes instructions outside its
/// edits, is refused.
public struct Fixer: Sendable {
  public let linter: Linter
  public let options: FixOptions

  public init(linter: Linter, options: FixOptions = FixOptions()) {
    self.linter = linter
    self.options = options
  }

  public func fix(
    _ source: SourceFile, configuration: Configuration, context: BuildContext = BuildContext()
  ) -> FixOutcome {
    fix(source, configuration: configuration, readingContext: { _ in context })
  }

  /// Fixes with the build context read for each pass's analysis, as ``Linter`` reads it.
  public func fix(
    _ source: SourceFile, configuration: Configuration,
    readingContext: (AnalyzedDockerfile) -> BuildContext
  ) -> FixOutcome {
    var current = source
    var result = linter.lint(current, configuration: configuration, readingContext: readingContext)
    var applied: [FixRecord] = []
    var refused: [FixRecord] = []
    var refusedKeys: Set<RefusalKey> = []
    var history: [EditApplication] = []
    var seen: Set<[UInt8]> = [current.bytes]
    var passes = 0
    let lineBreak = source.lineBreak
    while passes < options.maximumPasses {
      let before = DockerfileParser.parse(current)
      let candidates = result.findings.filter { finding in
        guard let fix = finding.fix, options.admits(finding),
          fix.isWellFormed(in: current.bytes.count),
          fix.edits.contains(where: { current.text($0.range) != $0.replacement })
        else { return false }
        return !refusedKeys.contains(RefusalKey(finding, in: current))
      }
      var groups = Self.nonOverlapping(candidates)
      guard !groups.isEmpty else { break }
      func original(_ finding: Finding) -> Finding {
        var mapped = finding
        mapped.range = Self.originalRange(finding.range, through: history)
        return mapped
      }
      // The usual case: all of them together are fine. Otherwise each is tried alone and
      // the refused ones dropped; if the rest still fail together, one goes per pass.
      var attempt = Self.apply(groups, to: current, lineBreak: lineBreak)
      if Self.problem(before: before, after: attempt.parsed, edits: groups.flatMap(\.fix.edits))
        != nil
      {
        groups = groups.filter { group in
          let alone = Self.apply([group], to: current, lineBreak: lineBreak)
          guard
            let reason = Self.problem(before: before, after: alone.parsed, edits: group.fix.edits)
          else { return true }
          for finding in group.findings {
            refusedKeys.insert(RefusalKey(finding, in: current))
            refused.append(FixRecord(finding: original(finding), reason: reason))
          }
          return false
        }
        guard !groups.isEmpty else { continue }
        attempt = Self.apply(groups, to: current, lineBreak: lineBreak)
        if Self.problem(before: before, after: attempt.parsed, edits: groups.flatMap(\.fix.edits))
          != nil
        {
          groups = [groups[0]]
          attempt = Self.apply(groups, to: current, lineBreak: lineBreak)
        }
      }
      guard seen.insert(attempt.source.bytes).inserted else { break }
      passes += 1
      for group in groups {
        applied += group.findings.map { FixRecord(finding: original($0), reason: nil) }
      }
      history.append(attempt.application)
      current = attempt.source
      result = linter.lint(current, configuration: configuration, readingContext: readingContext)
    }
    return FixOutcome(
      original: source, fixed: current, remaining: result, applied: applied, refused: refused,
      passes: passes)
  }

  /// Findings sharing one fix (two rules proposing the same edits) are fixed together.
  struct Group {
    var fix: Fix
    var findings: [Finding]
  }

  /// In order of position, each fix that starts after the previous chosen one ends (touching
  /// counts as overlapping: the order of two edits at one point would be a guess).
  static func nonOverlapping(_ findings: [Finding]) -> [Group] {
    var groups: [Group] = []
    let sorted = findings.sorted {
      ($0.fix!.span.start, $0.fix!.span.end, $0.ruleID) < (
        $1.fix!.span.start, $1.fix!.span.end, $1.ruleID
      )
    }
    var end = -1
    for finding in sorted {
      let fix = finding.fix!
      if let index = groups.lastIndex(where: { $0.fix.edits == fix.edits }) {
        groups[index].findings.append(finding)
        continue
      }
      guard fix.span.start > end else { continue }
      groups.append(Group(fix: fix, findings: [finding]))
      end = fix.span.end
    }
    return groups
  }

  struct Attempt {
    var application: EditApplication
    var source: SourceFile
    var parsed: Dockerfile
  }

  static func apply(_ groups: [Group], to source: SourceFile, lineBreak: [UInt8]) -> Attempt {
    let application = EditApplication(groups.flatMap(\.fix.edits), lineBreak: lineBreak)
    let fixed = SourceFile(path: source.path, bytes: application.apply(to: source.bytes))
    return Attempt(application: application, source: fixed, parsed: DockerfileParser.parse(fixed))
  }

  /// Why the edited file is not acceptable, or nil when it is.
  static func problem(before: Dockerfile, after: Dockerfile, edits: [Fix.Edit]) -> String? {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    if before.source.bytes.starts(with: bom) != after.source.bytes.starts(with: bom) {
      return "it would change the byte-order mark"
    }
    if before.source.bytes.last == 0x0A, after.source.bytes.last != 0x0A {
      return "it would remove the final line break"
    }
    var known: [SyntaxDiagnosticKind: Int] = [:]
    for diagnostic in before.diagnostics { known[diagnostic.kind, default: 0] += 1 }
    for diagnostic in after.diagnostics {
      let count = known[diagnostic.kind, default: 0]
      if count == 0 { return "the result would not parse cleanly: \(diagnostic.message)" }
      known[diagnostic.kind] = count - 1
    }
    // Nor may a fix make an instruction the builder rejects acceptable as a side effect
    // (`ENV PATH` → `ENV PATH=` would build, with an empty PATH): repairing errors is for
    // the user to decide. Warnings (an empty continuation line) may go.
    if let gone = known.first(where: { $0.value > 0 && $0.key.severity == .error })?.key {
      return "it would silence a syntax error the fix is not about: \(gone.message)"
    }
    if before.escapeCharacter != after.escapeCharacter
      || before.directives.map({ [$0.name, $0.value] })
        != after.directives.map({ [$0.name, $0.value] })
    {
      return "it would change the parser directives"
    }
    // An instruction inside an edit that leaves only white space is deleted; every other
    // one stays, in order, and those no edit touches stay exactly as they were.
    let kept = before.instructions.filter { old in
      !edits.contains {
        $0.range.contains(old.range) && $0.replacement.allSatisfy(\.isWhitespace)
      }
    }
    // Whole instructions a fix inserts on lines of their own (a SHELL before a RUN) are
    // new; every other instruction of the result must be one of the kept ones.
    let inserted = insertedRanges(edits, in: before.source)
    let remaining = after.instructions.filter { instruction in
      !inserted.contains { $0.contains(instruction.range) }
    }
    guard kept.count == remaining.count else {
      return "it would turn \(kept.count) instructions into \(after.instructions.count)"
    }
    for (old, new) in zip(kept, remaining) {
      let touched = edits.contains {
        $0.range.start <= old.range.end && $0.range.end >= old.range.start
      }
      guard !touched else { continue }
      if old.kind != new.kind || old.original != new.original
        || old.heredocs.map(\.content) != new.heredocs.map(\.content)
      {
        return "it would change the \(old.keyword) instruction on line \(old.startLine), "
          + "which it does not edit"
      }
    }
    return nil
  }

  /// Where the text of insertions that start a line and end with a line break lies in the
  /// edited file: instructions found there are the fix's own.
  static func insertedRanges(_ edits: [Fix.Edit], in source: SourceFile) -> [SourceRange] {
    var ranges: [SourceRange] = []
    var shift = 0
    let lineBreak = source.lineBreak
    for edit in edits.sorted(by: { $0.range < $1.range }) {
      let bytes = EditApplication.translate(edit.replacement, lineBreak: lineBreak)
      let start = edit.range.start
      let startsLine =
        start == 0 || (start <= source.bytes.count && source.bytes[start - 1] == 0x0A)
      if edit.range.isEmpty, startsLine, bytes.last == 0x0A {
        ranges.append(SourceRange(start: start + shift, end: start + shift + bytes.count))
      }
      shift += bytes.count - edit.range.length
    }
    return ranges
  }

  /// `range` of the latest text mapped back through every pass to the original text.
  static func originalRange(_ range: SourceRange, through history: [EditApplication])
    -> SourceRange
  {
    var mapped = range
    for application in history.reversed() {
      mapped = SourceRange(
        start: application.offsetBefore(mapped.start),
        end: max(application.offsetBefore(mapped.start), application.offsetBefore(mapped.end)))
    }
    return mapped
  }
}

/// Identifies a refused fix across passes, so it is not tried (and reported) again.
struct RefusalKey: Hashable {
  var ruleID: String
  var replacements: [String]
  var edited: [String]

  init(_ finding: Finding, in source: SourceFile) {
    ruleID = finding.ruleID
    replacements = finding.fix?.edits.map(\.replacement) ?? []
    edited = finding.fix?.edits.map { source.text($0.range) } ?? []
  }
}
