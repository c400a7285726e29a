import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `apt-get install`, `yum`/`dnf install` or `zypper install` without `-y`: the command asks
/// for confirmation, a build has no terminal to answer it, and the RUN stops.
struct InstallWithoutYesRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4086", name: "install-without-yes", severity: .warning,
    summary: "apt-get, yum, dnf or zypper changes packages without `-y`, so it stops to ask.",
    peers: PeerEquivalents(
      hadolint: ["DL3014", "DL3030", "DL3034", "DL3038"], trivy: ["DS-0021"]), fix: .safe)

  fileprivate static func message(_ program: String, _ verb: String) -> String {
    "`\(program) \(verb)` asks for confirmation before it changes packages, and a build cannot "
      + "answer: the RUN stops unless nothing beyond the named packages changes"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for script in file.scripts {
      guard let script else { continue }
      for command in script.commands {
        guard let verb = command.confirmationPrompt else { continue }
        let fix = ShellEdits.insert("-y", after: verb, of: command, in: file.source)
          .map { Fix(title: "add `-y`", edits: [$0], safety: .safe) }
        findings.append(
          finding(
            verb.range, Self.message(command.program, command.parsedArguments.verb),
            help: "add `-y` (zypper: `-n` before the subcommand also works)", fix: fix))
      }
    }
  }
}
