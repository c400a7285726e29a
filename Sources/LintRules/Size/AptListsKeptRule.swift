import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `apt-get update` whose package lists stay in the layer.
struct AptListsKeptRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1004", name: "apt-lists-kept", severity: .warning,
    summary: "APT package lists from `apt-get update` are left in the layer.",
    peers: PeerEquivalents(hadolint: ["DL3009"]), fix: .safe)

  static let lists = "/var/lib/apt/lists"

  /// APT commands that read the lists `update` fetched.
  static let listReaders: Set<String> = [
    "install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source", "download",
    "satisfy", "reinstall",
  ]

  /// `&& rm -rf /var/lib/apt/lists/*` at the end of the RUN, unless a later RUN of the image
  /// uses APT without an update of its own: it would find no lists and fail.
  func fix(_ position: Int, in file: AnalyzedDockerfile, listsReadLater: Set<Int>) -> Fix? {
    guard !listsReadLater.contains(position) else { return nil }
    return ShellEdits.append("rm -rf \(Self.lists)/*", to: position, in: file).map {
      Fix(title: "remove the lists at the end of the RUN", edits: [$0], safety: .safe)
    }
  }

  /// The final image's RUNs after which the next APT command that touches the lists reads them
  /// (`install` and the like) rather than fetching them anew (`update`): removing the lists
  /// there would break that later RUN. One walk from the end, so a file of many APT RUNs stays
  /// linear.
  static func listsReadLater(in file: AnalyzedDockerfile) -> Set<Int> {
    var result: Set<Int> = []
    var nextReads = false
    for position in file.finalImagePositions.reversed() {
      if nextReads { result.insert(position) }
      guard let script = file.scripts[position] else { continue }
      for command in script.commands where command.program == "apt-get" || command.program == "apt"
      {
        guard let verb = command.subcommand?.value else { continue }
        if verb == "update" {
          nextReads = false
          break
        }
        if Self.listReaders.contains(verb) {
          nextReads = true
          break
        }
      }
    }
    return result
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // A dev container is an editor's workspace that never ships: its size is not at stake.
    guard !file.isDevelopmentContainer else { return }
    var listsReadLater: Set<Int>?
    for position in file.finalImagePositions {
      guard let script = file.scripts[position], script.isFullyParsed else { continue }
      let instruction = file.instructions[position]
      guard !instruction.hasCacheMount(covering: Self.lists), !script.removesAptLists else {
        continue
      }
      let update = script.commands.first { $0.isAptUpdate }
      guard let update, let word = update.subcommand else { continue }
      // A RUN that only updates is reported by BL1016 package-update-alone.
      guard script.installsPackages else { continue }
      // A script copied from the context and run after the update may remove the lists
      // (`/scripts/cleanup.sh`): read it when the context has it, say nothing when it cannot
      // be seen.
      let updateIndex = script.commands.firstIndex { $0.isAptUpdate } ?? 0
      let called = file.calledScripts(at: position).filter { $0.index > updateIndex }
      if called.contains(where: { $0.isUnseenContextScript || $0.script?.removesAptLists == true })
      {
        continue
      }
      if listsReadLater == nil { listsReadLater = Self.listsReadLater(in: file) }
      findings.append(
        finding(
          word.range,
          "`\(update.program) update` leaves ~20–50 MB of package lists in this layer",
          help: "end the same RUN with `&& rm -rf /var/lib/apt/lists/*`, or use "
            + "`--mount=type=cache,target=/var/lib/apt/lists`",
          fix: fix(position, in: file, listsReadLater: listsReadLater ?? [])))
    }
  }
}
