/// What to run and how to judge it, merged from the config file and the command line.
public struct Configuration: Sendable, Equatable {
  /// Rule ids switched off.
  public var ignored: Set<String> = []
  /// When set, only these rule ids run.
  public var selected: Set<String>?
  /// Rule id → enabled, for rules off by default or switched per rule.
  public var enabled: [String: Bool] = [:]
  public var severities: [String: Severity] = [:]
  /// Findings at or above this make the exit status 1; nil means never.
  public var failureThreshold: Severity? = .info
  /// Registries whose images rules may treat as vetted (`ghcr.io/acme`).
  public var trustedRegistries: [String] = []

  public init() {}

  public func isEnabled(_ descriptor: RuleDescriptor) -> Bool {
    if ignored.contains(descriptor.id) { return false }
    if let selected { return selected.contains(descriptor.id) }
    return enabled[descriptor.id] ?? descriptor.isEnabledByDefault
  }

  public func severity(of descriptor: RuleDescriptor) -> Severity {
    severities[descriptor.id] ?? descriptor.defaultSeverity
  }
}
