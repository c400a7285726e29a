import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// WORKDIR, COPY or ADD into the kernel's and runtime's folders (`/proc`, `/sys`, `/dev`) or
/// the boot and recovery folders (`/boot`, `/initrd`, `/lost+found`).
struct SystemFolderTargetRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3024", name: "system-folder-target", severity: .warning,
    summary: "WORKDIR, COPY or ADD targets a system folder such as /proc, /sys, /dev or /boot.",
    peers: PeerEquivalents(trivy: ["DS-0030"]),
    security: SecurityClassification(cwe: 668, score: 4.0))

  /// Folders the container runtime mounts a kernel file system over at start.
  static let mounted: [String: String] = ["/proc": "procfs", "/sys": "sysfs", "/dev": "a tmpfs"]
  /// Folders the operating system reserves for booting and file-system repair.
  static let reserved = ["/boot", "/initrd", "/lost+found"]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for (position, instruction) in file.instructions.enumerated() {
      let target: Word?
      switch instruction.kind {
      case .workdir:
        if case .text(let word) = instruction.arguments { target = word } else { target = nil }
      case .copy, .add:
        target = (instruction.listWords?.count ?? 0) >= 2 ? instruction.listWords?.last : nil
      default: target = nil
      }
      guard let target, let written = file.expand(target.text, before: position),
        let directory = file.workingDirectory(before: position)
      else { continue }
      let path = Paths.resolve(written, in: directory)
      guard let folder = Self.systemFolder(of: path) else { continue }
      let what = instruction.kind == .workdir ? "WORKDIR" : instruction.keyword.uppercased()
      findings.append(finding(target.range, message(what, path: path, folder: folder)))
    }
  }

  static func systemFolder(of path: String) -> String? {
    (Array(mounted.keys) + reserved).first { Paths.isWithin(path, $0) }
  }

  private func message(_ what: String, path: String, folder: String) -> String {
    if let filesystem = Self.mounted[folder] {
      return "\(what) into `\(path)`: the container runtime mounts \(filesystem) over `\(folder)` "
        + "when the container starts, so what the image puts there is hidden then (a working "
        + "directory there no longer exists)"
    }
    return "\(what) into `\(path)`: `\(folder)` is reserved for the operating system "
      + "(kernel and boot loader, or file-system repair), not for an application's files"
  }
}
