import DockerfileSyntax

/// One problem a rule found, anchored to the narrowest meaningful range.
public struct Finding: Sendable, Hashable {
  public var ruleID: String
  public var severity: Severity
  public var message: String
  public var range: SourceRange
  /// What to do about it, shown as `help:` in text output.
  public var help: String?
  public var fix: Fix?

  public init(
    ruleID: String, severity: Severity, message: String, range: SourceRange, help: String? = nil,
    fix: Fix? = nil
  ) {
    self.ruleID = ruleID
    self.severity = severity
    self.message = message
    self.range = range
    self.help = help
    self.fix = fix
  }
}
