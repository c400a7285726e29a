import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A FROM whose image name is empty or not an image reference once the builder has expanded
/// it with the global ARGs' defaults: `docker build` stops there unless a `--build-arg`
/// gives the variables other values.
struct InvalidBaseImageNameRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL0004", name: "invalid-base-image-name", severity: .error,
    summary: "A FROM image name is empty or invalid (after expanding the ARG defaults): the "
      + "build fails.",
    peers: PeerEquivalents(buildkit: ["InvalidDefaultArgInFrom"]))

  fileprivate static func message(_ written: String, problem: String) -> String {
    "`\(written)` is not a valid image reference (\(problem)): the build fails"
  }

  fileprivate static func message(_ written: String, expanded: String, problem: String)
    -> String
  {
    if expanded.isEmpty {
      return "`\(written)` is empty with the ARG defaults: the build fails unless "
        + "`--build-arg` gives it a value"
    }
    return "with the ARG defaults `\(written)` is `\(expanded)`, not a valid image reference "
      + "(\(problem)): the build fails unless `--build-arg` changes it"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    let arguments = FromArguments(file.syntax)
    var stageNames: Set<String> = []
    for stage in file.stages {
      defer { if let name = stage.name { stageNames.insert(name) } }
      // A malformed FROM (`FROM {{ image }}`) is BL0001's.
      let from = file.instructions[stage.fromPosition]
      guard case .words(let words) = from.arguments,
        words.count == 1 || from.stageKeywordWord?.text.lowercased() == "as",
        let word = stage.baseWord, let expanded = arguments.expand(word.text)
      else { continue }
      // An earlier stage is a valid base whatever its name looks like.
      if stageNames.contains(expanded.lowercased()) { continue }
      guard let problem = ImageReferenceGrammar.problem(expanded) else { continue }
      let names = Set(word.variables.map(\.name)).sorted()
      if names.isEmpty {
        findings.append(
          finding(
            word.range, Self.message(word.text, problem: problem),
            help: "write the image as `[registry/]name[:tag][@digest]`, in lower case"))
      } else {
        let list = names.map { "`\($0)`" }.joined(separator: ", ")
        findings.append(
          finding(
            word.range, Self.message(word.text, expanded: expanded, problem: problem),
            help: "give \(list) a default that names an image in the ARG before the first FROM"))
      }
    }
  }
}
