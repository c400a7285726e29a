import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A RUN (or the final image's ENTRYPOINT/CMD) runs a command through `sudo`, also inside
/// `sh -c '…'`, after `env`/`xargs` and in heredocs.
struct SudoInRunRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3026", name: "sudo-in-run", severity: .warning,
    summary: "A RUN or the startup command runs a command through `sudo`.",
    peers: PeerEquivalents(hadolint: ["DL3004"], trivy: ["DS-0010"], checkov: ["CKV2_DOCKER_1"]),
    security: SecurityClassification(cwe: 250, score: 5.5))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for position in file.instructions.indices {
      guard let script = file.scripts[position] else { continue }
      for (word, target) in Self.sudoWords(in: script.commands) {
        findings.append(
          finding(
            word.range,
            "`sudo` in a RUN: " + Self.consequence(at: position, target: target, in: file),
            help: "drop `sudo`: put `USER root` before the steps that need root and switch "
              + "back with `USER <name>` after them; to run a step as another user from root, "
              + "use `USER`, `runuser -u <name> --` or `gosu <name>`"))
      }
    }
    for (word, _) in Self.sudoWords(in: file.startupCommands) {
      findings.append(
        finding(
          word.range,
          "`sudo` in the startup command: it works only when the container's user may become "
            + "root without a password, which then any process in the container can do too",
          help: "start the container as the user it needs (`USER`), or start as root and step "
            + "down with `gosu`, `su-exec` or `setpriv` in the entrypoint"))
    }
  }

  /// The `sudo` words running commands, each once (the commands of `sudo sh -c '…'` inherit
  /// the same `sudo`), with the user each runs as (`-u`, root when not given). `sudo -l`,
  /// `sudo -v` and a bare `sudo` count too.
  static func sudoWords(in commands: [ShellCommand]) -> [(word: ShellWord, target: String)] {
    var seen: Set<Int> = []
    var found: [(word: ShellWord, target: String)] = []
    for command in commands {
      for call in command.sudoCalls where seen.insert(call.name.range.start).inserted {
        found.append((call.name, call.sudoUser ?? "root"))
      }
    }
    return found
  }

  /// What `sudo` means for the user the RUN runs as (the last USER of its stage's chain, or
  /// the base image's default user) and the user it switches to.
  static func consequence(at position: Int, target: String, in file: AnalyzedDockerfile)
    -> String
  {
    let toRoot = ImageUserKnowledge.isAdministrator(target)
    let becoming = toRoot ? "root" : "`\(target)`"
    let fromRoot =
      toRoot
      ? "`sudo` is not needed and only makes the step depend on the sudo package"
      : "`USER \(target)` or `runuser -u \(target) --` switch user without the sudo package"
    let everywhere =
      "as root, \(fromRoot); as another user, `sudo` works only when that user may become "
      + "\(becoming) without a password, which then any process running as that user can do too"
    guard let stage = file.stage(containing: position) else { return everywhere }
    let users = stage.chain(in: file.stages).flatMap { Array($0.instructionIndices) }
      .filter { $0 < position && file.instructions[$0].kind == .user }
    guard let last = users.max() else {
      // An entrypoint that steps down (`.dropsPrivileges`) does so at run time, not in RUN.
      guard let base = stage.rootImage(in: file.stages) else { return everywhere }
      switch ImageUserKnowledge.defaultUser(of: base) {
      case .root, .dropsPrivileges:
        return "the RUN runs as root, the default user of `\(base.text)`, so \(fromRoot)"
      case .nonRoot(let user):
        return "the RUN runs as `\(user)`, the default user of `\(base.text)`; `sudo` works "
          + "only when `\(user)` may become \(becoming) without a password, which then any "
          + "process running as `\(user)` can do too"
      case .unknown:
        return "the RUN runs as the base image's user (root unless `\(base.text)` sets "
          + "another); " + everywhere
      }
    }
    guard case .text(let word) = file.instructions[last].arguments,
      let user = file.expand(word.text, before: last)
    else { return everywhere }
    let name = user.split(separator: ":").first.map(String.init) ?? user
    let line = file.instructions[last].startLine
    if ImageUserKnowledge.isAdministrator(name) {
      return "the RUN already runs as root (`USER \(word.text)`, line \(line)), so \(fromRoot)"
    }
    return "the RUN runs as `\(name)` (`USER \(word.text)`, line \(line)); `sudo` works only when "
      + "`\(name)` may become \(becoming) without a password, which then any process running "
      + "as `\(name)` can do too"
  }
}
