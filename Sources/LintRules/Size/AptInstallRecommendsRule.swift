import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `apt-get install` that also pulls in recommended packages.
struct AptInstallRecommendsRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1003", name: "apt-install-recommends", severity: .info,
    summary: "`apt-get install` without `--no-install-recommends` installs extra packages.",
    peers: PeerEquivalents(hadolint: ["DL3015"], trivy: ["DS-0029"]), fix: .unsafe)

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    var configured = false
    for position in file.finalImagePositions {
      guard let script = file.scripts[position] else { continue }
      // An APT configuration line written in an earlier layer switches recommends off.
      if script.commands.contains(where: {
        $0.argumentValues.contains { $0.includes("Install-Recommends") }
      }) {
        configured = true
      }
      guard !configured else { continue }
      let removals = AutomaticRemovals(script)
      for (index, command) in script.commands.enumerated() where command.isApt {
        let arguments = command.parsedArguments
        guard let subcommand = arguments.subcommand, subcommand.value == "install",
          !arguments.has("--no-install-recommends"),
          !arguments.values("-o", "--option").contains(where: {
            $0.value.includes("Install-Recommends")
          }),
          !removals.removesEverything(installedBy: command, at: index)
        else { continue }
        // Unsafe: a program may need what it only recommends (curl's libcurl recommends
        // ca-certificates, without which HTTPS fails at run time).
        let fix = ShellEdits.insert(
          "--no-install-recommends", after: subcommand, of: command, in: file.source
        ).map { Fix(title: "add `--no-install-recommends`", edits: [$0], safety: .unsafe) }
        findings.append(
          finding(
            subcommand.range,
            "`\(command.program) install` without `--no-install-recommends` also installs "
              + "recommended packages, often tens to hundreds of MB the program never uses",
            help: "add `--no-install-recommends` and list what you really need", fix: fix))
      }
    }
  }
}

/// The purges and removes of one RUN that take automatically installed packages with them
/// (`apt-get purge --auto-remove …`, or a removal followed by `apt-get autoremove`).
struct AutomaticRemovals {
  /// Per package: positions of such removals naming it, ascending.
  private var byPackage: [String: [Int]] = [:]
  private var removed: [Int: Set<String>] = [:]

  init(_ script: ShellScript) {
    let apt = (script.positions(of: "apt-get") + script.positions(of: "apt")).sorted()
    let lastAutoremove =
      apt.last { script.commands[$0].parsedArguments.verb == "autoremove" } ?? -1
    for position in apt {
      let arguments = script.commands[position].parsedArguments
      guard arguments.verb == "purge" || arguments.verb == "remove",
        arguments.has("--autoremove", "--auto-remove") || lastAutoremove > position
      else { continue }
      let names = Set(arguments.operands.map(\.value))
      removed[position] = names
      for name in names { byPackage[name, default: []].append(position) }
    }
  }

  /// True when one such removal after `position` names every package `install` named: the
  /// recommends leave with them.
  func removesEverything(installedBy install: ShellCommand, at position: Int) -> Bool {
    let installed = install.operands
    guard let first = installed.first, installed.allSatisfy(\.isLiteral),
      let candidates = byPackage[first.value]
    else { return false }
    // Newest first, and only a few: real RUNs have one, and a RUN naming one package thousands
    // of times must not make this quadratic.
    for candidate in candidates.reversed().prefix(16) where candidate > position {
      if installed.allSatisfy({ removed[candidate]?.contains($0.value) == true }) { return true }
    }
    return false
  }
}

extension ShellCommand {
  fileprivate var isApt: Bool { program == "apt-get" || program == "apt" }
}
