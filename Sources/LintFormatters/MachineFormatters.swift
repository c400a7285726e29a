import DockerfileSyntax
import LintEngine

/// `--format json`: the documented, versioned schema.
enum JSONFormatter {
  static let schemaVersion = 1

  static func format(_ report: LintReport) -> String {
    let findings: [JSONValue] = report.located.map { item in
      let finding = item.finding
      let descriptor = report.catalog.rule(finding.ruleID)
      var members: [(String, JSONValue)] = [
        ("rule", .string(finding.ruleID)), ("name", .string(descriptor?.name ?? "")),
        ("severity", .string(finding.severity.rawValue)),
        ("category", .string(descriptor?.category.title ?? "")),
        ("file", .string(item.path)), ("line", .int(item.start.line)),
        ("column", .int(item.start.column)), ("endLine", .int(item.end.line)),
        ("endColumn", .int(item.end.column)), ("offset", .int(finding.range.start)),
        ("endOffset", .int(finding.range.end)), ("message", .string(finding.message)),
        ("help", finding.help.map(JSONValue.string) ?? .null),
      ]
      if let fix = finding.fix {
        members.append(
          (
            "fix",
            .object([
              ("title", .string(fix.title)), ("safety", .string(fix.safety.rawValue)),
              (
                "edits",
                .array(
                  fix.edits.map {
                    .object([
                      ("offset", .int($0.range.start)), ("endOffset", .int($0.range.end)),
                      ("replacement", .string($0.replacement(in: item.source))),
                    ])
                  })
              ),
            ])
          ))
      }
      if !finding.related.isEmpty {
        members.append(
          (
            "related",
            .array(
              finding.related.map { related in
                let start = item.source.location(of: related.range.start)
                let end = item.source.location(of: related.range.end)
                return .object([
                  ("line", .int(start.line)), ("column", .int(start.column)),
                  ("endLine", .int(end.line)), ("endColumn", .int(end.column)),
                  ("offset", .int(related.range.start)), ("endOffset", .int(related.range.end)),
                  ("message", .string(related.message)),
                ])
              })
          ))
      }
      return .object(members)
    }
    var members: [(String, JSONValue)] = [
      ("version", .int(schemaVersion)), ("tool", .string("ballast")),
      ("toolVersion", .string(report.toolVersion)), ("files", .int(report.files.count)),
      ("findings", .array(findings)),
    ]
    // Findings ignore comments switched off, each with its comments and their reasons.
    let suppressed = report.suppressed
    if !suppressed.isEmpty {
      members.append(
        (
          "suppressed",
          .array(
            suppressed.map { item, suppressions in
              let finding = item.finding
              return .object([
                ("rule", .string(finding.ruleID)),
                ("name", .string(report.catalog.rule(finding.ruleID)?.name ?? "")),
                ("severity", .string(finding.severity.rawValue)), ("file", .string(item.path)),
                ("line", .int(item.start.line)), ("column", .int(item.start.column)),
                ("endLine", .int(item.end.line)), ("endColumn", .int(item.end.column)),
                ("offset", .int(finding.range.start)), ("endOffset", .int(finding.range.end)),
                ("message", .string(finding.message)),
                ("suppressions", .array(suppressions.map { suppressionJSON($0, item.source) })),
              ])
            })
        ))
    }
    // With --fix: what was fixed and what was refused, at their places before fixing.
    if report.fixes != nil {
      func entry(_ item: LocatedFinding) -> [(String, JSONValue)] {
        [
          ("rule", .string(item.finding.ruleID)),
          ("name", .string(report.catalog.rule(item.finding.ruleID)?.name ?? "")),
          ("file", .string(item.path)), ("line", .int(item.start.line)),
          ("column", .int(item.start.column)), ("offset", .int(item.finding.range.start)),
          ("endOffset", .int(item.finding.range.end)), ("message", .string(item.finding.message)),
          ("title", .string(item.finding.fix?.title ?? "")),
          ("safety", .string(item.finding.fix?.safety.rawValue ?? "")),
        ]
      }
      members.append(("fixed", .array(report.fixed.map { .object(entry($0)) })))
      members.append(
        (
          "notApplied",
          .array(
            report.refused.map { .object(entry($0.finding) + [("reason", .string($0.reason))]) })
        ))
    }
    return JSONValue.object(members).serialized(.pretty) + "\n"
  }
}

extension JSONFormatter {
  /// One ignore comment: `kind` is SARIF's (`inSource`), `origin` the tool whose syntax it
  /// uses, `scope` what it covers, `line` where it is, `justification` its reason if any.
  static func suppressionJSON(_ suppression: Suppression, _ source: SourceFile) -> JSONValue {
    let scope: String
    switch suppression.scope {
    case .file: scope = "file"
    case .stage: scope = "stage"
    case .instruction: scope = "instruction"
    }
    var members: [(String, JSONValue)] = [
      ("kind", .string("inSource")),
      ("origin", .string(PragmaSyntax.syntax(of: suppression.origin).tool)),
      ("scope", .string(scope)), ("line", .int(source.location(of: suppression.range.start).line)),
    ]
    if let reason = suppression.reason { members.append(("justification", .string(reason))) }
    return .object(members)
  }
}

