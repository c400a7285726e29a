import DockerfileSemantics
import DockerfileSyntax

/// How serious a finding is; ordered from least to most severe.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
  case style, info, warning, error

  private var rank: Int {
    switch self {
    case .style: return 0
    case .info: return 1
    case .warning: return 2
    case .error: return 3
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The thousands digit of a rule id.
public enum RuleCategory: Int, Sendable, CaseIterable {
  case syntax = 0
  case imageSize = 1
  case buildCache = 2
  case security = 3
  case correctness = 4
  case maintainability = 5

  public var title: String {
    switch self {
    case .syntax: return "syntax"
    case .imageSize: return "image size"
    case .buildCache: return "build cache and speed"
    case .security: return "security"
    case .correctness: return "correctness"
    case .maintainability: return "maintainability and style"
    }
  }
}

/// The ids another linter gives the same problem, so its suppressions, configuration and
/// reports map onto ballast's rules.
public struct PeerEquivalents: Sendable, Hashable {
  /// hadolint rule ids (`DL3009`) and ShellCheck codes it reports (`SC2086`).
  public var hadolint: [String]
  /// BuildKit check names (`JSONArgsRecommended`), as `docker build --check` prints them.
  public var buildkit: [String]
  /// Trivy misconfiguration ids (`DS-0002`, also known by their `AVD-DS-0002` form).
  public var trivy: [String]
  /// Checkov check ids (`CKV_DOCKER_3`, `CKV2_DOCKER_1`).
  public var checkov: [String]

  public init(
    hadolint: [String] = [], buildkit: [String] = [], trivy: [String] = [],
    checkov: [String] = []
  ) {
    self.hadolint = hadolint
    self.buildkit = buildkit
    self.trivy = trivy
    self.checkov = checkov
  }

  /// The peers in the order pages, `rules --format json` and SARIF list them.
  public enum Peer: String, Sendable, CaseIterable {
    case hadolint, buildkit, trivy, checkov

    /// How the peer is spelled in prose (`BuildKit`).
    public var title: String {
      switch self {
      case .hadolint: return "hadolint"
      case .buildkit: return "BuildKit"
      case .trivy: return "Trivy"
      case .checkov: return "Checkov"
      }
    }
  }

  public subscript(peer: Peer) -> [String] {
    switch peer {
    case .hadolint: return hadolint
    case .buildkit: return buildkit
    case .trivy: return trivy
    case .checkov: return checkov
    }
  }

  public var isEmpty: Bool { Peer.allCases.allSatisfy { self[$0].isEmpty } }
}

/// Everything known about a rule without running it.
public struct RuleDescriptor: Sendable, Hashable {
  /// `BL` and four digits; the thousands digit is the category.
  public var id: String
  /// Kebab-case name of the problem (`add-instead-of-copy`).
  public var name: String
  public var defaultSeverity: Severity
  /// One line: what the rule finds.
  public var summary: String
  /// What other linters call this problem.
  public var peers: PeerEquivalents
  public var isEnabledByDefault: Bool
  /// The safety of the fixes the rule attaches to its findings (`fix: safe|unsafe` on its
  /// page); nil when it offers none. A rule declared `.unsafe` may also offer safe fixes.
  public var fixSafety: Fix.Safety?

  public init(
    id: String, name: String, severity: Severity, summary: String,
    peers: PeerEquivalents = PeerEquivalents(), enabledByDefault: Bool = true,
    fix: Fix.Safety? = nil
  ) {
    self.id = id
    self.name = name
    self.defaultSeverity = severity
    self.summary = summary
    self.peers = peers
    self.isEnabledByDefault = enabledByDefault
    self.fixSafety = fix
  }

  /// hadolint rules this one replaces, so `# hadolint ignore=` keeps working.
  public var hadolintIDs: [String] { peers.hadolint }

  public var category: RuleCategory {
    let digit = id.dropFirst(2).first.flatMap { Int(String($0)) } ?? 0
    return RuleCategory(rawValue: digit) ?? .syntax
  }
}

/// A check over an analysed Dockerfile. Rules are small value types; they read only the model.
public protocol Rule: Sendable {
  static var descriptor: RuleDescriptor { get }
  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding])
}

extension Rule {
  public var descriptor: RuleDescriptor { Self.descriptor }

  /// A finding of this rule at its default severity (the configuration may change it).
  public func finding(
    _ range: SourceRange, _ message: String, help: String? = nil, fix: Fix? = nil
  ) -> Finding {
    Finding(
      ruleID: Self.descriptor.id, severity: Self.descriptor.defaultSeverity, message: message,
      range: range, help: help, fix: fix)
  }
}

/// A rule that looks at one instruction at a time.
public protocol InstructionRule: Rule {
  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
}

extension InstructionRule {
  public func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for (position, instruction) in file.instructions.enumerated() {
      findings += check(instruction, at: position, in: file)
    }
  }
}
