import DockerfileSemantics
import DockerfileSyntax

/// The findings for one file, ready for a formatter.
public struct FileResult: Sendable {
  public var source: SourceFile
  public var findings: [Finding]
  /// Parts of the source that hold secrets: output shows them masked (`displaySource`).
  public var redactions: [SourceRange]
  /// The target stage asked for when no stage of the file has that name.
  public var missingTarget: String?
  /// Findings that ignore comments switched off, with those comments (and their reasons),
  /// for the reports that list suppressions (JSON and SARIF); never counted or fixed.
  public var suppressed: [SuppressedFinding] = []

  public init(source: SourceFile, findings: [Finding], redactions: [SourceRange] = []) {
    self.source = source
    self.findings = findings
    self.redactions = redactions
  }

  /// The source as output may quote it: secrets replaced by `*`, lines and columns kept.
  /// Fixes apply to `source`, never to this.
  public var displaySource: SourceFile { source.masking(redactions) }

  /// The findings as output may show them: a fix whose new text would quote a secret is
  /// left out (`--fix` still applies it; only its display would leak the value).
  public var displayFindings: [Finding] {
    guard !redactions.isEmpty else { return findings }
    let secrets = redactions.map { source.text($0) }.filter { !$0.isEmpty }
    return findings.map { finding in
      var shown = finding
      if let fix = finding.fix,
        fix.edits.contains(where: { edit in secrets.contains { edit.replacement.contains($0) } })
          || secrets.contains(where: { fix.title.contains($0) })
      {
        shown.fix = nil
      }
      return shown
    }
  }
}

/// A finding an ignore comment switched off.
public struct SuppressedFinding: Sendable {
  public var finding: Finding
  /// The comments that switch it off, in file order; each may carry a reason.
  public var suppressions: [Suppression]

  public init(finding: Finding, suppressions: [Suppression]) {
    self.finding = finding
    self.suppressions = suppressions
  }
}

/// Parses, analyses once, runs the enabled rules, applies configuration and suppressions.
public struct Linter: Sendable {
  public let rules: [any Rule]
  public let catalog: RuleCatalog
  /// The rule reporting suppressions that matched nothing.
  public static let unusedSuppressionID = "BL5003"
  /// The rule reporting that a file is a template: when it fires, it is the only finding.
  public static let templateRuleID = "BL0090"

  /// Each rule's descriptor, by rule index: read once, not per file.
  private let descriptors: [RuleDescriptor]

  public init(rules: [any Rule]) {
    self.rules = rules
    descriptors = rules.map { $0.descriptor }
    catalog = RuleCatalog(descriptors)
  }

  public func lint(
    _ source: SourceFile, configuration: Configuration, context: BuildContext = BuildContext()
  ) -> FileResult {
    lint(source, configuration: configuration, readingContext: { _ in context })
  }

  /// Lints with a build context read for this file's analysis: what to read (the sources COPY
  /// names, the scripts RUN calls) depends on the instructions, so the caller's reader sees the
  /// analysis first. The file is still parsed and analysed once.
  public func lint(
    _ source: SourceFile, configuration: Configuration,
    readingContext: (AnalyzedDockerfile) -> BuildContext
  ) -> FileResult {
    let syntax = DockerfileParser.parse(source)
    let analyzed = AnalyzedDockerfile(syntax, target: configuration.targetStage)
    return lint(analyzed.attaching(readingContext(analyzed)), configuration: configuration)
  }

