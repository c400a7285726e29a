import DockerfileSyntax
import LintEngine

/// Each file's findings, located, in output order (secrets masked as in every report).
private func locatedByFile(_ report: LintReport) -> [(path: String, findings: [LocatedFinding])] {
  report.files.map { file in
    let source = file.displaySource
    return (source.path, file.displayFindings.map { LocatedFinding(finding: $0, source: source) })
  }
}

/// The descriptor of a reported id: a ballast rule, or one of ShellCheck's codes.
private func descriptor(_ id: String, _ catalog: RuleCatalog) -> RuleDescriptor? {
  catalog.rule(id) ?? (ShellCheckCodes.isCode(id) ? ShellCheckCodes.descriptor(id) : nil)
}

/// `--format junit`: one `<testsuite>` per file, one `<testcase>` per finding (a clean file
/// gets one passing case, so no reader shows an empty suite). Findings are `<failure>`s; a
/// syntax error, which stops the build, is an `<error>`. Every case has `name` and
/// `classname`, which GitLab, Jenkins and the test-report actions group by.
enum JUnitFormatter {
  static func format(_ report: LintReport) -> String {
    let files = locatedByFile(report)
    func isError(_ item: LocatedFinding) -> Bool {
      item.finding.severity == .error && item.finding.ruleID.hasPrefix("BL0")
    }
    let all = files.flatMap(\.findings)
    let errors = all.filter(isError).count
    let tests = files.reduce(0) { $0 + max(1, $1.findings.count) }
    var output =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<testsuites name=\"ballast\" tests=\"\(tests)\" failures=\"\(all.count - errors)\" "
      + "errors=\"\(errors)\" time=\"0\">\n"
    for file in files {
      let path = xml(file.path)
      let fileErrors = file.findings.filter(isError).count
      output +=
        "  <testsuite name=\"\(path)\" tests=\"\(max(1, file.findings.count))\" "
        + "failures=\"\(file.findings.count - fileErrors)\" errors=\"\(fileErrors)\" "
        + "skipped=\"0\" time=\"0\">\n"
      if file.findings.isEmpty {
        output +=
          "    <testcase classname=\"ballast\" name=\"\(path)\" file=\"\(path)\" time=\"0\"/>\n"
      }
      for item in file.findings {
        let finding = item.finding
        let name = descriptor(finding.ruleID, report.catalog)?.name ?? ""
        let place = "\(file.path):\(item.start.line):\(item.start.column)"
        let element = isError(item) ? "error" : "failure"
        var body = "\(place): \(finding.severity.rawValue) \(finding.ruleID) \(name): "
        body += finding.message
        if let help = finding.help { body += "\nhelp: " + help }
        output +=
          "    <testcase classname=\"ballast.\(finding.ruleID)\" "
          + "name=\"\(xml(place)) \(finding.ruleID) \(xml(name))\" file=\"\(path)\" "
          + "line=\"\(item.start.line)\" time=\"0\">\n"
          + "      <\(element) type=\"\(finding.severity.rawValue)\" "
          + "message=\"\(xml(finding.message))\">\(xml(body))</\(element)>\n"
          + "    </testcase>\n"
      }
      output += "  </testsuite>\n"
    }
    return output + "</testsuites>\n"
  }

  static func xml(_ text: String) -> String { CheckstyleFormatter.xml(text) }
}

/// `--format sonarqube`: SonarQube's generic external issues format (10.3 and later): the
/// reported rules, each with its clean code attribute and impact, and the issues. Columns are
/// 0-based there; a range without width gives the line alone (SonarQube refuses a text range
/// whose start is not before its end).
enum SonarQubeFormatter {
  static let engineID = "ballast"

  static func format(_ report: LintReport) -> String {
    let located = report.located
    var severities: [String: Severity] = [:]
    for item in located {
      severities[item.finding.ruleID] = max(
        severities[item.finding.ruleID] ?? item.finding.severity, item.finding.severity)
    }
    let rules: [JSONValue] = severities.keys.sorted().compactMap { id in
      guard let rule = descriptor(id, report.catalog), let severity = severities[id] else {
        return nil
      }
      return .object([
        ("id", .string(id)), ("name", .string(rule.name)),
        ("description", .string("\(rule.summary) See \(rule.documentationURL)")),
        ("engineId", .string(engineID)),
        ("cleanCodeAttribute", .string(cleanCodeAttribute(rule))),
        (
          "impacts",
          .array([
            .object([
              ("softwareQuality", .string(softwareQuality(rule))),
              ("severity", .string(impact(severity))),
            ])
          ])
        ),
      ])
    }
    let issues: [JSONValue] = located.map { item in
      var members: [(String, JSONValue)] = [
        ("ruleId", .string(item.finding.ruleID)),
        (
          "primaryLocation",
          location(
            item.finding.message, item.path, item.finding.range, item.start, item.end)
        ),
      ]
      if !item.finding.related.isEmpty {
        members.append(
          (
            "secondaryLocations",
            .array(
              item.finding.related.map {
                location(
                  $0.message, item.path, $0.range, item.source.location(of: $0.range.start),
                  item.source.location(of: $0.range.end))
              })
          ))
      }
      return .object(members)
    }
    return JSONValue.object([("rules", .array(rules)), ("issues", .array(issues))])
      .serialized(.pretty) + "\n"
  }

