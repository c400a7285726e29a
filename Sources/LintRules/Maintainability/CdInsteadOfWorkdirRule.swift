import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `cd` into a folder the RUN did not make (`RUN cd /app && npm ci`): WORKDIR sets the folder
/// once, for this RUN and every later instruction, and shows it in the image config.
///
/// Only a `cd` that a WORKDIR can replace as it is is reported: the RUN's first `cd`, at its
/// top level, to a known path that is not temporary, that the RUN does not delete and that no
/// earlier command of the RUN names (other than `mkdir`; WORKDIR creates folders too). A
/// `cd` into what the RUN just cloned, downloaded or unpacked, a `cd` after another one, or
/// one in a subshell or loop is how a single RUN moves around: WORKDIR would split the RUN.
struct CdInsteadOfWorkdirRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL5075", name: "cd-instead-of-workdir", severity: .info,
    summary: "A RUN changes into an existing folder with `cd` where WORKDIR could set it.",
    peers: PeerEquivalents(hadolint: ["DL3003"], trivy: ["DS-0013"]))

  fileprivate static func message(_ path: String) -> String {
    "`cd \(path)` sets the folder for this RUN only: `WORKDIR \(path)` before it sets it once, "
      + "for this RUN and the instructions after it"
  }

  static let temporaryFolders = ["/tmp", "/var/tmp", "/dev/shm", "/run"]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for (position, script) in file.scripts.enumerated() {
      // A `case` later in the script does not change where the first `cd` goes.
      guard let script, case .text = file.instructions[position].arguments else { continue }
      let commands = script.commands
      guard let index = commands.firstIndex(where: { $0.program == "cd" }) else { continue }
      let command = commands[index]
      guard command.nesting == 0, command.depth == 0, command.wrappers.isEmpty,
        command.separator != "|", commands.dropFirst(index + 1).first?.separator != "|",
        command.arguments.count == 1, let target = command.arguments.first,
        !target.value.hasPrefix("-"), !target.value.hasPrefix("~"), !target.value.isEmpty,
        let name = command.name
      else { continue }
      guard
        let written = target.isLiteral ? target.value : file.expand(target.value, before: position),
        !written.contains("$"), !written.contains("*")
      else { continue }
      let base = file.workingDirectory(before: position) ?? "/"
      let path = Paths.resolve(written, in: base)
      if path == "/" || Self.temporaryFolders.contains(where: { Paths.isWithin(path, $0) }) {
        continue
      }
      // Deleting the folder (or all it holds) at the end is what WORKDIR would not do; removing
      // a few files from it (`rm /u01/installer.jar`) leaves the folder in use.
      if script.removesFolder(path) { continue }
      // An earlier command that names the folder (`git clone URL /src`, `tar -C /opt/x`,
      // `curl -o x.tgz`) probably made it.
      let leaf = Paths.baseName(path)
      let named = commands[..<index].contains { earlier in
        earlier.program != "mkdir"
          && earlier.arguments.contains { $0.value.contains(leaf) || $0.value.contains(written) }
      }
      if named { continue }
      findings.append(
        finding(
          name.range, Self.message(written),
          help: "put `WORKDIR \(written)` before the RUN and drop the `cd`"))
    }
  }
}
