import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `apt` in a RUN: its command line is meant for people and may change between releases (it
/// warns "apt does not have a stable CLI interface" when not on a terminal).
struct AptInsteadOfAptGetRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL5078", name: "apt-instead-of-apt-get", severity: .warning,
    summary: "A RUN uses `apt`, whose interface is not stable for scripts; use `apt-get`.",
    peers: PeerEquivalents(hadolint: ["DL3027"], checkov: ["CKV_DOCKER_9"]), fix: .safe)

  /// Subcommands `apt-get` runs exactly as `apt` does. `apt upgrade` may install new
  /// packages where `apt-get upgrade` does not, and `list`, `search`, `show` are apt-cache's.
  static let sameInAptGet: Set<String> = [
    "install", "reinstall", "remove", "purge", "update", "autoremove", "autopurge", "clean",
    "autoclean", "build-dep", "source", "download", "changelog", "dist-upgrade", "satisfy",
  ]

  fileprivate static let message =
    "`apt` is meant for terminals: its output and options may change between releases, and "
    + "it warns that it has no stable interface for scripts"

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for script in file.scripts {
      guard let script else { continue }
      for command in script.commands("apt") {
        guard let name = command.name else { continue }
        let verb = command.parsedArguments.verb
        var fix: Fix?
        if Self.sameInAptGet.contains(verb), name.value == "apt",
          ShellEdits.isExact(name, of: command, in: file.source)
        {
          fix = Fix(
            title: "use `apt-get`", edits: [Fix.Edit(range: name.range, replacement: "apt-get")],
            safety: .safe)
        }
        let help =
          ["list", "search", "show", "policy", "showsrc", "depends", "rdepends"].contains(verb)
          ? "use `apt-cache \(verb)`" : "use `apt-get`, which takes the same options"
        findings.append(finding(name.range, Self.message, help: help, fix: fix))
      }
    }
  }
}
