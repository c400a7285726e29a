import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `pip install` that leaves downloaded wheels in `~/.cache/pip`.
struct PipCacheKeptRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1006", name: "pip-cache-kept", severity: .warning,
    summary: "`pip install` without `--no-cache-dir` keeps pip's download cache in the layer.",
    peers: PeerEquivalents(hadolint: ["DL3042"]), fix: .safe)

  static let disablingValues: Set<String> = ["1", "true", "on", "yes", "off", "0", "false", "no"]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // A dev container is an editor's workspace that never ships: its size is not at stake.
    guard !file.isDevelopmentContainer else { return }
    for position in file.finalImagePositions {
      guard let script = file.scripts[position], script.isFullyParsed else { continue }
      let instruction = file.instructions[position]
      if instruction.hasCacheMount(covering: "/root/.cache/pip")
        || script.removes("/root/.cache/pip")
      {
        continue
      }
      // pip reads any PIP_NO_CACHE_DIR value as "do not cache", even 0/false (a known quirk).
      if file.variables(before: position)["PIP_NO_CACHE_DIR"] != nil { continue }
      let exported = script.commands("export").contains {
        $0.argumentValues.contains { $0.hasPrefix("PIP_NO_CACHE_DIR=") }
      }
      if exported { continue }
      for command in script.commands {
        // `uv pip install` keeps its own cache (`~/.cache/uv`).
        guard PackageManager.of(command) == .pip, command.program != "uv" else { continue }
        let arguments = command.parsedArguments
        guard arguments.verb == "install", let install = arguments.subcommand,
          !arguments.has("--no-cache-dir"), command.assignment("PIP_NO_CACHE_DIR") == nil
        else { continue }
        let fix = ShellEdits.insert("--no-cache-dir", after: install, of: command, in: file.source)
          .map { Fix(title: "add `--no-cache-dir`", edits: [$0], safety: .safe) }
        findings.append(
          finding(
            install.range,
            "`pip install` keeps every downloaded package in `~/.cache/pip` in this layer, "
              + "often as large as the installed packages themselves",
            help: "add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or use "
              + "`--mount=type=cache,target=/root/.cache/pip`", fix: fix))
      }
    }
  }
}