/// `--format gnu`: `file:line.col-endLine.endCol: severity: message [id name]`, one per line,
/// the GNU error-message standard that editors and compilation modes parse.
enum GNUFormatter {
  static func format(_ report: LintReport) -> String {
    report.located.map { item in
      let finding = item.finding
      let name = report.catalog.rule(finding.ruleID)?.name ?? ""
      let severity =
        finding.severity == .error ? "error" : finding.severity == .warning ? "warning" : "note"
      return "\(oneLine(item.path)):\(item.start.line).\(item.start.column)-"
        + "\(item.end.line).\(item.end.column): \(severity): \(oneLine(finding.message)) "
        + "[\(finding.ruleID) \(name)]\n"
    }.joined()
  }

  static func oneLine(_ text: String) -> String {
    TerminalSafe.text(text)
  }
}

/// `--format checkstyle`: the XML that CI plugins read.
enum CheckstyleFormatter {
  static func format(_ report: LintReport) -> String {
    var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
    for file in report.files {
      output += "  <file name=\"\(xml(file.source.path))\">\n"
      for finding in file.findings {
        let start = file.source.location(of: finding.range.start)
        let severity = finding.severity == .style ? "info" : finding.severity.rawValue
        output +=
          "    <error line=\"\(start.line)\" column=\"\(start.column)\" "
          + "severity=\"\(severity)\" message=\"\(xml(finding.message))\" "
          + "source=\"ballast.\(finding.ruleID)\"/>\n"
      }
      output += "  </file>\n"
    }
    return output + "</checkstyle>\n"
  }

  /// Escapes markup and replaces characters XML 1.0 cannot hold.
  static func xml(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      case "\n": result += "&#10;"
      case "\r": result += "&#13;"
      case "\t": result += "&#9;"
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
          result += "\u{FFFD}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}

/// `--format github`: workflow commands that annotate pull-request diffs.
enum GitHubFormatter {
  static func format(_ report: LintReport) -> String {
    report.located.map { item in
      let finding = item.finding
      let name = report.catalog.rule(finding.ruleID)?.name ?? ""
      let level =
        finding.severity == .error ? "error" : finding.severity == .warning ? "warning" : "notice"
      let properties = [
        "file=\(property(item.path))", "line=\(item.start.line)", "col=\(item.start.column)",
        "endLine=\(item.end.line)", "endColumn=\(item.end.column)",
        "title=\(property("\(finding.ruleID) \(name)"))",
      ]
      return "::\(level) \(properties.joined(separator: ","))::\(data(finding.message))\n"
    }.joined()
  }

  /// GitHub's escapes (`%`, CR, LF; `:` and `,` in properties), plus every other control
  /// character as `%XX`, so nothing from a Dockerfile acts on the log viewer.
  static func data(_ text: String) -> String {
    escaped(text, extra: [:])
  }

  static func property(_ text: String) -> String {
    escaped(text, extra: [":": "%3A", ",": "%2C"])
  }

  static func escaped(_ text: String, extra: [Unicode.Scalar: String]) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      if scalar == "%" {
        result += "%25"
      } else if let replacement = extra[scalar] {
        result += replacement
      } else if scalar.value < 0x20 || scalar.value == 0x7F {
        result += "%" + TerminalSafe.hex(scalar.value, 2)
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}

/// `--format gitlab`: GitLab Code Quality JSON.
enum GitLabFormatter {
  static func format(_ report: LintReport) -> String {
    var occurrences: [String: Int] = [:]
    let issues: [JSONValue] = report.located.map { item in
      let finding = item.finding
      let severity = Self.severity(finding.severity)
      let key = Fingerprint.key(finding, in: item.source)
      let count = occurrences[item.path + key, default: 0]
      occurrences[item.path + key] = count + 1
      return .object([
        ("description", .string("\(finding.ruleID): \(finding.message)")),
        ("check_name", .string(finding.ruleID)),
        ("fingerprint", .string(Fingerprint.hash(item.path + "\u{0}" + key + "\u{0}\(count)"))),
        ("severity", .string(severity)),
        (
          "location",
          .object([
            ("path", .string(item.path)),
            (
              "positions",
              .object([
                (
                  "begin",
                  .object([("line", .int(item.start.line)), ("column", .int(item.start.column))])
                ),
                (
                  "end",
                  .object([("line", .int(item.end.line)), ("column", .int(item.end.column))])
                ),
              ])
            ),
          ])
        ),
      ])
    }
    return JSONValue.array(issues).serialized(.pretty) + "\n"
  }

  /// Code Climate's severities (GitLab shows them as Critical, Major, Minor, Info).
  static func severity(_ severity: Severity) -> String {
    switch severity {
    case .error: return "critical"
    case .warning: return "major"
    case .info: return "minor"
    case .style: return "info"
    }
  }
}

/// Stable identities for findings that survive unrelated edits: the rule plus the text of
/// the flagged line with white space removed, never the line number.
enum Fingerprint {
  static func key(_ finding: Finding, in source: SourceFile) -> String {
    let location = source.location(of: finding.range.start)
    let index = source.lineIndex
    let start = index.lineStarts[location.line - 1]
    let end = location.line < index.lineCount ? index.lineStarts[location.line] : source.bytes.count
    let line = source.text(SourceRange(start: start, end: end)).filter { !$0.isWhitespace }
    return finding.ruleID + "\u{0}" + line
  }

  /// FNV-1a, 64 bits, as 16 hex digits.
  static func hash(_ text: String) -> String {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      value ^= UInt64(byte)
      value = value &* 0x100_0000_01b3
    }
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
