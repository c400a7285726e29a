import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// yum/dnf/microdnf/zypper installs that leave their metadata and package cache behind.
struct RpmCacheKeptRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1009", name: "rpm-cache-kept", severity: .warning,
    summary: "yum/dnf/microdnf/zypper install without cleaning its cache in the same RUN.",
    peers: PeerEquivalents(
      hadolint: ["DL3032", "DL3036", "DL3040"], trivy: ["DS-0015", "DS-0019", "DS-0020", "DS-0027"]),
    fix: .safe)

  static let caches = [
    "yum": "/var/cache/yum", "dnf": "/var/cache/dnf", "dnf5": "/var/cache/libdnf5",
    "microdnf": "/var/cache/yum", "tdnf": "/var/cache/tdnf", "zypper": "/var/cache/zypp",
  ]
  /// Fedora 41 and later run DNF 5 as `dnf`; its cache lives in /var/cache/libdnf5.
  static let alsoCleanedBy = ["dnf": "/var/cache/libdnf5"]

  /// Subcommands that download metadata and packages.
  static let fillingVerbs: Set<String> = [
    "install", "in", "update", "upgrade", "groupinstall", "group install", "groups install",
    "module install", "localinstall", "reinstall",
  ]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // A dev container is an editor's workspace that never ships: its size is not at stake.
    guard !file.isDevelopmentContainer else { return }
    for position in file.finalImagePositions {
      guard let script = file.scripts[position], script.isFullyParsed else { continue }
      let instruction = file.instructions[position]
      for command in script.commands {
        // The program first: most commands are no RPM manager, and their words stay unparsed.
        guard let cache = Self.caches[command.program] else { continue }
        let arguments = command.parsedArguments
        guard let subcommand = arguments.subcommand, Self.fillingVerbs.contains(arguments.verb)
        else { continue }
        let cleaners = command.program == "microdnf" ? ["microdnf", "yum"] : [command.program]
        let cleaned = cleaners.contains { program in
          script.commands(program).contains { $0.parsedArguments.verb == "clean" }
        }
        let other = Self.alsoCleanedBy[command.program]
        if cleaned || script.removes(cache) || instruction.hasCacheMount(covering: cache)
          || other.map({ script.removes($0) || instruction.hasCacheMount(covering: $0) }) == true
        {
          continue
        }
        if command.program == "zypper" && arguments.has("--no-cache") { continue }
        findings.append(
          finding(
            subcommand.range,
            "`\(command.program) \(arguments.verb)` leaves repository metadata (and any downloaded "
              + "packages) in \(cache), often 50–200 MB",
            help:
              "end the same RUN with `&& \(command.program) clean all` (and `rm -rf \(cache)`), or mount a cache there",
            fix: ShellEdits.append(
              command.program == "zypper" ? "zypper clean --all" : "\(command.program) clean all",
              to: position, in: file
            ).map {
              Fix(title: "clean the cache at the end of the RUN", edits: [$0], safety: .safe)
            }
          ))
        break
      }
    }
  }
}
