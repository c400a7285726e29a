import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// Go binaries for the final image built with symbol tables and debug information.
struct GoBinaryNotStrippedRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1015", name: "go-binary-not-stripped", severity: .info,
    summary: "A Go binary copied into the final image keeps its symbol table and DWARF data.")

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    var copiedStages: Set<Int> = []
    for position in file.finalImagePositions {
      guard file.instructions[position].kind == .copy,
        let from = file.instructions[position].flag("from")?.value,
        let stage = file.stage(named: from)
      else { continue }
      copiedStages.insert(stage.index)
    }
    for index in copiedStages.sorted() {
      for position in file.stages[index].instructionIndices {
        for command in file.scripts[position]?.commands ?? [] where command.program == "go" {
          guard let build = command.subcommand, build.value == "build" else { continue }
          guard command.arguments.allSatisfy(\.isLiteral),
            !stripsSymbols(command, goflags: file.variables(before: position)["GOFLAGS"])
          else { continue }
          findings.append(
            finding(
              build.range,
              "this Go binary keeps its symbol table and DWARF debug data, typically 25–30% of its size",
              help: "build with `-trimpath -ldflags=\"-s -w\"`"))
        }
      }
    }
  }

  /// True when `-ldflags` (on the command or in GOFLAGS) holds `-s` or `-w`.
  func stripsSymbols(_ command: ShellCommand, goflags: String?) -> Bool {
    var linkerFlags: [String] = []
    let values = command.argumentValues
    for (index, value) in values.enumerated() {
      for name in ["-ldflags", "--ldflags"] {
        if value == name, index + 1 < values.count { linkerFlags.append(values[index + 1]) }
        if value.hasPrefix(name + "=") {
          linkerFlags.append(String(value.dropFirst(name.count + 1)))
        }
      }
    }
    if let goflags {
      for word in goflags.split(separator: " ") where word.hasPrefix("-ldflags=") {
        linkerFlags.append(String(word.dropFirst("-ldflags=".count)))
      }
    }
    return linkerFlags.contains { flags in
      flags.split(whereSeparator: { $0 == " " || $0 == "'" || $0 == "\"" }).contains {
        // The Go linker's flag parser also takes the double-dash spelling (`--ldflags=--s`).
        ["-s", "-w", "--s", "--w"].contains($0)
      }
    }
  }
}
