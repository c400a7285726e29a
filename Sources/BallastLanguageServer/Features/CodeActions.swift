import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `textDocument/codeAction`: each finding's fix as a quick fix, "ignore RULE for this
/// instruction", and `source.fixAll.ballast` (every safe fix, re-linted until stable).
struct CodeActionBuilder {
  let document: TextDocument
  let analysis: DocumentAnalysis
  let diagnostics: DiagnosticBuilder
  let encoding: PositionEncoding
  /// Versioned `documentChanges` when the client takes them (an edit for another version of
  /// the text is then refused instead of misapplied), else `changes`.
  var documentChangesSupport = false

  static let fixAllKind = "source.fixAll.ballast"

  /// True when an action of `kind` passes the request's `only` filter: kinds are
  /// hierarchical, so `source` asks for `source.fixAll.ballast` too.
  static func kind(_ kind: String, matches only: [String]?) -> Bool {
    guard let only, !only.isEmpty else { return true }
    return only.contains { kind == $0 || kind.hasPrefix($0 + ".") }
  }

  /// The fix engine, for checking each quick fix and for fixing everything.
  let fixer: Fixer
  var configuration = Configuration()
  var context = BuildContext()
  /// Whether the client shows refused fixes greyed out with the reason (`disabled`).
  var disabledSupport = false

  /// `fixAll`: whether to run the fixer for `source.fixAll.ballast` (several lint passes),
  /// which is skipped for the automatic requests some editors send on every cursor move.
  func actions(in range: SourceRange, only: [String]?, fixAll: Bool = true) -> [JSONValue] {
    var actions: [JSONValue] = []
    let findings = analysis.findings.filter { finding in
      finding.range.start <= range.end && range.start <= finding.range.end
    }
    let positions = diagnostics.positions(for: findings)
    if Self.kind("quickfix", matches: only) {
      for finding in findings {
        let diagnostic = diagnostics.diagnostic(finding, positions: positions)
        if let fix = finding.fix {
          // Checked as `--fix` checks it: a fix the engine would refuse is not offered.
          let checked = fixer.check(fix, in: analysis.file.source)
          let title = Self.capitalized(fix.title) + (fix.safety == .safe ? "" : " (unsafe fix)")
          if checked.refusal == nil {
            actions.append(
              action(
                title: title, kind: "quickfix", diagnostic: diagnostic,
                preferred: fix.safety == .safe, edits: checked.edits))
          } else if disabledSupport, let refusal = checked.refusal {
            actions.append(
              action(
                title: title, kind: "quickfix", diagnostic: diagnostic, preferred: false,
                edits: nil, disabled: "ballast refuses this fix here: " + refusal))
          }
        }
        if finding.ruleID != Linter.unusedSuppressionID, let edit = ignoreEdit(for: finding) {
          actions.append(
            action(
              title: "Ignore \(finding.ruleID) for this instruction", kind: "quickfix",
              diagnostic: diagnostic, preferred: false, edits: [edit]))
        }
      }
    }
    if fixAll, Self.kind(Self.fixAllKind, matches: only),
      analysis.findings.contains(where: { $0.fix?.safety == .safe })
    {
      let outcome = fixer.fix(
        analysis.file.source, configuration: configuration, context: context)
      if outcome.changed {
        actions.append(
          action(
            title: "Fix all safe ballast problems", kind: Self.fixAllKind, diagnostic: nil,
            preferred: false,
            edits: [Self.minimalEdit(from: document.bytes, to: outcome.fixed.bytes)]))
      }
    }
    return actions
  }

  static func capitalized(_ title: String) -> String {
    guard let first = title.first else { return title }
    return first.uppercased() + title.dropFirst()
  }

  /// `# ballast ignore=ID` on its own line above the instruction holding the finding, with
  /// the instruction's indentation and line ending.
  func ignoreEdit(for finding: Finding) -> Fix.Edit? {
    guard let position = analysis.instructionPosition(at: finding.range.start) else { return nil }
    let instruction = analysis.file.instructions[position]
    let bytes = document.bytes
    let line = document.lines.line(of: instruction.range.start)
    let lineStart = document.lines.starts[line]
    let indent = bytes[lineStart..<instruction.range.start]
    guard indent.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else {
      return nil
    }
    let lineEnd = document.lines.contentEnd(of: line, in: bytes)
    let newline = lineEnd < bytes.count && bytes[lineEnd] == UInt8(ascii: "\r") ? "\r\n" : "\n"
    return Fix.Edit(
      range: SourceRange(start: lineStart, end: lineStart),
      replacement: String(decoding: indent, as: UTF8.self) + "# ballast ignore=\(finding.ruleID)"
        + newline)
  }

  func action(
    title: String, kind: String, diagnostic: JSONValue?, preferred: Bool, edits: [Fix.Edit]?,
    disabled: String? = nil
  ) -> JSONValue {
    var members: [(String, JSONValue)] = [("title", .string(title)), ("kind", .string(kind))]
    if let diagnostic { members.append(("diagnostics", .array([diagnostic]))) }
    if preferred { members.append(("isPreferred", .bool(true))) }
    if let edits { members.append(("edit", workspaceEdit(edits))) }
    if let disabled { members.append(("disabled", .object([("reason", .string(disabled))]))) }
    return .object(members)
  }

  func workspaceEdit(_ edits: [Fix.Edit]) -> JSONValue {
    let offsets = edits.flatMap { [$0.range.start, $0.range.end] }
    let positions = document.lines.positions(of: offsets, in: document.bytes, encoding: encoding)
    let textEdits: [JSONValue] = edits.sorted { $0.range < $1.range }.map { edit in
      .object([
        (
          "range",
          Range(start: positions[edit.range.start]!, end: positions[edit.range.end]!).json
        ),
        ("newText", .string(edit.replacement)),
      ])
    }
    if documentChangesSupport {
      return .object([
        (
          "documentChanges",
          .array([
            .object([
              (
                "textDocument",
                .object([("uri", .string(document.uri)), ("version", .int(document.version))])
              ),
              ("edits", .array(textEdits)),
            ])
          ])
        )
      ])
    }
    return .object([("changes", .object([(document.uri, .array(textEdits))]))])
  }

  /// One edit turning `old` into `new`: the bytes between their common prefix and suffix,
  /// widened to whole UTF-8 scalars so both ends are positions an editor can name.
  static func minimalEdit(from old: [UInt8], to new: [UInt8]) -> Fix.Edit {
    var prefix = 0
    let shorter = min(old.count, new.count)
    while prefix < shorter && old[prefix] == new[prefix] { prefix += 1 }
    while prefix > 0 && old.indices.contains(prefix) && old[prefix] & 0xC0 == 0x80 { prefix -= 1 }
    var suffix = 0
    while suffix < shorter - prefix && old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
      suffix += 1
    }
    while suffix > 0 && old[old.count - suffix] & 0xC0 == 0x80 { suffix -= 1 }
    return Fix.Edit(
      range: SourceRange(start: prefix, end: old.count - suffix),
      replacement: String(decoding: new[prefix..<(new.count - suffix)], as: UTF8.self))
  }
}
