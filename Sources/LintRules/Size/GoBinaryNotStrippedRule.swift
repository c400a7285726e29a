import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// Go binaries for the final image built (`go build`, or `go install` into the folder the
/// final image copies from) with symbol tables and debug information.
struct GoBinaryNotStrippedRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1015", name: "go-binary-not-stripped", severity: .info,
    summary: "A Go binary copied into the final image keeps its symbol table and DWARF data.",
    fix: .unsafe)

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // A dev container is an editor's workspace that never ships: its size is not at stake.
    guard !file.isDevelopmentContainer else { return }
    // What the final image copies from each stage.
    var copiedPaths: [Int: [String]] = [:]
    for position in file.finalImagePositions {
      let instruction = file.instructions[position]
      guard instruction.kind == .copy, let from = instruction.flag("from")?.value,
        let stage = file.stage(named: from), let words = instruction.listWords
      else { continue }
      copiedPaths[stage.index, default: []] += words.dropLast().map(\.text)
    }
    for index in copiedPaths.keys.sorted() {
      for position in file.stages[index].instructionIndices {
        for command in file.scripts[position]?.commands ?? [] where command.program == "go" {
          guard let verb = command.parsedArguments.subcommand,
            verb.value == "build" || verb.value == "install"
          else { continue }
          let variables = file.variables(before: position)
          guard command.arguments.allSatisfy(\.isLiteral),
            !stripsSymbols(command, goflags: variables["GOFLAGS"])
          else { continue }
          var message =
            "this Go binary keeps its symbol table and DWARF debug data, typically 25–30% of its size"
          if verb.value == "install" {
            // `go install` puts the binary in GOBIN, else GOPATH/bin: only a binary the final
            // image copies from there counts (tools used during the build do not).
            let folder = Self.installFolder(variables, stage: file.stages[index], in: file)
            let name = Self.binaryName(command)
            guard
              (copiedPaths[index] ?? []).contains(where: {
                Self.copies($0, binary: name, in: folder)
              })
            else { continue }
            message =
              "`go install` builds this binary into `\(folder)` with its symbol table and DWARF debug data, typically 25–30% of its size"
          }
          findings.append(
            finding(
              verb.range, message, help: "build with `-trimpath -ldflags=\"-s -w\"`",
              fix: fix(command, build: verb, at: position, in: file)))
        }
      }
    }
  }

  /// The binary `go install` names after its package (`server` for
  /// `example.com/tools/server@v1.4.0` or `./cmd/server`, `tool` for `example.com/tool/v2`);
  /// nil when the package is `.` or a pattern.
  static func binaryName(_ command: ShellCommand) -> String? {
    guard let package = command.operands.first?.value else { return nil }
    let path = package.split(separator: "@").first.map(String.init) ?? package
    var parts = path.split(separator: "/").map(String.init).filter { $0 != "." }
    if parts.count > 1, let last = parts.last, last.wholeMatch(of: /v[0-9]+/) != nil {
      parts.removeLast()
    }
    guard let name = parts.last, !name.includes("..."), name != ".." else { return nil }
    return name
  }

  /// True when a COPY source (`/go/bin/server`, `/go/bin/*`, `/go`) takes the binary `name`
  /// (any binary of the folder when the name is unknown).
  static func copies(_ source: String, binary name: String?, in folder: String) -> Bool {
    let source = source.count > 1 && source.hasSuffix("/") ? String(source.dropLast()) : source
    if Paths.isWithin(folder, source) { return true }
    guard Paths.parent(of: source) == folder else { return false }
    guard let name else { return true }
    let pattern = Paths.baseName(source)
    return pattern == name || pattern == name + ".exe"
      || wildcard(Array(pattern), matches: Array(name))
  }

  /// `*` and `?` as COPY sources use them (a file name has no `/`): enough for `minio*`.
  static func wildcard(_ pattern: [Character], matches name: [Character]) -> Bool {
    var (p, n, star, mark) = (0, 0, -1, 0)
    while n < name.count {
      if p < pattern.count, pattern[p] == "?" || pattern[p] == name[n] {
        (p, n) = (p + 1, n + 1)
      } else if p < pattern.count, pattern[p] == "*" {
        (star, mark, p) = (p, n, p + 1)
      } else if star >= 0 {
        (p, mark) = (star + 1, mark + 1)
        n = mark
      } else {
        return false
      }
    }
    while p < pattern.count, pattern[p] == "*" { p += 1 }
    return p == pattern.count
  }

  /// Where `go install` writes binaries: `$GOBIN`, else `$GOPATH/bin`; the default GOPATH is
  /// `/go` on the golang images (their `ENV GOPATH /go`) and `$HOME/go` (root's) elsewhere.
  static func installFolder(_ variables: VariableScope, stage: Stage, in file: AnalyzedDockerfile)
    -> String
  {
    if let bin = variables["GOBIN"], bin.hasPrefix("/") { return bin }
    if let path = variables["GOPATH"], path.hasPrefix("/") {
      return (path.split(separator: ":").first.map(String.init) ?? path) + "/bin"
    }
    let golang = stage.chain(in: file.stages).contains { $0.baseImage?.imageName == "golang" }
    return golang ? "/go/bin" : "/root/go/bin"
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
