import DockerfileSyntax
import LintEngine

/// SARIF 2.1.0 as GitHub code scanning reads it: rule metadata with help, relative URIs
/// against `%SRCROOT%`, partial fingerprints, and `security-severity` on security rules.
enum SARIFFormatter {
  static let informationURI = "https://github.com/ballast-lint/ballast"

  static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: return "error"
    case .warning: return "warning"
    case .info, .style: return "note"
    }
  }

  static func format(_ report: LintReport) -> String {
    // Only the rules with results: code scanning reads metadata for those alone, and with
    // about a hundred rules the full list would outweigh a typical report.
    // With --report-suppressed, suppressed findings are results too, with `suppressions` and
    // their comments' reasons (off by default: code scanning would open alerts for them).
    let suppressed = report.sarifReportsSuppressed ? report.suppressed : []
    let all = report.located.map { ($0, [Suppression]()) } + suppressed
    let reported = Set(all.map(\.0.finding.ruleID))
    // ShellCheck's codes are in no catalog list; each reported one gets its entry, after
    // ballast's rules.
    let descriptors =
      report.catalog.descriptors.filter { reported.contains($0.id) }
      + reported.filter(ShellCheckCodes.isCode).sorted().map(ShellCheckCodes.descriptor)
    var ruleIndex: [String: Int] = [:]
    for (index, descriptor) in descriptors.enumerated() { ruleIndex[descriptor.id] = index }
    let rules: [JSONValue] = descriptors.map(rule)
    var occurrences: [String: Int] = [:]
    let results: [JSONValue] = all.map { item, suppressions in
      let finding = item.finding
      let key = Fingerprint.key(finding, in: item.source)
      let count = occurrences[item.path + key, default: 0]
      occurrences[item.path + key] = count + 1
      var message = finding.message
      if let help = finding.help { message += "\n\nHelp: " + help }
      var extra: [(String, JSONValue)] = []
      if let fix = finding.fix, suppressions.isEmpty {
        extra.append(("fixes", .array([Self.fix(fix, item)])))
      }
      if !suppressions.isEmpty {
        extra.append(
          (
            "suppressions",
            .array(
              suppressions.map { suppression in
                // The comment's place keeps two suppressions without a reason distinct (the
                // schema wants the array's items unique) and points at what to review.
                let start = item.source.location(of: suppression.range.start)
                let end = item.source.location(of: suppression.range.end)
                var members: [(String, JSONValue)] = [
                  ("kind", .string("inSource")),
                  (
                    "location",
                    .object([
                      (
                        "physicalLocation",
                        .object([
                          ("artifactLocation", artifactLocation(item.path)),
                          (
                            "region",
                            .object([
                              ("startLine", .int(start.line)),
                              ("startColumn", .int(start.column)),
                              ("endLine", .int(end.line)), ("endColumn", .int(end.column)),
                            ])
                          ),
                        ])
                      )
                    ])
                  ),
                ]
                if let reason = suppression.reason {
                  members.append(("justification", .string(reason)))
                }
                return .object(members)
              })
          ))
      }
      if !finding.related.isEmpty {
        // The other places the finding involves (the layer that added what is deleted).
        extra.append(
          (
            "relatedLocations",
            .array(
              finding.related.enumerated().map { index, related in
                let start = item.source.location(of: related.range.start)
                let end = item.source.location(of: related.range.end)
                return .object([
                  ("id", .int(index + 1)),
                  (
                    "physicalLocation",
                    .object([
                      ("artifactLocation", artifactLocation(item.path)),
                      (
                        "region",
                        .object([
                          ("startLine", .int(start.line)), ("startColumn", .int(start.column)),
                          ("endLine", .int(end.line)), ("endColumn", .int(end.column)),
                        ])
                      ),
                    ])
                  ),
                  ("message", .object([("text", .string(related.message))])),
                ])
              })
          ))
      }
      return .object(
        [
          ("ruleId", .string(finding.ruleID)),
          ("ruleIndex", .int(ruleIndex[finding.ruleID] ?? 0)),
          ("level", .string(level(finding.severity))),
          ("message", .object([("text", .string(message))])),
          (
            "locations",
            .array([
              .object([
                (
                  "physicalLocation",
                  .object([
                    ("artifactLocation", artifactLocation(item.path)),
                    (
                      "region",
                      .object([
                        ("startLine", .int(item.start.line)),
                        ("startColumn", .int(item.start.column)),
                        ("endLine", .int(item.end.line)), ("endColumn", .int(item.end.column)),
                      ])
                    ),
                  ])
                )
              ])
            ])
          ),
          (
            "partialFingerprints",
            .object([("primaryLocationLineHash", .string(Fingerprint.hash(key) + ":\(count + 1)"))])
          ),
        ] + extra)
    }
    let driver: JSONValue = .object([
      ("name", .string("ballast")), ("version", .string(report.toolVersion)),
      ("semanticVersion", .string(report.toolVersion)),
      ("informationUri", .string(informationURI)), ("rules", .array(rules)),
    ])
    let run: JSONValue = .object([
      ("tool", .object([("driver", driver)])),
      ("columnKind", .string("unicodeCodePoints")),
      ("results", .array(results)),
    ])
    return JSONValue.object([
      ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
      ("version", .string("2.1.0")), ("runs", .array([run])),
    ]).serialized(.pretty) + "\n"
  }

  /// A fix as SARIF's `fix`: one artifact change whose replacements delete a region
  /// (empty for an insertion) and insert text; lines and columns as the results count them.
  static func fix(_ fix: Fix, _ item: LocatedFinding) -> JSONValue {
    let replacements: [JSONValue] = item.fixEdits.map { edit in
      var replacement: [(String, JSONValue)] = [
        (
          "deletedRegion",
          .object([
            ("startLine", .int(edit.start.line)), ("startColumn", .int(edit.start.column)),
            ("endLine", .int(edit.end.line)), ("endColumn", .int(edit.end.column)),
          ])
        )
      ]
      if !edit.edit.replacement.isEmpty {
        replacement.append(
          ("insertedContent", .object([("text", .string(edit.edit.replacement(in: item.source)))])))
      }
      return .object(replacement)
    }
    return .object([
      ("description", .object([("text", .string(fix.title))])),
      (
        "artifactChanges",
        .array([
          .object([
            ("artifactLocation", artifactLocation(item.path)),
            ("replacements", .array(replacements)),
          ])
        ])
      ),
      ("properties", .object([("safety", .string(fix.safety.rawValue))])),
    ])
  }

  static func rule(_ descriptor: RuleDescriptor) -> JSONValue {
    var tags: [JSONValue] = [.string(descriptor.category.title), .string("dockerfile")]
    // GitHub sorts alerts tagged `security` with a `security-severity` among security
    // alerts, and links `external/cwe/cwe-NNN` tags to the weakness (CodeQL's spelling).
    if let security = descriptor.security {
      if descriptor.category != .security { tags.append(.string("security")) }
      tags.append(.string("external/cwe/cwe-" + cweDigits(security.cwe)))
    }
    var properties: [(String, JSONValue)] = [
      ("tags", .array(tags)), ("precision", .string("high")),
    ]
    if let security = descriptor.security {
      properties.append(("security-severity", .string(score(security.score))))
    }
    // Other linters' ids for the same problem, so alerts can be matched across tools.
    for peer in PeerEquivalents.Peer.allCases where !descriptor.peers[peer].isEmpty {
      properties.append((peer.rawValue, .array(descriptor.peers[peer].map(JSONValue.string))))
    }
    let page = descriptor.documentationURL
    return .object([
      ("id", .string(descriptor.id)), ("name", .string(descriptor.name)),
      ("shortDescription", .object([("text", .string(descriptor.summary))])),
      ("fullDescription", .object([("text", .string(descriptor.summary))])),
      ("helpUri", .string(page)),
      (
        "help",
        .object([
          ("text", .string("\(descriptor.summary) See \(page)")),
          (
            "markdown",
            .string("\(descriptor.summary)\n\n[\(descriptor.id) \(descriptor.name)](\(page))")
          ),
        ])
      ),
      ("defaultConfiguration", .object([("level", .string(level(descriptor.defaultSeverity)))])),
      ("properties", .object(properties)),
    ])
  }

  /// CodeQL pads CWE numbers to three digits (`cwe-079`).
  static func cweDigits(_ cwe: Int) -> String {
    let digits = String(cwe)
    return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
  }

  /// One decimal, as GitHub's documentation writes scores (`7.5`).
  static func score(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// A relative path is resolved against `%SRCROOT%` (the checkout); absolute paths become
  /// `file://` URIs.
  static func artifactLocation(_ path: String) -> JSONValue {
    var relative = Substring(path)
    while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
    if relative.hasPrefix("/") {
      return .object([("uri", .string("file://" + percentEncoded(String(relative))))])
    }
    return .object([
      ("uri", .string(percentEncoded(String(relative)))), ("uriBaseId", .string("%SRCROOT%")),
    ])
  }

  static func percentEncoded(_ path: String) -> String {
    var result = ""
    for byte in path.utf8 {
      let character = Character(Unicode.Scalar(byte))
      if byte < 0x80 && (character.isLetter || character.isNumber || "-._~/".contains(character)) {
        result.append(character)
      } else {
        result += "%" + TerminalSafe.hex(UInt32(byte), 2)
      }
    }
    return result
  }
}
