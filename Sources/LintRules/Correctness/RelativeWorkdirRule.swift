import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A relative WORKDIR before any WORKDIR of the stage (or the stages it is built on): it
/// resolves against whatever working directory the base image happens to set.
struct RelativeWorkdirRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4042", name: "relative-workdir", severity: .warning,
    summary: "The first WORKDIR of a stage is relative, so the base image decides where it is.",
    peers: PeerEquivalents(
      hadolint: ["DL3000"], buildkit: ["WorkdirRelativePath"], trivy: ["DS-0009"],
      checkov: ["CKV_DOCKER_10"]))

  fileprivate static func message(_ path: String, base: String) -> String {
    "WORKDIR `\(path)` is relative to the working directory of `\(base)`, which this file does not set"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // Whether a WORKDIR ran in each stage by its end; a stage starts with its base stage's.
    var workdirSet: [Bool] = []
    for stage in file.stages {
      var isSet = stage.baseStage.map { $0 < workdirSet.count && workdirSet[$0] } ?? false
      for position in stage.instructionIndices {
        let instruction = file.instructions[position]
        guard instruction.kind == .workdir, case .text(let word) = instruction.arguments else {
          continue
        }
        defer { isSet = true }
        // Only the first WORKDIR counts: fixing it fixes the later relative ones.
        guard !isSet, let path = file.expand(word.text, before: position),
          !Self.isAbsolute(path)
        else { continue }
        let base = stage.rootImage(in: file.stages)?.text ?? "the base image"
        findings.append(
          finding(
            word.range, Self.message(path, base: base),
            help: "use an absolute path, such as `/\(path)` if that is what the base image gives"))
      }
      workdirSet.append(isSet)
    }
  }

  /// Absolute on Linux (`/app`) or Windows (`C:\app`, `C:/app`, `\app`), where images build.
  static func isAbsolute(_ path: String) -> Bool {
    if path.hasPrefix("/") || path.hasPrefix("\\") { return true }
    let scalars = Array(path.unicodeScalars.prefix(2))
    return scalars.count == 2 && scalars[1] == ":" && scalars[0].isASCII
      && scalars[0].properties.isAlphabetic
  }
}
