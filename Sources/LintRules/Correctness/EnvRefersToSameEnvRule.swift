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
      // Names ARG and ENV set before each instruction in this stage and its base stages.
      var declared: Set<String> = []
      for base in stage.chain(in: file.stages).dropFirst().reversed() {
        for position in base.instructionIndices {
          Self.declare(file.instructions[position], &declared)
        }
      }
      for position in stage.instructionIndices {
        let instruction = file.instructions[position]
        defer { Self.declare(instruction, &declared) }
        guard instruction.kind == .env,
          case .keyValues(let pairs, legacy: false) = instruction.arguments,
          pairs.count > 1
        else { continue }
        for (index, pair) in pairs.enumerated() {
          for reference in pair.value.variables where !declared.contains(reference.name) {
            guard
              let definer = pairs.indices.first(where: {
                $0 != index && pairs[$0].key.text == reference.name
              })
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

  private static func declare(_ instruction: Instruction, _ declared: inout Set<String>) {
    switch instruction.arguments {
    case .keyValues(let pairs, _) where instruction.kind == .env:
      for pair in pairs { declared.insert(pair.key.text) }
    case .declarations:
      for declaration in AnalyzedDockerfile.declarations(instruction) {
        declared.insert(declaration.name)
      }
    default: break
    }
  }
}
