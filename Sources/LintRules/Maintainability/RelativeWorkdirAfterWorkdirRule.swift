import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A relative WORKDIR once the stage's working directory is set: the path is well defined,
/// but a reader has to find and join every earlier WORKDIR to know it.
struct RelativeWorkdirAfterWorkdirRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL5080", name: "relative-workdir-after-workdir", severity: .info,
    summary: "A relative WORKDIR after an earlier one: write the absolute path it resolves to.",
    peers: PeerEquivalents(
      hadolint: ["DL3000"], trivy: ["DS-0009"], checkov: ["CKV_DOCKER_10"]), fix: .safe)

  fileprivate static func message(_ path: String, resolved: String, line: Int) -> String {
    "WORKDIR `\(path)` is relative to the WORKDIR of line \(line): it is `\(resolved)`"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // The last WORKDIR that ran by the end of each stage (a stage starts with its base's),
    // whether every WORKDIR up to it was written without variables, and whether one of them was
    // absolute (before that, the base image's directory decides).
    var lastWorkdir: [(position: Int, literal: Bool, anchored: Bool)?] = []
    for stage in file.stages {
      var last = stage.baseStage.flatMap { $0 < lastWorkdir.count ? lastWorkdir[$0] : nil }
      let isWindows = stage.rootImage(in: file.stages)?.isWindows == true
      for position in stage.instructionIndices {
        let instruction = file.instructions[position]
        guard instruction.kind == .workdir, case .text(let word) = instruction.arguments else {
          continue
        }
        let literal = !word.text.utf8.contains(UInt8(ascii: "$"))
        let path = file.expand(word.text, before: position)
        let absolute = path.map(RelativeWorkdirRule.isAbsolute) ?? false
        defer {
          last = (position, literal && last?.literal != false, absolute || last?.anchored == true)
        }
        // The first WORKDIR of the chain is BL4042's; Windows paths are not joined with `/`.
        guard let earlier = last, earlier.anchored, !isWindows, let path, !absolute,
          !path.contains("\\"),
          let directory = file.workingDirectory(before: position)
        else { continue }
        let resolved = Paths.resolve(path, in: directory)
        let line = file.source.location(of: file.instructions[earlier.position].range.start).line
        findings.append(
          finding(
            word.range, Self.message(path, resolved: resolved, line: line),
            help: "write `WORKDIR \(resolved)`: each WORKDIR then reads on its own",
            fix: earlier.literal ? Self.fix(word, resolved: resolved, in: file) : nil))
      }
      lastWorkdir.append(last)
    }
  }

  /// Writing the resolved path keeps the build's meaning only when no WORKDIR of the chain
  /// has a variable (`--build-arg` may give it another value) and the word is written plain.
  private static func fix(_ word: Word, resolved: String, in file: AnalyzedDockerfile) -> Fix? {
    let written = file.source.text(word.range)
    let plain = written.utf8.allSatisfy {
      $0 > 0x20 && $0 != UInt8(ascii: "$") && $0 != UInt8(ascii: "\"")
        && $0 != UInt8(ascii: "'") && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "`")
    }
    guard plain, written == word.text,
      resolved.utf8.allSatisfy({ $0 > 0x20 && $0 != UInt8(ascii: "$") })
    else { return nil }
    return Fix(
      title: "write `\(resolved)`",
      edits: [Fix.Edit(range: word.range, replacement: resolved)], safety: .safe)
  }
}
