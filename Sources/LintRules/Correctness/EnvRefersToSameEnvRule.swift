import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `ENV A=1 B=$A`: every value of one ENV is expanded before any of its names is set, so `B`
/// gets the value `A` had before the instruction, not `1`.
struct EnvRefersToSameEnvRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4051", name: "env-refers-to-same-env", severity: .warning,
    summary: "An ENV value uses a variable the same ENV sets, and gets its value from before.",
    peers: PeerEquivalents(hadolint: ["DL3044"]))

  fileprivate static func message(_ name: String, value: String) -> String {
    "`$\(name)` is expanded before this ENV sets `\(name)=\(value)`, and nothing earlier in the stage sets it"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for stage in file.stages {
      for position in stage.instructionIndices {
        let instruction = file.instructions[position]
        guard instruction.kind == .env,
          case .keyValues(let pairs, legacy: false) = instruction.arguments,
          pairs.count > 1
        else { continue }
        for (index, pair) in pairs.enumerated() {
          for reference in pair.value.variables {
            guard
              let definer = pairs.indices.first(where: {
                $0 != index && pairs[$0].key.text == reference.name
              }),
              !Self.isDeclared(reference.name, before: position, in: stage, file)
            else { continue }
            let value = pairs[definer].value.text
            findings.append(
              finding(
                reference.range, Self.message(reference.name, value: value),
                help: "set `\(reference.name)` in an ENV of its own before this one"))
          }
        }
      }
    }
  }

  /// Whether an ARG or ENV before `position` in the stage, or in a stage it is built from,
  /// sets `name`. Asked only for a name the same ENV sets, which is rare, so long `FROM`
  /// chains are not walked once per stage.
  private static func isDeclared(
    _ name: String, before position: Int, in stage: Stage, _ file: AnalyzedDockerfile
  ) -> Bool {
    let sets = { (index: Int) in Self.names(file.instructions[index]).contains(name) }
    if (stage.instructionIndices.lowerBound..<position).contains(where: sets) { return true }
    return stage.chain(in: file.stages).dropFirst().contains { base in
      base.instructionIndices.contains(where: sets)
    }
  }

  /// The names an ENV or ARG instruction sets.
  private static func names(_ instruction: Instruction) -> [String] {
    switch instruction.arguments {
    case .keyValues(let pairs, _) where instruction.kind == .env:
      return pairs.map(\.key.text)
    case .declarations:
      return AnalyzedDockerfile.declarations(instruction).map(\.name)
    default: return []
    }
  }
}
