import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// MAINTAINER is deprecated; the OCI `authors` label carries the same information.
struct MaintainerDeprecatedRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL5002", name: "maintainer-deprecated", severity: .info,
    summary: "MAINTAINER is deprecated; use the `org.opencontainers.image.authors` label.",
    hadolintIDs: ["DL4000"])

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for instruction in file.instructions where instruction.kind == .maintainer {
      var fix: Fix?
      if case .text(let author) = instruction.arguments {
        let escaped = author.text.replacingQuotes()
        fix = Fix(
          title: "replace with an OCI label",
          edits: [
            Fix.Edit(
              range: instruction.range,
              replacement: "LABEL org.opencontainers.image.authors=\"\(escaped)\"")
          ], safety: .safe)
      }
      findings.append(
        finding(
          instruction.keywordRange, "MAINTAINER is deprecated and not shown by image tools",
          help: "write `LABEL org.opencontainers.image.authors=\"…\"` instead", fix: fix))
    }
  }
}

extension String {
  fileprivate func replacingQuotes() -> String {
    var result = ""
    for character in self {
      if character == "\"" || character == "\\" { result.append("\\") }
      result.append(character)
    }
    return result
  }
}
