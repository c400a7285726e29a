import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `apt-get install` that also pulls in recommended packages.
struct AptInstallRecommendsRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1003", name: "apt-install-recommends", severity: .info,
    summary: "`apt-get install` without `--no-install-recommends` installs extra packages.",
    hadolintIDs: ["DL3015"])

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
      for (index, command) in script.commands.enumerated() where command.isApt {
        guard let subcommand = command.subcommand, subcommand.value == "install",
          !command.hasOption("--no-install-recommends"),
          !command.argumentValues.contains(where: { $0.includes("Install-Recommends") }),
          !Self.purgedWithDependencies(command, after: index, in: script)
        else { continue }
        findings.append(
          finding(
            subcommand.range,
            "`\(command.program) install` without `--no-install-recommends` also installs "
              + "recommended packages, often tens to hundreds of MB the program never uses",
            help: "add `--no-install-recommends` and list what you really need"))
      }
    }
  }

  /// True when a later command of the same RUN purges every package `install` named together
  /// with what came in automatically (`apt-get purge -y --auto-remove curl`, or a purge followed
  /// by `apt-get autoremove`): the recommends leave with them.
  static func purgedWithDependencies(
    _ install: ShellCommand, after index: Int, in script: ShellScript
  ) -> Bool {
    let installed = install.operands
    guard !installed.isEmpty, installed.allSatisfy(\.isLiteral) else { return false }
    let later = script.commands[(index + 1)...]
    return later.enumerated().contains { offset, command in
      guard command.isApt, let subcommand = command.subcommand?.value,
        subcommand == "purge" || subcommand == "remove"
      else { return false }
      let removed = Set(command.operands.map(\.value))
      guard installed.allSatisfy({ removed.contains($0.value) }) else { return false }
      return command.hasOption("--autoremove", "--auto-remove")
        || later.dropFirst(offset + 1).contains { $0.isApt && $0.subcommand?.value == "autoremove" }
    }
  }
}

extension ShellCommand {
  fileprivate var isApt: Bool { program == "apt-get" || program == "apt" }
}
