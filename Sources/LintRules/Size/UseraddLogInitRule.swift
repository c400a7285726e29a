import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `useradd -u 123456` without `-l`: useradd writes the user's record into `/var/log/lastlog`
/// at offset UID × 292 bytes, and the layer stores the sparse file at its full size.
struct UseraddLogInitRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1040", name: "useradd-without-no-log-init", severity: .warning,
    summary: "`useradd` with a high UID and without `-l` adds a huge `/var/log/lastlog` file.",
    peers: PeerEquivalents(hadolint: ["DL3046"]), fix: .safe)

  /// One lastlog record (struct lastlog on 64-bit Linux).
  static let recordSize = 292
  /// Report when the file would reach 10 MB.
  static let threshold = 10_000_000

  fileprivate static func message(_ uid: Int) -> String {
    let megabytes = (uid * recordSize + 500_000) / 1_000_000
    return "`useradd -u \(uid)` without `-l` makes `/var/log/lastlog` a \(megabytes) MB file of "
      + "zeros where useradd keeps that log, and the layer stores all of it"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for (position, script) in file.scripts.enumerated() {
      guard let script else { continue }
      for command in script.commands("useradd") {
        let arguments = command.parsedArguments
        guard !arguments.has("-l", "--no-log-init"), let word = arguments.value("-u", "--uid"),
          let name = command.name
        else { continue }
        let text = word.isLiteral ? word.value : file.expand(word.value, before: position)
        guard let text, let uid = Int(text), uid * Self.recordSize >= Self.threshold else {
          continue
        }
        let fix = ShellEdits.insert("-l", after: name, of: command, in: file.source)
          .map { Fix(title: "add `-l`", edits: [$0], safety: .safe) }
        findings.append(
          finding(
            word.range, Self.message(uid),
            help: "add `-l` (`--no-log-init`): a container has no login records to keep",
            fix: fix))
      }
    }
  }
}
