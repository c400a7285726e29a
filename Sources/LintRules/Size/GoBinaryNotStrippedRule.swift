import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// Go binaries for the final image built with symbol tables and debug information.
struct GoBinaryNotStrippedRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1015", name: "go-binary-not-stripped", severity: .info,
    summary: "A Go binary copied into the final image keeps its symbol table and DWARF data.",
    fix: .unsafe)

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
          guard let build = command.parsedArguments.subcommand, build.value == "build" else {
            continue
          }
          guard command.arguments.allSatisfy(\.isLiteral),
            !stripsSymbols(command, goflags: file.variables(before: position)["GOFLAGS"])
          else { continue }
          findings.append(
            finding(
              build.range,
              "this Go binary keeps its symbol table and DWARF debug data, typically 25–30% of its size",
              help: "build with `-trimpath -ldflags=\"-s -w\"`",
              fix: fix(command, build: build, at: position, in: file)))
        }
      }
    }
  }

  /// `-s -w` added to the command's `-ldflags` (or `-ldflags="-s -w"` after `build`).
  /// Unsafe: debuggers and profilers lose the symbols and DWARF data the binary carried.
  func fix(_ command: ShellCommand, build: ShellWord, at position: Int, in file: AnalyzedDockerfile)
    -> Fix?
  {
    guard file.variables(before: position)["GOFLAGS"] == nil, command.nesting == 0 else {
      return nil
    }
    let title = "strip with `-ldflags=\"-s -w\"`"
    let flagged = command.arguments.indices.filter {
      let value = command.arguments[$0].value
      return value == "-ldflags" || value == "--ldflags" || value.hasPrefix("-ldflags=")
        || value.hasPrefix("--ldflags=")
    }
    guard let index = flagged.first else {
      return ShellEdits.insert("-ldflags=\"-s -w\"", after: build, of: command, in: file.source)
        .map { Fix(title: title, edits: [$0], safety: .unsafe) }
    }
    guard flagged.count == 1 else { return nil }
    // The value is the next word, or follows `=`; it is edited after its opening quote.
    let flag = command.arguments[index]
    let word: ShellWord
    var start: Int
    if flag.value.contains("=") {
      let raw = file.source.text(flag.range)
      guard let equals = raw.utf8.firstIndex(of: UInt8(ascii: "=")) else { return nil }
      word = flag
      start = flag.range.start + raw.utf8.distance(from: raw.utf8.startIndex, to: equals) + 1
    } else {
      guard index + 1 < command.arguments.count else { return nil }
      word = command.arguments[index + 1]
      start = word.range.start
    }
    let raw = Array(file.source.bytes[start..<word.range.end])
    guard let first = raw.first, word.range.end > start else { return nil }
    if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
      // A quoted value: only when it is one quoted string, so the quote closes at the end.
      guard raw.count >= 2, raw.last == first, !raw.dropFirst().dropLast().contains(first)
      else { return nil }
      start += 1
      return Fix(title: title, edits: [.insert("-s -w ", at: start)], safety: .unsafe)
    }
    guard raw.allSatisfy({ !" \t\"'\\$`".utf8.contains($0) }) else { return nil }
    return Fix(
      title: title,
      edits: [.insert("\"-s -w ", at: start), .insert("\"", at: word.range.end)], safety: .unsafe)
  }

  /// True when `-ldflags` (on the command or in GOFLAGS) holds `-s` or `-w`.
  func stripsSymbols(_ command: ShellCommand, goflags: String?) -> Bool {
    var linkerFlags = command.parsedArguments.values("-ldflags", "--ldflags").map(\.value)
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
