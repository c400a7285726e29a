import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// CMD/ENTRYPOINT whose program cannot exist in a final image built from `scratch`.
struct CommandNotFoundInImageRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4001", name: "command-not-found-in-image", severity: .error,
    summary: "The container's command is not in the image (scratch-based images only).",
    fix: .safe)

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    guard let system = ScratchFileSystem.of(file) else { return }
    let positions = file.finalImagePositions
    guard
      let position = positions.last(where: { file.instructions[$0].kind == .entrypoint })
        ?? positions.last(where: { file.instructions[$0].kind == .cmd })
    else { return }
    let instruction = file.instructions[position]
    let keyword = instruction.keyword.uppercased()
    switch instruction.arguments {
    case .text(let command):
      guard !system.mayContain("/bin/sh") else { return }
      findings.append(
        finding(
          command.range,
          "shell-form \(keyword) runs `/bin/sh -c`, and this image built from scratch has no `/bin/sh`: "
            + "the container cannot start",
          help: "use the exec form with the program's absolute path: \(keyword) [\"/app\", \"arg\"]"
        ))
    case .exec(let words):
      guard let program = words.first, !program.text.isEmpty, !program.text.contains("$") else {
        return
      }
      // WebAssembly images run the module with a wasm runtime, not the Linux loader.
      if program.text.hasSuffix(".wasm") || isWasm(file) { return }
      if program.text.contains("/") {
        let directory = file.workingDirectory(before: position) ?? "/"
        let path = Paths.resolve(program.text, in: directory)
        guard !system.mayContain(path) else { return }
        findings.append(
          finding(
            program.range,
            "`\(program.text)` does not exist in this image built from scratch (it contains only "
              + "\(listing(system))): the container cannot start",
            help: "copy the program to `\(path)`, or point \(keyword) at the path it was copied to")
        )
        return
      }
      let pathVariable = file.variables(before: position)["PATH"] ?? BaseImageKnowledge.defaultPath
      let folders = pathVariable.split(separator: ":").map(String.init)
      guard !folders.contains(where: { system.mayContain(Paths.resolve(program.text, in: $0)) })
      else { return }
      let matches = system.files.sorted().filter { Paths.baseName($0) == program.text }
      let found = matches.first
      let help =
        found.map { "use the absolute path: \(keyword) [\"\($0)\"]" }
        ?? "copy the program into a folder on PATH, or use its absolute path"
      findings.append(
        finding(
          program.range,
          "`\(program.text)` is not on PATH (\(pathVariable)) in this image built from scratch, "
            + "which contains only \(listing(system)): the container cannot start",
          help: help, fix: matches.count == 1 ? fix(program, to: matches[0], in: file) : nil))
    default:
      return
    }
  }

  /// The program word pointed at the only file of that name the image holds. Safe: as
  /// written the container cannot start at all.
  func fix(_ program: Word, to path: String, in file: AnalyzedDockerfile) -> Fix? {
    guard file.source.text(program.range) == "\"\(program.text)\"",
      !path.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline })
    else { return nil }
    return Fix(
      title: "use the absolute path `\(path)`",
      edits: [Fix.Edit(range: program.range, replacement: "\"\(path)\"")], safety: .safe)
  }

  func isWasm(_ file: AnalyzedDockerfile) -> Bool {
    file.finalImageStages.contains { stage in
      let from = file.instructions[stage.fromPosition]
      let platform = from.flag("platform")?.value?.lowercased() ?? ""
      return platform.includes("wasi") || platform.includes("wasm")
    }
  }

  func listing(_ system: ScratchFileSystem) -> String {
    let files = system.files.sorted()
    if files.isEmpty { return "nothing" }
    let shown = files.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
    return files.count > 3 ? shown + " and \(files.count - 3) more" : shown
  }
}
