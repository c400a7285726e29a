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
  /// Labels every image must carry, each with the format its value must have (hadolint's
  /// `label-schema`); empty means the label rules have nothing to check.
  public var labelSchema: [String: LabelFormat] = [:]
  /// Labels outside ``labelSchema`` are reported (hadolint's `strict-labels`).
  public var strictLabels = false
  /// Whether and how ShellCheck runs on RUN scripts (off unless asked for).
  public var shellCheck = ShellCheckSettings()
  /// Whether suppression comments in Dockerfiles are read (`# ballast ignore=…` and peers');
  /// false for teams that forbid them (hadolint's `disable-ignore-pragma`).
  public var inlineSuppressions = true
  /// The stage built as the image (`--target`, as `docker build --target`); nil: the last.
  public var targetStage: String?

  public init() {}

  public func isEnabled(_ descriptor: RuleDescriptor) -> Bool {
    if ShellCheckCodes.isCode(descriptor.id) {
      guard shellCheck.enabled, !shellCheck.exclude.contains(descriptor.id) else { return false }
    }
    if ignored.contains(descriptor.id) { return false }
    if let selected { return selected.contains(descriptor.id) }
    return enabled[descriptor.id] ?? descriptor.isEnabledByDefault
  }

  public func severity(of descriptor: RuleDescriptor) -> Severity {
    severities[descriptor.id] ?? descriptor.defaultSeverity
  }

  /// The severity of a ShellCheck finding ShellCheck rated `level`: a per-code setting
  /// (`rules.SC2086.severity`, `--severity-override`, `shellcheck.severity.SC2086`) first,
  /// then the level mapping (`shellcheck.severity.style`), then the level itself.
  public func shellCheckSeverity(_ id: String, level: Severity) -> Severity {
    severities[id] ?? shellCheck.levelSeverities[level] ?? level
  }
}

/// `"shellcheck": {"enabled", "path", "exclude", "severity"}` in `.ballast.json`, and
/// `--shellcheck` on the command line.
public struct ShellCheckSettings: Sendable, Equatable {
  /// Off by default: ShellCheck is another program, which ballast never needs.
  public var enabled = false
  /// The executable to run; nil to look for `shellcheck` on `PATH`.
  public var path: String?
  /// Codes never reported (`SC2086`), besides those ballast always excludes.
  public var exclude: Set<String> = []
  /// ShellCheck's levels (`error`, `warning`, `info`, `style`, which ballast's severities
  /// share) mapped to the severity to report.
  public var levelSeverities: [Severity: Severity] = [:]

  public init() {}
}

/// The value formats a label schema can require, as hadolint names them.
public enum LabelFormat: String, Sendable, CaseIterable, Equatable {
  /// Any value that is not empty.
  case text
  /// An absolute URI (`https://example.com/repo`).
  case url
  /// A semantic version (`1.2.3`, `2.0.0-rc.1+build.5`).
  case semver
  /// A git commit hash: 7 or 40 lower-case hexadecimal digits.
  case hash
  /// An RFC 3339 timestamp (`2024-05-01T12:00:00Z`).
  case rfc3339
  /// An SPDX license identifier or expression (`MIT`, `Apache-2.0 OR MIT`).
  case spdx
  /// An e-mail address (`team@example.com`).
  case email
}
