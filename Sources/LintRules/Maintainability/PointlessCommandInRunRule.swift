import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// Commands that do nothing useful in a RUN: a build has no terminal, no init system and no
/// lasting processes. Editors and `top` wait for a terminal, `shutdown` has nothing to stop,
/// a service started as the RUN's last command dies with it, and `ps`, `free`, `ifconfig`
/// and a bare `mount` only print.
struct PointlessCommandInRunRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL5079", name: "pointless-command-in-run", severity: .info,
    summary: "A RUN runs an interactive or system command that has no effect in a build.",
    peers: PeerEquivalents(hadolint: ["DL3001"]))

  static let powerCommands: Set<String> = ["shutdown", "reboot", "halt", "poweroff"]
  static let editors: Set<String> = ["vim", "vi", "nano", "emacs"]
  static let reports: Set<String> = ["ps", "free", "ifconfig", "top"]

  fileprivate static func reason(_ command: ShellCommand, isLast: Bool) -> String? {
    let program = command.program
    let words = command.argumentValues
    if powerCommands.contains(program) {
      return "`\(program)` has nothing to stop in a build container"
    }
    if editors.contains(program) {
      // Batch use (`vim -es`, `vim +PlugInstall +qall`, `emacs --batch`) is fine.
      let batch = words.contains {
        $0.hasPrefix("+")
          || ["-c", "-s", "-e", "-es", "-Es", "-E", "--cmd", "--batch"]
            .contains($0)
      }
      return batch ? nil : "`\(program)` waits for a terminal that a build does not have"
    }
    if program == "top" && !words.contains(where: { $0.hasPrefix("-b") || $0 == "-n" }) {
      return "`top` waits for a terminal that a build does not have"
    }
    if reports.contains(program) && program != "top" && command.redirections.isEmpty {
      return "`\(program)` only prints what the build container is running"
    }
    // `mount` with no operand lists the mounts; with one it needs privileges a build lacks,
    // which the build's own error reports.
    if program == "mount" && words.isEmpty && command.redirections.isEmpty {
      return "`mount` only prints what the build container has mounted"
    }
    if isLast, program == "service" || program == "systemctl" {
      let verbs = program == "service" ? Array(words.dropFirst().prefix(1)) : Array(words.prefix(1))
      if let verb = verbs.first, ["start", "restart", "reload"].contains(verb) {
        return "a service started by `\(program) \(words.joined(separator: " "))` stops when "
          + "this RUN ends, before any later instruction could use it"
      }
    }
    return nil
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for script in file.scripts {
      guard let script, script.isFullyParsed else { continue }
      let commands = script.commands
      let lastTop = commands.lastIndex { $0.nesting == 0 }
      for (index, command) in commands.enumerated() {
        guard command.depth == 0, let name = command.name, name.isLiteral else { continue }
        // Output that is read (`ps aux | grep x`) or a status that is tested is used.
        let next = commands.dropFirst(index + 1).first { $0.nesting <= command.nesting }
        if command.separator == "|" || next?.separator == "|" || next?.separator == "||" {
          continue
        }
        guard let reason = Self.reason(command, isLast: index == lastTop) else { continue }
        findings.append(finding(name.range, reason, help: "remove it from the RUN"))
      }
    }
  }
}
