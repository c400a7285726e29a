import DockerfileSyntax
import LintEngine

/// Findings as LSP `Diagnostic`s.
struct DiagnosticBuilder {
  let document: TextDocument
  let encoding: PositionEncoding
  let catalog: RuleCatalog
  /// Whether the client renders `tags` and `relatedInformation`; clients that do not may
  /// reject unknown members, so they are left out.
  var tagSupport = true
  var relatedInformationSupport = true

  static func severity(_ severity: Severity) -> Int {
    switch severity {
    case .error: return 1
    case .warning: return 2
    case .info: return 3
    case .style: return 4
    }
  }

  /// All diagnostics of an analysis, positions converted in one sweep.
  func diagnostics(_ analysis: DocumentAnalysis) -> [JSONValue] {
    if let refusal = analysis.refusal {
      let start = Position(line: 0, character: 0)
      return [
        .object([
          ("range", Range(start: start, end: start).json), ("severity", .int(1)),
          ("source", .string("ballast")), ("message", .string(refusal)),
        ])
      ]
    }
    let positions = self.positions(for: analysis.findings)
    return analysis.findings.map { diagnostic($0, positions: positions) }
  }

  func positions(for findings: [Finding]) -> [Int: Position] {
    var offsets: [Int] = []
    offsets.reserveCapacity(findings.count * 2)
    for finding in findings {
      offsets += [finding.range.start, finding.range.end]
      for related in finding.related { offsets += [related.range.start, related.range.end] }
    }
    return document.lines.positions(of: offsets, in: document.bytes, encoding: encoding)
  }

  func range(_ range: SourceRange, _ positions: [Int: Position]) -> Range {
    Range(start: positions[range.start]!, end: positions[range.end]!)
  }

  func diagnostic(_ finding: Finding, positions: [Int: Position]) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("range", range(finding.range, positions).json),
      ("severity", .int(Self.severity(finding.severity))),
      ("code", .string(finding.ruleID)),
    ]
    let descriptor = catalog.rule(finding.ruleID)
    if let descriptor {
      members.append(
        ("codeDescription", .object([("href", .string(descriptor.documentationURL))])))
    }
    members.append(("source", .string("ballast")))
    var message = finding.message
    if let help = finding.help { message += "\nhelp: " + help }
    members.append(("message", .string(message)))
    if tagSupport, let tags = descriptor?.tags, !tags.isEmpty {
      let numbers = tags.map { tag -> Int in
        switch tag {
        case .unnecessary: return 1
        case .deprecated: return 2
        }
      }
      members.append(("tags", .array(numbers.sorted().map(JSONValue.int))))
    }
    if relatedInformationSupport, !finding.related.isEmpty {
      members.append(
        (
          "relatedInformation",
          .array(
            finding.related.map { related in
              .object([
                (
                  "location",
                  .object([
                    ("uri", .string(document.uri)),
                    ("range", range(related.range, positions).json),
                  ])
                ),
                ("message", .string(related.message)),
              ])
            })
        ))
    }
    return .object(members)
  }
}