  /// Lints a file already analysed, for callers that also read the model (the language
  /// server answers hovers and definitions from the same analysis). `external` are findings
  /// another program made for this file (ShellCheck's, at their ShellCheck level): they are
  /// configured, suppressed and sorted like the rules' own.
  public func lint(
    _ file: AnalyzedDockerfile, configuration: Configuration, external: [Finding] = []
  ) -> FileResult {
    let syntax = file.syntax
    let source = file.source
    var findings: [Finding] = []
    for finding in external {
      guard let descriptor = catalog.rule(finding.ruleID), configuration.isEnabled(descriptor)
      else { continue }
      var configured = finding
      if ShellCheckCodes.isCode(finding.ruleID) {
        configured.severity = configuration.shellCheckSeverity(
          descriptor.id, level: finding.severity)
      } else {
        configured.severity = configuration.severity(of: descriptor)
      }
      findings.append(configured)
    }
    for (index, rule) in rules.enumerated() where configuration.isEnabled(descriptors[index]) {
      var found: [Finding] = []
      let rule = rule.configuredRule(by: configuration) ?? rule
      rule.check(file, into: &found)
      let severity = configuration.severity(of: descriptors[index])
      findings += found.map {
        var finding = $0
        finding.severity = severity
        return finding
      }
    }
    // A template's other findings are its template tokens read as instructions. The first
    // syntax error stays: BuildKit stops there, so it is where the build fails.
    if findings.contains(where: { $0.ruleID == Self.templateRuleID }) {
      let firstError = findings.filter { $0.severity == .error && $0.ruleID.hasPrefix("BL0") }
        .min { $0.range < $1.range }
      findings.removeAll { $0.ruleID != Self.templateRuleID }
      if let firstError { findings.append(firstError) }
    }
    var suppressed: [SuppressedFinding]
    (findings, suppressed) = applySuppressions(findings, file: syntax, configuration: configuration)
    if let directive = BuildKitCheckDirective(syntax) {
      findings = directive.apply(to: findings, catalog: catalog)
    }
    findings.sort {
      ($0.range.start, $0.ruleID, $0.range.end) < ($1.range.start, $1.ruleID, $1.range.end)
    }
    suppressed.sort {
      ($0.finding.range.start, $0.finding.ruleID, $0.finding.range.end)
        < ($1.finding.range.start, $1.finding.ruleID, $1.finding.range.end)
    }
    // No message may quote a secret the file holds, whichever rule wrote it.
    if !file.secrets.isEmpty {
      func masking(_ finding: Finding) -> Finding {
        var masked = finding
        for secret in file.secrets {
          masked.message = secret.masking(masked.message)
          masked.help = masked.help.map(secret.masking)
          for index in masked.related.indices {
            masked.related[index].message = secret.masking(masked.related[index].message)
          }
        }
        return masked
      }
      findings = findings.map(masking)
      suppressed = suppressed.map { item in
        var masked = item
        masked.finding = masking(item.finding)
        for index in masked.suppressions.indices {
          for secret in file.secrets {
            masked.suppressions[index].reason = masked.suppressions[index].reason.map(
              secret.masking)
          }
        }
        return masked
      }
    }
    var result = FileResult(
      source: source, findings: findings, redactions: file.secrets.map(\.hidden))
    result.suppressed = suppressed
    if !file.targetFound { result.missingTarget = configuration.targetStage }
    return result
  }

