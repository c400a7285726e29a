import DockerfileSyntax
import LintEngine

/// Everything a formatter prints: per-file findings in a fixed order, and rule metadata.
public struct LintReport: Sendable {
  public var files: [FileResult]
  public var catalog: RuleCatalog
  public var toolVersion: String
  /// With `--fix`: per file, the findings fixed and the fixes refused (``files`` then holds
  /// what remains); nil when not fixing.
  public var fixes: [FileFixes]?
  /// Whether SARIF lists the findings ignore comments suppress (`--report-suppressed`). Off by
  /// default: GitHub code scanning does not read `suppressions` and opens an alert for each
  /// such result. JSON lists them under `suppressed` either way.
  public var sarifReportsSuppressed = false

  public init(
    files: [FileResult], catalog: RuleCatalog, toolVersion: String, fixes: [FileFixes]? = nil
  ) {
    self.files = files.sorted { $0.source.path < $1.source.path }
    self.catalog = catalog
    self.toolVersion = toolVersion
    self.fixes = fixes?.sorted { $0.original.path < $1.original.path }
  }

  /// Each finding with its file and resolved positions, in output order.
  public var located: [LocatedFinding] {
    files.flatMap { file in
      // Formatters quote lines of the file; secrets in it are masked first.
      let source = file.displaySource
      return file.displayFindings.map { LocatedFinding(finding: $0, source: source) }
    }
  }

  /// Findings ignore comments switched off, with those comments, in output order.
  public var suppressed: [(finding: LocatedFinding, suppressions: [Suppression])] {
    files.flatMap { file in
      let source = file.displaySource
      return file.suppressed.map {
        (LocatedFinding(finding: $0.finding, source: source), $0.suppressions)
      }
    }
  }

  /// Fixed findings (positions in the text before fixing), in output order.
  public var fixed: [LocatedFinding] {
    (fixes ?? []).flatMap { file in
      file.applied.map { LocatedFinding(finding: $0.finding, source: file.original) }
    }
  }

  /// Refused fixes with their reasons, positions in the text before fixing.
  public var refused: [(finding: LocatedFinding, reason: String)] {
    (fixes ?? []).flatMap { file in
      file.refused.map {
        (LocatedFinding(finding: $0.finding, source: file.original), $0.reason ?? "")
      }
    }
  }
}

/// What fixing did to one file.
public struct FileFixes: Sendable {
  /// The text before fixing, for positions of fixed findings.
  public var original: SourceFile
  public var applied: [FixRecord]
  public var refused: [FixRecord]

  public init(original: SourceFile, applied: [FixRecord], refused: [FixRecord]) {
    self.original = original
    self.applied = applied
    self.refused = refused
  }

}

/// A finding with line and column resolved for printing.
public struct LocatedFinding: Sendable {
  /// Where the finding's fix edits, each edit with its line and column.
  public var fixEdits: [(edit: Fix.Edit, start: SourceLocation, end: SourceLocation)] {
    (finding.fix?.edits ?? []).map {
      ($0, source.location(of: $0.range.start), source.location(of: $0.range.end))
    }
  }

  public var finding: Finding
  public var source: SourceFile
  public var start: SourceLocation
  public var end: SourceLocation

  init(finding: Finding, source: SourceFile) {
    self.finding = finding
    self.source = source
    start = source.location(of: finding.range.start)
    end = source.location(of: finding.range.end)
  }

  public var path: String { source.path }
}

/// The output formats of `--format`.
public enum OutputFormat: String, CaseIterable, Sendable {
  case text, json, sarif, gnu, checkstyle, github, gitlab, junit, sonarqube, codeclimate

  /// hadolint's names for the formats ballast calls otherwise, so its command lines keep
  /// working: `tty` is `text`, `gitlab_codeclimate` is `gitlab`.
  public static let hadolintAliases: [String: OutputFormat] = [
    "tty": .text, "gitlab_codeclimate": .gitlab,
  ]

  /// Every name `--format` takes: the formats, then hadolint's aliases.
  public static let names = allCases.map(\.rawValue) + hadolintAliases.keys.sorted()

  /// A format by its name or hadolint's alias for it.
  public init?(named name: String) {
    guard let format = OutputFormat(rawValue: name) ?? Self.hadolintAliases[name] else {
      return nil
    }
    self = format
  }

  public func render(_ report: LintReport, options: TextOptions = TextOptions()) -> String {
    switch self {
    case .text: return TextFormatter(options: options).format(report)
    case .json: return JSONFormatter.format(report)
    case .sarif: return SARIFFormatter.format(report)
    case .gnu: return GNUFormatter.format(report)
    case .checkstyle: return CheckstyleFormatter.format(report)
    case .github: return GitHubFormatter.format(report)
    case .gitlab: return GitLabFormatter.format(report)
    case .junit: return JUnitFormatter.format(report)
    case .sonarqube: return SonarQubeFormatter.format(report)
    case .codeclimate: return CodeClimateFormatter.format(report)
    }
  }
}

/// Makes text from a Dockerfile safe to print on a terminal: control characters and escape
/// sequences become visible `\xNN` / `\u{…}` text instead of acting on the terminal.
public enum TerminalSafe {
  public static func text(_ value: String) -> String {
    // Almost every string is printable ASCII; skip the per-scalar rebuild for those.
    if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return value }
    var result = ""
    for scalar in value.unicodeScalars {
      switch scalar.value {
      case 0x09: result += "    "
      case 0x00...0x1F, 0x7F: result += "\\x" + hex(scalar.value, 2)
      case 0x80...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
        result += "\\u{" + hex(scalar.value, 4) + "}"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  static func hex(_ value: UInt32, _ width: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
