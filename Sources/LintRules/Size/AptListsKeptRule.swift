import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `apt-get update` whose package lists stay in the layer.
struct AptListsKeptRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1004", name: "apt-lists-kept", severity: .warning,
    summary: "APT package lists from `apt-get update` are left in the layer.",
    peers: PeerEquivalents(hadolint: ["DL3009"]))

  static let lists = "/var/lib/apt/lists"

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
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
      findings.append(
        finding(
          word.range,
          "`apt-get update` leaves ~20–50 MB of package lists in this layer",
          help: "end the same RUN with `&& rm -rf /var/lib/apt/lists/*`, or use "
            + "`--mount=type=cache,target=/var/lib/apt/lists`"))
    }
  }
}
