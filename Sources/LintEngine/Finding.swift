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
  /// Other places the finding involves (the layer that added what this RUN deletes), for
  /// editors and reports that can point at them; empty for most findings.
  public var related: [RelatedLocation]

  public init(
    ruleID: String, severity: Severity, message: String, range: SourceRange, help: String? = nil,
    fix: Fix? = nil, related: [RelatedLocation] = []
  ) {
    self.ruleID = ruleID
    self.severity = severity
    self.message = message
    self.range = range
    self.help = help
    self.fix = fix
    self.related = related
  }
}

/// A place in the same file that explains a finding, with what happens there.
public struct RelatedLocation: Sendable, Hashable {
  public var range: SourceRange
  /// A short sentence about that place (`the COPY on line 3 added app.tar`).
  public var message: String

  public init(range: SourceRange, message: String) {
    self.range = range
    self.message = message
  }
}
