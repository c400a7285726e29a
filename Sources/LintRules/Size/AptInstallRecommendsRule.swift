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
      for command in script.commands where command.program == "apt-get" || command.program == "apt"
      {
        guard let subcommand = command.subcommand, subcommand.value == "install",
          !command.hasOption("--no-install-recommends"),
          !command.argumentValues.contains(where: { $0.includes("Install-Recommends") })
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
}
