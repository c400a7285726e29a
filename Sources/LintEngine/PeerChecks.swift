/// The checks other linters have, whether or not ballast has a rule for them, so that an id a
/// user brings from hadolint or BuildKit is told apart from a typo: a known check without a
/// ballast rule is a warning that names it, an unknown word an error with the closest name.
public enum PeerChecks {
  /// hadolint 2.15.1's DL rules and their default severities (nil: off unless configured).
  /// DL1000 is its parse error: the file is not read at all.
  public static let hadolint: [(id: String, severity: Severity?)] = [
    ("DL1000", .error), ("DL1001", nil), ("DL3000", .error), ("DL3001", .info),
    ("DL3002", .warning),
    ("DL3003", .warning), ("DL3004", .error), ("DL3006", .warning), ("DL3007", .warning),
    ("DL3008", .warning), ("DL3009", .info), ("DL3010", .info), ("DL3011", .error),
    ("DL3012", .error), ("DL3013", .warning), ("DL3014", .warning), ("DL3015", .info),
    ("DL3016", .warning), ("DL3018", .warning), ("DL3019", .info), ("DL3020", .error),
    ("DL3021", .error), ("DL3022", .warning), ("DL3023", .error), ("DL3024", .error),
    ("DL3025", .warning), ("DL3026", .error), ("DL3027", .warning), ("DL3028", .warning),
    ("DL3029", .warning), ("DL3030", .warning), ("DL3032", .warning), ("DL3033", .warning),
    ("DL3034", .warning), ("DL3035", .warning), ("DL3036", .warning), ("DL3037", .warning),
    ("DL3038", .warning), ("DL3040", .warning), ("DL3041", .warning), ("DL3042", .warning),
    ("DL3043", .error), ("DL3044", .error), ("DL3045", .warning), ("DL3046", .warning),
    ("DL3047", .info), ("DL3048", .style), ("DL3049", .info), ("DL3050", .info),
    ("DL3051", .warning), ("DL3052", .warning), ("DL3053", .warning), ("DL3054", .warning),
    ("DL3055", .warning), ("DL3056", .warning), ("DL3057", nil), ("DL3058", .warning),
    ("DL3059", .info), ("DL3060", .info), ("DL3061", .error), ("DL3062", .warning),
    ("DL3063", .warning), ("DL3064", .warning), ("DL3065", .warning), ("DL3066", .info),
    ("DL3067", .warning), ("DL4000", .error), ("DL4001", .warning), ("DL4003", .warning),
    ("DL4004", .error), ("DL4005", .warning), ("DL4006", .warning),
  ]

  /// BuildKit's build checks (Dockerfile frontend 1.x), as `docker build --check` names them.
  public static let buildkit = [
    "ConsistentInstructionCasing", "CopyIgnoredFile", "DuplicateStageName",
    "ExposeInvalidFormat", "ExposeProtoCasing", "FromAsCasing",
    "FromPlatformFlagConstDisallowed", "InvalidBaseImagePlatform", "InvalidDefaultArgInFrom",
    "InvalidDefinitionDescription", "JSONArgsRecommended", "LegacyKeyValueFormat",
    "MaintainerDeprecated", "MultipleInstructionsDisallowed", "NoEmptyContinuation",
    "RedundantTargetPlatform", "ReservedStageName", "SecretsUsedInArgOrEnv",
    "StageNameCasing", "UndefinedArgInFrom", "UndefinedVar", "WorkdirRelativePath",
  ]

  /// hadolint's default severity for one of its DL ids; nil when the id is unknown or the
  /// rule is off by default.
  public static func hadolintSeverity(_ id: String) -> Severity? {
    let key = id.uppercased()
    return hadolint.first { $0.id == key }?.severity ?? nil
  }

  /// The peer whose check `id` is, spelled as that peer spells it, when it is one ballast
  /// knows of (ShellCheck codes, `SC` and four digits, count as hadolint's: it reports them).
  public static func known(_ id: String) -> (peer: PeerEquivalents.Peer, spelled: String)? {
    let key = id.uppercased()
    if let found = hadolint.first(where: { $0.id == key }) { return (.hadolint, found.id) }
    if key.count == 6, key.hasPrefix("SC"), key.dropFirst(2).allSatisfy(\.isNumber) {
      return (.hadolint, key)
    }
    if let found = buildkit.first(where: { $0.uppercased() == key }) { return (.buildkit, found) }
    return nil
  }
}

/// Named sets of rules for `--select` (`--select hadolint`).
public enum RuleGroup: String, Sendable, CaseIterable {
  /// Every rule, those off by default too.
  case all
  /// Every rule with an equivalent among hadolint's rules on by default (or its ShellCheck
  /// codes), at hadolint's default severity.
  case hadolint
  /// Every rule with a BuildKit check equivalent.
  case buildkit
  /// The security category (BL3xxx).
  case security
  /// The image size category (BL1xxx).
  case size

  public func rules(in catalog: RuleCatalog) -> [RuleDescriptor] {
    catalog.descriptors.filter { descriptor in
      switch self {
      case .all: return true
      case .hadolint: return Self.hadolintSeverity(of: descriptor) != nil
      case .buildkit: return !descriptor.peers.buildkit.isEmpty
      case .security: return descriptor.category == .security
      case .size: return descriptor.category == .imageSize
      }
    }
  }

  /// The severity hadolint reports a rule's problem at: the highest default severity among
  /// its DL equivalents that hadolint runs by default; ballast's own severity for a rule that
  /// only has ShellCheck equivalents; nil when hadolint does not report it by default.
  public static func hadolintSeverity(of descriptor: RuleDescriptor) -> Severity? {
    var found: Severity?
    var shellCheck = false
    for id in descriptor.peers.hadolint {
      if id.uppercased().hasPrefix("SC") {
        shellCheck = true
      } else if let severity = PeerChecks.hadolintSeverity(id) {
        found = max(found ?? severity, severity)
      }
    }
    return found ?? (shellCheck ? descriptor.defaultSeverity : nil)
  }
}

/// What a word naming rules (in an option, a configuration file) stands for.
public enum RuleReference: Equatable, Sendable {
  /// One or more rules: a ballast id or name, a peer's id, an id prefix or a group.
  case rules([RuleDescriptor])
  /// A peer's check that no ballast rule covers.
  case unmapped(peer: PeerEquivalents.Peer, id: String)
  /// Nothing ballast knows.
  case unknown

  /// "hadolint's DL3026 has no ballast equivalent", for warnings.
  public static func unmappedMessage(peer: PeerEquivalents.Peer, id: String) -> String {
    "\(peer.title)'s \(id) has no ballast equivalent"
  }
}

extension RuleCatalog {
  /// Resolves a word where rules are named: a ballast id or name, any peer's id (all the rules
  /// it maps to), and with `selecting` also an id prefix (`BL1`) or a `RuleGroup` name.
  public func reference(_ key: String, selecting: Bool = false) -> RuleReference {
    if let rule = rule(key) { return .rules([rule]) }
    if selecting {
      if let group = RuleGroup(rawValue: key.lowercased()) { return .rules(group.rules(in: self)) }
      let prefixed = rules(matching: key)
      if !prefixed.isEmpty { return .rules(prefixed) }
    }
    var found: [RuleDescriptor] = []
    for (_, rules) in rules(forAnyPeerID: key) {
      for rule in rules where !found.contains(rule) { found.append(rule) }
    }
    if !found.isEmpty { return .rules(found.sorted { $0.id < $1.id }) }
    if let known = PeerChecks.known(key) { return .unmapped(peer: known.peer, id: known.spelled) }
    return .unknown
  }
}
