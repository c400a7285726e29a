import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// GNU wget without `--progress`, `-q` or `-nv`: with no terminal it prints a dot for every
/// kilobyte, so a 100 MB download writes about 2,000 lines into the build log.
struct WgetProgressLoggedRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL5077", name: "wget-progress-logged", severity: .info,
    summary: "`wget` without `--progress`, `-q` or `-nv` fills the build log with progress dots.",
    peers: PeerEquivalents(hadolint: ["DL3047"]), fix: .safe)

  fileprivate static let message =
    "`wget` prints a dot for every kilobyte it downloads when its output is not a terminal, as "
    + "in a build: "
    + "50 KB per line, about 2,000 lines for 100 MB"

  /// True when an operand whose value is unknown may hold options (`wget $WGET_OPTS URL`):
  /// a variable whose known value starts with `-`, or an unknown one named like options.
  static func mayHoldOptions(
    _ operands: [ShellWord], before position: Int, in file: AnalyzedDockerfile
  ) -> Bool {
    operands.contains { word in
      guard !word.isLiteral, word.value.hasPrefix("$") else { return false }
      if let value = file.expand(word.value, before: position) {
        return value.hasPrefix("-") || value.includes(" -")
      }
      let name = word.value.uppercased()
      return ["OPT", "FLAG", "ARGS", "PARAM"].contains { name.contains($0) }
    }
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for (position, script) in file.scripts.enumerated() {
      guard let script else { continue }
      let wgets = script.commands("wget")
      guard !wgets.isEmpty else { continue }
      let userland = file.userland(at: position)
      // BusyBox wget draws one self-updating bar and knows no `--progress`; GNU wget is
      // there when the image is a GNU system or the stage installs it.
      let installsGNUWget = file.installsPackage("wget", before: position, inclusive: true)
      if userland == .busybox && !installsGNUWget { continue }
      let isGNU = userland == .gnu || installsGNUWget
      for command in wgets {
        guard let download = command.download, download.logsProgress, let name = command.name,
          !Self.mayHoldOptions(download.arguments.operands, before: position, in: file)
        else { continue }
        let fix =
          isGNU
          ? ShellEdits.insert("--progress=dot:giga", after: name, of: command, in: file.source)
            .map { Fix(title: "add `--progress=dot:giga`", edits: [$0], safety: .safe) } : nil
        findings.append(
          finding(
            name.range, Self.message,
            help: "add `--progress=dot:giga` (a dot per megabyte), or `-nv` for one line per file",
            fix: fix))
      }
    }
  }
}
