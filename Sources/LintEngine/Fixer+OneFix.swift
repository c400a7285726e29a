import DockerfileSyntax

/// One fix checked on its own, as an editor offers it (a quick fix on one finding).
public struct CheckedFix: Sendable {
  /// The fix's edits with line breaks as the file writes them (`\r\n` in a CRLF file).
  public var edits: [Fix.Edit]
  /// The text with the fix applied.
  public var fixed: SourceFile
  /// Why the fixer would refuse it (the result does not parse as well, or changes other
  /// instructions); nil when it is fine.
  public var refusal: String?
}

extension Fixer {
  /// Applies `fix` alone to `source` and checks the result as each pass of `fix(_:)` does.
  public func check(_ fix: Fix, in source: SourceFile) -> CheckedFix {
    let lineBreak = source.lineBreak
    guard fix.isWellFormed(in: source.bytes.count) else {
      return CheckedFix(edits: [], fixed: source, refusal: "its edits overlap or are out of range")
    }
    let attempt = Self.apply([Group(fix: fix, findings: [])], to: source, lineBreak: lineBreak)
    let edits = attempt.application.edits.map {
      Fix.Edit(range: $0.range, replacement: String(decoding: $0.bytes, as: UTF8.self))
    }
    let refusal = Self.problem(
      before: DockerfileParser.parse(source), after: attempt.parsed, edits: fix.edits)
    return CheckedFix(edits: edits, fixed: attempt.source, refusal: refusal)
  }
}