  /// The findings kept, and those suppressed with the comments that suppress them.
  private func applySuppressions(
    _ findings: [Finding], file: Dockerfile, configuration: Configuration
  ) -> ([Finding], [SuppressedFinding]) {
    guard configuration.inlineSuppressions else { return (findings, []) }
    let suppressions = Suppression.all(in: file, catalog: catalog)
    guard !suppressions.isEmpty else { return (findings, []) }
    // File-wide suppressions apply to every finding of the rules they name. Each other one
    // covers the instruction after its comment; instructions do not overlap, so sorted by
    // that instruction's start, those covering a finding are one run found by binary search
    // (testing every suppression against every finding was quadratic).
    var fileWide: [String: [(index: Int, written: String)]] = [:]
    for index in suppressions.indices where suppressions[index].scope == .file {
      for entry in suppressions[index].entries {
        for id in entry.ruleIDs { fileWide[id, default: []].append((index, entry.written)) }
      }
    }
    let local = suppressions.indices.compactMap { index -> (start: Int, index: Int)? in
      guard case .instruction(let range) = suppressions[index].scope else { return nil }
      return (range.start, index)
    }.sorted { ($0.start, $0.index) < ($1.start, $1.index) }
    // Stage suppressions overlap the instructions of their stage; there are few of them.
    let staged = suppressions.indices.filter {
      if case .stage = suppressions[$0].scope { return true }
      return false
    }
    var used: Set<String> = []
    var fileWideMatched: Set<String> = []
    var kept: [Finding] = []
    var suppressedFindings: [SuppressedFinding] = []
    for finding in findings {
      var matched: Set<Int> = []
      if let entries = fileWide[finding.ruleID] {
        matched.formUnion(entries.map(\.index))
        if fileWideMatched.insert(finding.ruleID).inserted {
          for entry in entries { used.insert("\(entry.index)/\(entry.written)") }
        }
      }
      for index in staged where suppressions[index].covers(finding) {
        for entry in suppressions[index].entries where entry.ruleIDs.contains(finding.ruleID) {
          used.insert("\(index)/\(entry.written)")
          matched.insert(index)
        }
      }
      var low = 0
      var high = local.count
      while low < high {
        let mid = (low + high) / 2
        if local[mid].start <= finding.range.start { low = mid + 1 } else { high = mid }
      }
      while low > 0, suppressions[local[low - 1].index].covers(finding) {
        low -= 1
        let index = local[low].index
        for entry in suppressions[index].entries where entry.ruleIDs.contains(finding.ruleID) {
          used.insert("\(index)/\(entry.written)")
          matched.insert(index)
        }
      }
      if matched.isEmpty {
        kept.append(finding)
      } else {
        suppressedFindings.append(
          SuppressedFinding(
            finding: finding, suppressions: matched.sorted().map { suppressions[$0] }))
      }
    }
    guard let unused = catalog.rule(Self.unusedSuppressionID), configuration.isEnabled(unused)
    else { return (kept, suppressedFindings) }
    let help = "delete stale suppressions so real problems are not hidden later"
    for (index, suppression) in suppressions.enumerated()
    where PragmaSyntax.syntax(of: suppression.origin).reportsProblems {
      if let problem = suppression.problem {
        kept.append(
          Finding(
            ruleID: unused.id, severity: configuration.severity(of: unused), message: problem,
            range: suppression.range,
            help: "a malformed comment suppresses nothing; fix it as shown or delete it"))
        continue
      }
      // Only entries for rules that ran are removed by the fix: an ignore of a rule switched
      // off for this run (`--ignore`, configuration) may still be wanted on other runs.
      let stale = suppression.entries.filter {
        !used.contains("\(index)/\($0.written)")
          && $0.ruleIDs.allSatisfy { id in catalog.rule(id).map(configuration.isEnabled) == true }
      }
      let fix = SuppressionFix.removing(
        Set(stale.map(\.written)), from: suppression, in: file.source)
      for entry in suppression.entries where !used.contains("\(index)/\(entry.written)") {
        // An ignore of ShellCheck's codes cannot match while ShellCheck is off.
        if !configuration.shellCheck.enabled, !entry.ruleIDs.isEmpty,
          entry.ruleIDs.allSatisfy(ShellCheckCodes.isCode)
        {
          continue
        }
        let unknown = entry.ruleIDs.isEmpty
        let message =
          unknown
          ? "`\(entry.written)` in this ignore comment is not a ballast rule id or name"
            + catalog.unknownRuleHint(entry.written)
          : "ignore of `\(entry.written)` matched no finding; remove it"
        kept.append(
          Finding(
            ruleID: unused.id, severity: configuration.severity(of: unused), message: message,
            range: entry.range, help: help,
            fix: stale.contains { $0.written == entry.written } ? fix : nil))
      }
    }
    return (kept, suppressedFindings)
  }
}
