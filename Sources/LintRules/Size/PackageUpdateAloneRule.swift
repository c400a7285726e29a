import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `apt-get update` / `apk update` in a RUN that installs nothing.
struct PackageUpdateAloneRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1016", name: "package-update-alone", severity: .warning,
    summary: "A RUN updates the package index without installing anything in the same layer.",
    peers: PeerEquivalents(hadolint: ["DL3009"], trivy: ["DS-0017"], checkov: ["CKV_DOCKER_5"]),
    fix: .safe)

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // A dev container is an editor's workspace that never ships: its size is not at stake.
    guard !file.isDevelopmentContainer else { return }
    for position in file.finalImagePositions {
      guard let script = file.scripts[position], script.isFullyParsed else { continue }
      let commands = script.commands
      for (index, command) in commands.enumerated() {
        guard let manager = Self.indexManagers[command.program], let update = command.subcommand,
          update.value == "update",
          !commands[(index + 1)...].contains(where: Self.mayUseIndex),
          !Self.removesIndex(of: manager, in: script)
        else { continue }
        let alone = commands.allSatisfy {
          Self.indexManagers[$0.program] != nil
            ? $0.subcommand?.value == "update"
            : ["set", "echo", "true"].contains($0.program)
        }
        let stored =
          "(tens of MB for APT); later installs reuse it even when it is stale, "
          + "because the layer is cached"
        findings.append(
          finding(
            update.range,
            alone
              ? "this layer only stores a package index \(stored)"
              : "nothing after this update in the RUN uses the package index it fetches, and the "
                + "layer keeps it \(stored)",
            help:
              "run `\(command.program) update` in the same RUN as the install, and clean up there",
            fix: fix(command, alone: script, at: position, in: file)))
      }
    }
  }

  /// The programs whose `update` fetches an index, and the folder it is kept in.
  static let indexManagers = [
    "apt-get": "/var/lib/apt/lists", "apt": "/var/lib/apt/lists",
    "apk": "/var/cache/apk",
  ]

  /// True when the script deletes the index: after the update nothing stays; before it, the
  /// RUN refreshes the index on purpose so that the image ships a current one.
  static func removesIndex(of folder: String, in script: ShellScript) -> Bool {
    folder == "/var/lib/apt/lists" ? script.removesAptLists : script.removes(folder)
  }

  /// Commands known not to read the package index; anything else after an update may (an
  /// install, an upgrade, a script, `xx-apt-get`), so the update is not reported.
  static let indexFree: Set<String> = [
    "set", "echo", "printf", "true", ":", "export", "cd", "mkdir", "ln", "chmod", "chown",
    "touch", "rm", "cp", "mv", "tee", "cat", "dpkg", "apt-key", "gpg", "curl", "wget",
  ]

  /// Subcommands of the index's own programs that do not read it.
  static let indexFreeVerbs: Set<String> = [
    "purge", "remove", "autoremove", "clean", "autoclean", "distclean", "dist-clean", "del",
    "cache clean",
  ]

  static func mayUseIndex(_ command: ShellCommand) -> Bool {
    if indexManagers[command.program] != nil {
      return !indexFreeVerbs.contains(command.parsedArguments.verb)
    }
    return !indexFree.contains(command.program)
  }

  /// The update moved into the next RUN of the stage when that RUN starts with the install
  /// (`RUN apt-get update` + `RUN apt-get install …` → one RUN), or simply removed when that
  /// RUN updates first itself. Safe: the install sees fresh lists, as it did on the first build.
  func fix(
    _ update: ShellCommand, alone script: ShellScript, at position: Int, in file: AnalyzedDockerfile
  )
    -> Fix?
  {
    guard script.commands.count == 1, let name = update.name,
      ShellEdits.isExact(name, of: update, in: file.source),
      let stage = file.stage(containing: position),
      let next = stage.instructionIndices.first(where: {
        $0 > position && file.instructions[$0].kind == .run
      }),
      let later = file.scripts[next], later.isFullyParsed, let install = later.commands.first,
      install.program == update.program,
      let verb = install.subcommand?.value, verb == "install" || verb == "add",
      let removal = InstructionEdits.delete(file.instructions[position], in: file.source)
    else { return nil }
    let text = file.source.text(update.range)
    guard !text.contains(where: \.isNewline), text.hasPrefix(name.value),
      let insertion = ShellEdits.insert(text + " &&", before: install, in: file.source)
    else { return nil }
    return Fix(
      title: "update in the RUN that installs", edits: [removal, insertion], safety: .safe)
  }
}
