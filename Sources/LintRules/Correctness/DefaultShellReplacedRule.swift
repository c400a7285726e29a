import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `ln -sf /bin/bash /bin/sh` in a RUN: every later RUN silently gets another shell, and so
/// does everything in the image that runs `/bin/sh`.
struct DefaultShellReplacedRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4048", name: "default-shell-replaced", severity: .warning,
    summary: "A RUN replaces `/bin/sh` with a link instead of using SHELL.",
    peers: PeerEquivalents(hadolint: ["DL4005"]))

  fileprivate static let message =
    "`ln` replaces `/bin/sh`: every later RUN and every script of the image now runs another shell"

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for (position, script) in file.scripts.enumerated() {
      guard let script, file.instructions[position].kind == .run else { continue }
      for command in script.commands("ln") {
        // Without `-f` the link fails where a shell exists: only a forced link replaces one.
        let operands = command.arguments.filter { !$0.value.hasPrefix("-") }
        guard command.hasOption("--force", short: "f"), operands.count >= 2,
          let target = operands.last,
          ["/bin/sh", "/usr/bin/sh"].contains(target.value)
        else { continue }
        findings.append(
          finding(
            target.range, Self.message,
            help: "set `SHELL [\"/bin/bash\", \"-c\"]` for the RUNs that need another shell"))
      }
    }
  }
}
