import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `FROM golang:${GO_VERSION}` without `ARG GO_VERSION` before the first FROM: a FROM line
/// sees only the global ARGs (and the platform ones BuildKit predefines), so the variable is
/// empty, whatever the stages declare.
struct UndeclaredArgInFromRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4008", name: "undeclared-arg-in-from", severity: .warning,
    summary: "A FROM line uses a variable that no ARG before the first FROM declares.",
    peers: PeerEquivalents(buildkit: ["UndefinedArgInFrom"]))

  fileprivate static func message(_ name: String, suggestion: String?) -> String {
    let base = "`\(name)` is not declared by an ARG before the first FROM, so it is empty here"
    return suggestion.map { base + " (did you mean `\($0)`?)" } ?? base
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    let arguments = FromArguments(file.syntax)
    let candidates = arguments.declared.keys.sorted()
    for stage in file.stages {
      findings += check(file.instructions[stage.fromPosition], in: file, arguments, candidates)
    }
  }

  private func check(
    _ instruction: Instruction, in file: AnalyzedDockerfile, _ arguments: FromArguments,
    _ candidates: [String]
  ) -> [Finding] {
    var references: [(name: String, range: SourceRange)] = []
    if case .words(let words) = instruction.arguments, let base = words.first {
      references += base.variables.map { ($0.name, $0.nameRange) }
    }
    if let platform = instruction.flag("platform"), let value = platform.value {
      // Flags keep no variable ranges: the name is found in the flag's text.
      let source = Array(file.source.text(platform.valueRange).utf8)
      for name in PlatformFlag.variableNames(in: value) {
        let needle = Array(name.utf8)
        let offset = source.indices.first {
          $0 > 0 && source[$0 - 1] != UInt8(ascii: "\\") && source[$0...].starts(with: needle)
            && (source[$0 - 1] == UInt8(ascii: "$") || source[$0 - 1] == UInt8(ascii: "{"))
        }
        let range = offset.map {
          SourceRange(
            start: platform.valueRange.start + $0,
            end: platform.valueRange.start + $0 + needle.count)
        }
        references.append((name, range ?? platform.valueRange))
      }
    }
    return references.filter { !arguments.isDeclared($0.name) }.map { reference in
      let suggestion = Suggestion.closest(to: reference.name, in: candidates)
      return finding(
        reference.range, Self.message(reference.name, suggestion: suggestion),
        help: "declare `ARG \(reference.name)` before the first FROM")
    }
  }
}
