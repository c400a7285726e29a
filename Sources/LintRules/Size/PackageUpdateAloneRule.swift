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
      guard !script.installsPackages else { continue }
      let otherWork = script.commands.contains { command in
        !["apt-get", "apt", "apk", "set", "echo", "true"].contains(command.program)
      }
      guard !otherWork else { continue }
      for command in script.commands where ["apt-get", "apt", "apk"].contains(command.program) {
        guard let update = command.subcommand, update.value == "update" else { continue }
        findings.append(
          finding(
            update.range,
            "this layer only stores a package index (tens of MB for APT); later installs reuse it "
              + "even when it is stale, because the layer is cached",
            help:
              "run `\(command.program) update` in the same RUN as the install, and clean up there",
            fix: fix(command, alone: script, at: position, in: file)))
      }
    }
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
