import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `chmod 777`, `chmod -R a+w`, `COPY --chmod=666` in the final image: files any user of the
/// container may change. Shared scratch folders (`/tmp`, or any folder given the sticky bit,
/// `1777`) are what world-writable is for, and are left alone.
struct WorldWritablePermissionsRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3025", name: "world-writable-permissions", severity: .warning,
    summary: "Files or folders of the final image are made writable by every user.",
    security: SecurityClassification(cwe: 732, score: 5.0))

  static let scratchFolders = ["/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/var/lock"]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for position in file.finalImagePositions {
      let instruction = file.instructions[position]
      let directory = file.workingDirectory(before: position) ?? "/"
      if instruction.kind == .copy || instruction.kind == .add,
        let flag = instruction.flag("chmod"), let value = flag.value,
        let mode = FileMode(value), mode.othersMayWrite, !mode.sticky
      {
        let target = instruction.listWords?.last?.text ?? ""
        guard !isScratch(target, in: directory) else { continue }
        findings.append(
          finding(
            flag.valueRange, message("`--chmod=\(value)`", targets: "`\(target)`"),
            help: help))
      }
      guard let script = file.scripts[position] else { continue }
      for (index, command) in script.commands.enumerated() {
        // A folder the same RUN deletes afterwards (a `mktemp -d` build folder) never ships.
        guard let change = command.permissionChange, change.mode.othersMayWrite,
          !change.mode.sticky, !change.targets.isEmpty,
          !change.targets.allSatisfy({
            isScratch($0.value, in: directory) || script.removesFolder($0.value, after: index)
          })
        else { continue }
        let targets =
          change.targets.prefix(3).map { "`\($0.value)`" }.joined(separator: ", ")
          + (change.targets.count > 3 ? " …" : "")
        findings.append(
          finding(
            change.word.range,
            message(
              "`chmod \(change.recursive ? "-R " : "")\(change.word.value)`", targets: targets),
            help: help))
      }
    }
  }

  private func isScratch(_ path: String, in directory: String) -> Bool {
    guard !path.contains("$") else { return false }
    let resolved = Paths.resolve(path, in: directory)
    return Self.scratchFolders.contains { Paths.isWithin(resolved, $0) }
  }

  private func message(_ what: String, targets: String) -> String {
    "\(what) makes \(targets) writable by every user: any process in the container, "
      + "whichever user it runs as, can change these files, and a compromised one can plant "
      + "code that others run"
  }

  private let help =
    "give the files to the user that needs them (`COPY --chown=app`, `chown app`) and keep "
    + "others read-only (`755`, `644`, or `g+w` with a shared group); use `1777` for a "
    + "shared scratch folder"
}
