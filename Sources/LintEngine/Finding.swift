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

/// Text edits that resolve a finding; applied only by an explicit fix mode.
public struct Fix: Sendable, Hashable {
  public enum Safety: String, Sendable {
    /// Keeps the build's meaning.
    case safe
    /// Changes behaviour in ways the user must review.
    case unsafe
  }

  public struct Edit: Sendable, Hashable {
    public var range: SourceRange
    public var replacement: String

    public init(range: SourceRange, replacement: String) {
      self.range = range
      self.replacement = replacement
    }
  }

  public var title: String
  public var edits: [Edit]
  public var safety: Safety

  public init(title: String, edits: [Edit], safety: Safety) {
    self.title = title
    self.edits = edits
    self.safety = safety
  }
}