  static func location(
    _ message: String, _ path: String, _ range: SourceRange, _ start: SourceLocation,
    _ end: SourceLocation
  ) -> JSONValue {
    var textRange: [(String, JSONValue)] = [("startLine", .int(start.line))]
    if range.start < range.end {
      textRange += [
        ("endLine", .int(end.line)), ("startColumn", .int(start.column - 1)),
        ("endColumn", .int(end.column - 1)),
      ]
    }
    return .object([
      ("message", .string(message)), ("filePath", .string(path)),
      ("textRange", .object(textRange)),
    ])
  }

  static func softwareQuality(_ rule: RuleDescriptor) -> String {
    if rule.category == .security || rule.security != nil { return "SECURITY" }
    switch rule.category {
    case .syntax, .correctness: return "RELIABILITY"
    default: return "MAINTAINABILITY"
    }
  }

  static func cleanCodeAttribute(_ rule: RuleDescriptor) -> String {
    switch rule.category {
    case .security: return "TRUSTWORTHY"
    case .syntax, .correctness: return "LOGICAL"
    case .imageSize, .buildCache: return "EFFICIENT"
    case .maintainability: return "CONVENTIONAL"
    }
  }

  /// The impact severities every release since 10.3 reads (`BLOCKER` and `INFO` came later).
  static func impact(_ severity: Severity) -> String {
    switch severity {
    case .error: return "HIGH"
    case .warning: return "MEDIUM"
    case .info, .style: return "LOW"
    }
  }
}

/// `--format codeclimate`: the Code Climate engine specification's issues (as hadolint's
/// `codeclimate`), each a JSON object followed by a NUL byte, for the `codeclimate` CLI and
/// tools that read engine output. GitLab's Code Quality report is `--format gitlab`
/// (hadolint's `gitlab_codeclimate`).
enum CodeClimateFormatter {
  static func format(_ report: LintReport) -> String {
    var occurrences: [String: Int] = [:]
    return report.located.map { item in
      let finding = item.finding
      let rule = descriptor(finding.ruleID, report.catalog)
      let key = Fingerprint.key(finding, in: item.source)
      let count = occurrences[item.path + key, default: 0]
      occurrences[item.path + key] = count + 1
      var body = finding.help.map { $0 + "\n\n" } ?? ""
      if let rule { body += "[\(rule.id) \(rule.name)](\(rule.documentationURL))" }
      func position(_ location: SourceLocation) -> JSONValue {
        .object([("line", .int(location.line)), ("column", .int(location.column))])
      }
      let issue: JSONValue = .object([
        ("type", .string("issue")), ("check_name", .string(finding.ruleID)),
        ("description", .string(finding.message)),
        ("content", .object([("body", .string(body))])),
        ("categories", .array([.string(rule.map(category) ?? "Bug Risk")])),
        (
          "location",
          .object([
            ("path", .string(item.path)),
            (
              "positions",
              .object([("begin", position(item.start)), ("end", position(item.end))])
            ),
          ])
        ),
        ("severity", .string(GitLabFormatter.severity(finding.severity))),
        ("fingerprint", .string(Fingerprint.hash(item.path + "\u{0}" + key + "\u{0}\(count)"))),
      ])
      return issue.serialized(.compact) + "\u{0}"
    }.joined()
  }

  /// The specification's categories: Bug Risk, Clarity, Compatibility, Complexity,
  /// Duplication, Performance, Security, Style.
  static func category(_ rule: RuleDescriptor) -> String {
    if rule.category == .security || rule.security != nil { return "Security" }
    switch rule.category {
    case .syntax, .correctness: return "Bug Risk"
    case .imageSize, .buildCache: return "Performance"
    case .security: return "Security"
    case .maintainability: return "Style"
    }
  }
}
