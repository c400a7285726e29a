import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// ENTRYPOINT or CMD of the final image starts an SSH daemon.
struct SSHServerStartedRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3023", name: "ssh-server-started", severity: .warning,
    summary: "The final image starts an SSH server when the container starts.",
    security: SecurityClassification(cwe: 668, score: 5.0))

  /// SSH daemons, by program name.
  static let daemons: Set<String> = ["sshd", "dropbear"]
  /// Service names that `service NAME start` and init scripts give the SSH daemon.
  static let services: Set<String> = ["ssh", "sshd", "dropbear"]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for command in file.startupCommands {
      guard let word = sshWord(command) else { continue }
      findings.append(
        finding(
          word.range,
          "the container starts an SSH server (`\(word.value)`): a second way in, with its own "
            + "host keys, accounts and passwords baked into the image",
          help: "use `docker exec` or `kubectl exec` for a shell in the container; if the "
            + "image is an SSH or SFTP service on purpose, suppress this finding"))
    }
  }

  /// `sshd -D`, `/usr/sbin/sshd`, `service ssh start`, `/etc/init.d/ssh start`,
  /// `rc-service sshd start`, `systemctl start sshd`.
  private func sshWord(_ command: ShellCommand) -> ShellWord? {
    if Self.daemons.contains(command.program) { return command.name }
    let arguments = command.arguments.filter { !$0.value.hasPrefix("-") }
    switch command.program {
    case "service", "rc-service", "systemctl":
      let start = command.program == "systemctl" ? 0 : 1
      guard arguments.count >= 2 else { return nil }
      let name = arguments[command.program == "systemctl" ? 1 : 0]
      let verb = arguments[start].value
      guard Self.services.contains(name.value), verb == "start" || verb == "restart" else {
        return nil
      }
      return name
    default:
      // `/etc/init.d/ssh start`
      guard let name = command.name, name.value.hasPrefix("/etc/init.d/"),
        Self.services.contains(command.program),
        arguments.first.map({ $0.value == "start" || $0.value == "restart" }) == true
      else { return nil }
      return name
    }
  }
}
