import DockerfileSyntax
import LintEngine

public struct TextOptions: Sendable {
  public var color: Bool
  /// Whether `--unsafe-fixes` is on: unsafe fixes are then marked fixable too.
  public var unsafeFixes: Bool

  public init(color: Bool = false, unsafeFixes: Bool = false) {
    self.color = color
    self.unsafeFixes = unsafeFixes
  }
}

/// `file:line:col: severity BLnnnn name: message`, the source line with carets, and `help:`.
struct TextFormatter {
  var options: TextOptions

  func paint(_ text: String, _ code: String) -> String {
    options.color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  func format(_ report: LintReport) -> String {
    var output = ""
    var counts = SeverityCounts()
    var fixable = 0
    var hidden = 0
    for item in report.located {
      let finding = item.finding
      counts.add(finding.severity)
      let name = report.catalog.rule(finding.ruleID)?.name ?? ""
      let severityColor: String
      switch finding.severity {
      case .error: severityColor = "1;31"
      case .warning: severityColor = "1;33"
      case .info: severityColor = "1;36"
      case .style: severityColor = "1;34"
      }
      output += paint(
        "\(TerminalSafe.text(item.path)):\(item.start.line):\(item.start.column):", "1")
      output += " " + paint(finding.severity.rawValue, severityColor)
      output += " " + paint("\(finding.ruleID) \(name)", "1")
      // `[*]`: `--fix` (with `--unsafe-fixes` for an unsafe fix, when given) repairs it.
      if let fix = finding.fix {
        if fix.safety == .safe || options.unsafeFixes {
          fixable += 1
          output += " " + paint("[*]", "1;32")
        } else {
          hidden += 1
        }
      }
      output += ": "
      output += TerminalSafe.text(finding.message) + "\n"
      output += codeFrame(item)
      if let help = finding.help {
        output += "  " + paint("help", "1;32") + ": " + TerminalSafe.text(help) + "\n"
      }
      output += "\n"
    }
    for (item, reason) in report.refused {
      output +=
        "\(TerminalSafe.text(item.path)):\(item.start.line):\(item.start.column): "
        + "fix of \(item.finding.ruleID) not applied: \(TerminalSafe.text(reason))\n"
    }
    if let fixes = report.fixes {
      let fixed = fixes.reduce(0) { $0 + $1.applied.count }
      output += fixSummary(fixed: fixed, remaining: counts.total, files: report.files.count)
    } else {
      output += summary(counts, files: report.files.count)
    }
    if fixable > 0 {
      output +=
        "[*] \(fixable) fixable with `ballast --fix\(options.unsafeFixes ? " --unsafe-fixes" : "")`"
        + (hidden > 0 ? " (\(hidden) more with `--unsafe-fixes`)" : "") + ".\n"
    } else if hidden > 0 {
      output += "\(hidden) fixable with `ballast --fix --unsafe-fixes`.\n"
    }
    return output
  }

  /// The first line of the finding with a caret underline (to the end of that line when the
  /// range spans several).
  private func codeFrame(_ item: LocatedFinding) -> String {
    let index = item.source.lineIndex
    let line = item.start.line
    guard line <= index.lineCount else { return "" }
    let lineStart = index.lineStarts[line - 1]
    var lineEnd = line < index.lineCount ? index.lineStarts[line] : item.source.bytes.count
    while lineEnd > lineStart
      && (item.source.bytes[lineEnd - 1] == 0x0A || item.source.bytes[lineEnd - 1] == 0x0D)
    {
      lineEnd -= 1
    }
    let startOffset = max(item.finding.range.start, lineStart)
    let endOffset = max(startOffset, min(max(item.finding.range.end, startOffset + 1), lineEnd))
    // Long lines are cut around the finding: printing the whole line for each of many
    // findings on it made the output quadratic.
    let source = item.source
    func text(_ start: Int, _ end: Int) -> String {
      TerminalSafe.text(source.text(SourceRange(start: start, end: end)))
    }
    let limit = Self.shownCharacters
    let beforeStart = characterStart(
      max(lineStart, startOffset - 4 * limit), in: source.bytes, above: lineStart)
    var before = text(beforeStart, startOffset)
    if beforeStart > lineStart || before.count > limit {
      before = "..." + String(before.suffix(limit))
    }
    let markedEnd = characterStart(
      min(endOffset, startOffset + 4 * limit), in: source.bytes, above: startOffset)
    var marked = text(startOffset, max(startOffset, markedEnd))
    if markedEnd < endOffset || marked.count > limit {
      marked = String(marked.prefix(limit)) + "..."
    }
    let afterEnd = characterStart(
      min(lineEnd, endOffset + 4 * limit), in: source.bytes, above: endOffset)
    var after = text(endOffset, max(endOffset, afterEnd))
    if afterEnd < lineEnd || after.count > limit { after = String(after.prefix(limit)) + "..." }
    let gutter = String(line)
    let pad = String(repeating: " ", count: gutter.count)
    var frame = "\(pad) |\n"
    frame += paint(gutter, "34") + " | " + before + marked + after + "\n"
    let carets = String(repeating: "^", count: max(1, marked.count))
    frame +=
      "\(pad) | " + String(repeating: " ", count: before.count) + paint(carets, "1;31")
      + "\n"
    return frame
  }

  /// Characters shown before, in and after the marked text of a code frame.
  static let shownCharacters = 100

  /// `offset` moved back to the start of the UTF-8 character it falls in, not below `lower`.
  private func characterStart(_ offset: Int, in bytes: [UInt8], above lower: Int) -> Int {
    var start = offset
    while start > lower && start < bytes.count && bytes[start] & 0xC0 == 0x80 { start -= 1 }
    return start
  }

  private func fixSummary(fixed: Int, remaining: Int, files: Int) -> String {
    let fileWord = files == 1 ? "file" : "files"
    let total = fixed + remaining
    guard total > 0 else { return "No problems found in \(files) \(fileWord).\n" }
    return
      "Found \(total) \(total == 1 ? "problem" : "problems") (\(fixed) fixed, \(remaining) remaining) "
      + "in \(files) \(fileWord).\n"
  }

  private func summary(_ counts: SeverityCounts, files: Int) -> String {
    let total = counts.total
    let fileWord = files == 1 ? "file" : "files"
    guard total > 0 else { return "No problems found in \(files) \(fileWord).\n" }
    let parts = Severity.allCases.reversed().compactMap { severity -> String? in
      let count = counts[severity]
      guard count > 0 else { return nil }
      return
        "\(count) \(severity.rawValue)\(count == 1 || severity == .info || severity == .style ? "" : "s")"
    }
    let problemWord = total == 1 ? "problem" : "problems"
    return
      "Found \(total) \(problemWord) (\(parts.joined(separator: ", "))) in \(files) \(fileWord).\n"
  }
}

/// Findings per severity. Not a dictionary: each new dictionary type costs a scan of the
/// runtime's conformance tables at start-up, a measurable part of a one-file run.
struct SeverityCounts {
  private var counts = [0, 0, 0, 0]

  private static func slot(_ severity: Severity) -> Int {
    switch severity {
    case .error: 0
    case .warning: 1
    case .info: 2
    case .style: 3
    }
  }

  mutating func add(_ severity: Severity) { counts[Self.slot(severity)] += 1 }
  subscript(_ severity: Severity) -> Int { counts[Self.slot(severity)] }
  var total: Int { counts.reduce(0, +) }
}
