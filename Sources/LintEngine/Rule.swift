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

/// How code scanning ranks a security rule's findings beside other security alerts.
public struct SecurityClassification: Sendable, Hashable {
  /// The weakness the problem is an instance of: 798 for CWE-798.
  public var cwe: Int
  /// GitHub's `security-severity` scale: 9.0 and up critical, 7.0–8.9 high, 4.0–6.9 medium,
  /// 0.1–3.9 low.
  public var score: Double

  public init(cwe: Int, score: Double) {
    self.cwe = cwe
    self.score = score
  }

  /// `CWE-798`.
  public var cweID: String { "CWE-\(cwe)" }

  /// The level GitHub shows for `score`.
  public var level: String {
    switch score {
    case 9...: return "critical"
    case 7..<9: return "high"
    case 4..<7: return "medium"
    default: return "low"
    }
  }
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
  /// The CWE and code-scanning score of a security rule (category 3 rules must have one).
  public var security: SecurityClassification?
  /// What kind of text the findings mark, for editors that render it (faded, struck out).
  public var tags: Set<FindingTag>

  public init(
    id: String, name: String, severity: Severity, summary: String,
    peers: PeerEquivalents = PeerEquivalents(), enabledByDefault: Bool = true,
    fix: Fix.Safety? = nil, security: SecurityClassification? = nil, tags: Set<FindingTag> = []
  ) {
    self.id = id
    self.name = name
    self.defaultSeverity = severity
    self.summary = summary
    self.peers = peers
    self.isEnabledByDefault = enabledByDefault
    self.fixSafety = fix
    self.security = security
    self.tags = tags
  }

  /// The rule's page, as reports and editors link it.
  public var documentationURL: String {
    ShellCheckCodes.isCode(id) ? ShellCheckCodes.wikiURL(id) : Self.documentationBase + id + ".md"
  }

  /// Where the rule pages are published.
  public static let documentationBase = "https://github.com/ballast-lint/ballast/blob/main/Rules/"

  /// hadolint rules this one replaces, so `# hadolint ignore=` keeps working.
  public var hadolintIDs: [String] { peers.hadolint }

  public var category: RuleCategory {
    // ShellCheck's codes are about what the commands do, whatever their digits.
    if ShellCheckCodes.isCode(id) { return .correctness }
    let digit = id.dropFirst(2).first.flatMap { Int(String($0)) } ?? 0
    return RuleCategory(rawValue: digit) ?? .syntax
  }
}

/// What the text a finding marks is, beyond being a problem (LSP's `DiagnosticTag`).
public enum FindingTag: String, Sendable, Hashable, CaseIterable {
  /// Text that does nothing (a stale suppression, a directive BuildKit does not read):
  /// editors fade it.
  case unnecessary
  /// Syntax Docker deprecated (`MAINTAINER`): editors strike it through.
  case deprecated
}

/// A check over an analysed Dockerfile. Rules are small value types; they read only the model.
public protocol Rule: Sendable {
  static var descriptor: RuleDescriptor { get }
  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding])
  /// This rule with a file's configuration applied; nil when it reads none. A requirement
  /// rather than `as? any ConfigurableRule`: the first such cast of each type searches every
  /// protocol conformance of the binary, about 20 M instructions for the built-in rules at
  /// every start, which a one-file run (a pre-commit hook) paid four times over its linting.
  func configuredRule(by configuration: Configuration) -> (any Rule)?
}

extension Rule {
  public func configuredRule(by configuration: Configuration) -> (any Rule)? { nil }
}

extension Rule {
  public var descriptor: RuleDescriptor { Self.descriptor }

  /// A finding of this rule at its default severity (the configuration may change it).
  public func finding(
    _ range: SourceRange, _ message: String, help: String? = nil, fix: Fix? = nil,
    related: [RelatedLocation] = []
  ) -> Finding {
    Finding(
      ruleID: Self.descriptor.id, severity: Self.descriptor.defaultSeverity, message: message,
      range: range, help: help, fix: fix, related: related)
  }
}

/// A rule that looks at one instruction at a time.
public protocol InstructionRule: Rule {
  func check(_ instruction: Instruction, at position: Int, in file: AnalyzedDockerfile)
    -> [Finding]
}

extension InstructionRule {
  public func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // Through the buffer: each instruction is lent to the rule, not copied (a copy retains
    // every array and string it holds, for every rule of this kind and every instruction).
    file.instructions.withUnsafeBufferPointer { instructions in
      for position in instructions.indices {
        let found = check(instructions[position], at: position, in: file)
        if !found.isEmpty { findings += found }
      }
    }
  }
}

/// A rule that reads project settings from the configuration (`trustedRegistries`,
/// `labelSchema`): the linter hands each file's configuration to it before it runs, so the
/// rule still reads nothing but its own stored values.
public protocol ConfigurableRule: Rule {
  func configured(by configuration: Configuration) -> Self
}

extension ConfigurableRule {
  public func configuredRule(by configuration: Configuration) -> (any Rule)? {
    configured(by: configuration)
  }
}
