import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// An archive added in one layer and unpacked in a later one: the image holds both.
struct ArchiveExtractedInLaterLayerRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1012", name: "archive-extracted-in-later-layer", severity: .warning,
    summary: "An archive is added in one layer and extracted in another, so the image keeps both.",
    peers: PeerEquivalents(hadolint: ["DL3010"]))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // A dev container is an editor's workspace that never ships: its size is not at stake.
    guard !file.isDevelopmentContainer else { return }
    for position in file.finalImagePositions {
      guard let script = file.scripts[position], script.isFullyParsed,
        let directory = file.workingDirectory(before: position)
      else { continue }
      for command in script.commands {
        let archive = command.unpackedArchive
        guard let archive, archive.isLiteral else { continue }
        let path = Paths.resolve(archive.value, in: directory)
        // The added path first: `removes` reads the whole script, and asking it for every
        // archive of a long RUN would make the rule quadratic in its commands.
        guard
          let origin = file.addedPaths.last(at: path, before: position, where: { !$0.isDirectory })?
            .path
        else {
          continue
        }
        if script.removes(path) { continue }  // BL1007 reports a later deletion.
        findings.append(
          finding(
            archive.range,
            "`\(archive.value)` came in with the \(origin.what) on line \(origin.line) and is unpacked "
              + "in this later layer: the image stores the archive and its contents",
            help: "download and unpack in one RUN and delete the archive there, or `ADD` a local "
              + "tar archive (which unpacks it), or unpack in a build stage",
            related: [
              RelatedLocation(
                range: origin.range, message: "the archive is added here, in its own layer")
            ]))
      }
    }
  }
}
