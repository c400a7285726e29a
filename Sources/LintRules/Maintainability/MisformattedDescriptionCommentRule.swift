import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A comment right above a named FROM or an ARG that does not start with the stage or
/// argument name: `docker buildx build --call=outline` and `--call=targets` only show
/// comments of the form `# <name> <description>`. Off by default, as in BuildKit.
struct MisformattedDescriptionCommentRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL5032", name: "misformatted-description-comment", severity: .style,
    summary: "A comment right above a named stage or an ARG does not start with its name.",
    peers: PeerEquivalents(buildkit: ["InvalidDefinitionDescription"]), enabledByDefault: false)

  fileprivate static func message(_ keyword: String, _ name: String) -> String {
    "the comment above this \(keyword) is not a description: write `# \(name) <description>`, "
      + "or leave an empty line between them"
  }

  /// Suppression comments of ballast and the linters it reads are not descriptions.
  static let pragmaPrefixes = ["ballast ", "hadolint ", "check=", "checkov:", "syntax=", "escape="]

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // Top-level comments by line; comments inside an instruction's continuation lines are
    // not descriptions (BuildKit skips them).
    var commentOnLine: [Int: Comment] = [:]
    var insideInstruction = file.instructions.map { ($0.range.start, $0.range.end) }[...]
    for comment in file.syntax.comments {
      while let first = insideInstruction.first, first.1 <= comment.range.start {
        insideInstruction = insideInstruction.dropFirst()
      }
      if let first = insideInstruction.first, first.0 <= comment.range.start { continue }
      commentOnLine[file.source.lineIndex.line(of: comment.range.start)] = comment
    }
    for instruction in file.instructions {
      guard let names = Self.definedNames(instruction), !names.isEmpty,
        let comment = commentOnLine[instruction.startLine - 1], !comment.text.isEmpty,
        !Self.pragmaPrefixes.contains(where: comment.text.hasPrefix)
      else { continue }
      let firstWord = String(comment.text.split(separator: " ", maxSplits: 1).first ?? "")
      guard !names.contains(firstWord) else { continue }
      let keyword = instruction.kind == .from ? "FROM" : "ARG"
      findings.append(
        finding(
          comment.range, Self.message(keyword, names.count == 1 ? names[0] : "<name>"),
          help: "descriptions start with the name they describe"))
    }
  }

  /// The stage name of `FROM … AS name` (lower-cased, as BuildKit compares it), or an ARG's
  /// names; nil for other instructions.
  static func definedNames(_ instruction: Instruction) -> [String]? {
    switch (instruction.kind, instruction.arguments) {
    case (.from, .words(let words)) where words.count == 3:
      return [words[2].text.lowercased()]
    case (.arg, .declarations):
      return AnalyzedDockerfile.declarations(instruction).map(\.name)
    default:
      return nil
    }
  }
}
