import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A pipe in a RUN whose failure the build would not see: without `pipefail` a pipeline's
/// status is its last command's, so `curl URL | tar -xz` succeeds when the download fails.
struct PipeWithoutPipefailRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4085", name: "pipe-without-pipefail", severity: .warning,
    summary: "A RUN pipes a command that can fail while `pipefail` is off, so its failure is lost.",
    peers: PeerEquivalents(hadolint: ["DL4006"]), fix: .unsafe)

  fileprivate static func message(_ hidden: String, _ last: String) -> String {
    "the status of `\(hidden)` is lost: without `pipefail` this pipe fails only when `\(last)`, "
      + "its last command, fails"
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    let shells = file.runShells
    var fixedStages: Set<Int> = []
    for (position, script) in file.scripts.enumerated() {
      // Scripts with `case` or functions are read around them; unbalanced quotes are not.
      guard let script, script.isFullyParsed || !script.commands.isEmpty else { continue }
      let instruction = file.instructions[position]
      var isShellForm = false
      if case .text = instruction.arguments { isShellForm = true }
      let shell = shells[position]
      let userland = file.userland(at: position)
      if isShellForm {
        // Windows images run shell-form RUNs with cmd; other shells may lack the option.
        if shell.words.isEmpty && userland == .windows { continue }
        if !shell.hasPipefailOption { continue }
      }
      let initial = isShellForm ? shell.options : ShellOptions()
      var reported = false
      for pipeline in script.pipelines {
        let commands = script.commands
        let options = script.options(before: pipeline.positions[0], initial: initial)
        guard !options.pipefail,
          let hidden = pipeline.hiddenPositions.firstIndex(where: {
            !commands[$0].cannotFailInPipe
          }),
          script.usesStatus(of: pipeline, options: options)
        else { continue }
        if let runner = script.runner(of: pipeline.positions[0]),
          !RunShell(words: [runner.name?.value ?? "sh"], position: nil).hasPipefailOption
        {
          continue
        }
        let reader = commands[pipeline.positions[hidden + 1]]
        let last = commands[pipeline.positions.last!]
        let range = reader.separatorRange ?? reader.name?.range ?? reader.range
        var fix: Fix?
        if isShellForm, commands[pipeline.positions[0]].nesting == 0,
          let stage = file.stage(containing: position),
          !stage.chain(in: file.stages).contains(where: { fixedStages.contains($0.index) }),
          let edit = Self.shellEdit(before: position, shell: shell, userland: userland, in: file)
        {
          fixedStages.insert(stage.index)
          fix = Fix(title: "set a SHELL with `pipefail`", edits: [edit.edit], safety: .unsafe)
        }
        let shellName = userland == .busybox ? "/bin/ash" : "/bin/bash"
        findings.append(
          finding(
            range, Self.message(commands[pipeline.positions[hidden]].program, last.program),
            help: "add `SHELL [\"\(shellName)\", \"-o\", \"pipefail\", \"-c\"]` before this RUN, "
              + "or start the RUN with `set -o pipefail &&`", fix: fix))
        reported = true
        break
      }
      if reported { continue }
      // `x=$(a | b) && …`: the assignment fails with the substitution's pipeline.
      for assigned in script.assignedPipelines {
        let options = script.options(before: assigned.position, initial: initial)
        guard !options.pipefail,
          let hidden = assigned.pipeline.hiddenPositions.first(where: {
            !assigned.commands[$0].cannotFailInPipe
          }),
          script.usesStatus(of: Pipeline(positions: [assigned.position]), options: options)
        else { continue }
        let last = assigned.commands[assigned.pipeline.positions.last!]
        findings.append(
          finding(
            assigned.word.range, Self.message(assigned.commands[hidden].program, last.program),
            help: "add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before this RUN "
              + "(`pipefail` also holds in command substitutions), or `set -o pipefail` in the RUN")
        )
        break
      }
    }
  }

  /// A SHELL line with `pipefail` before the RUN at `position` (above the comments right
  /// before it, which may be its suppressions), when the image has the shell: bash on GNU
  /// systems or where the stage installs it, ash on BusyBox. Only the default shell or a
  /// plain `SHELL ["…/bash", "-c"]` is replaced, so no other option is lost.
  static func shellEdit(
    before position: Int, shell: RunShell, userland: ImageUserland, in file: AnalyzedDockerfile
  ) -> (edit: Fix.Edit, shell: String)? {
    let replaceable =
      shell.words.isEmpty
      || (shell.words.count == 2 && shell.words[1] == "-c"
        && ["sh", "bash"].contains(shell.program))
    guard replaceable else { return nil }
    let program: String
    if userland == .gnu || file.installsPackage("bash", before: position) {
      program = "/bin/bash"
    } else if userland == .busybox {
      program = "/bin/ash"
    } else {
      return nil
    }
    let instruction = file.instructions[position]
    let source = file.source
    let bytes = source.bytes
    var lineStart = instruction.range.start
    while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
    // Step over the comment lines right above the RUN.
    while lineStart > 0 {
      var previous = lineStart - 1
      while previous > 0 && bytes[previous - 1] != 0x0A { previous -= 1 }
      var first = previous
      while first < lineStart, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
      guard first < lineStart, bytes[first] == UInt8(ascii: "#") else { break }
      lineStart = previous
    }
    var indentEnd = lineStart
    while indentEnd < bytes.count, bytes[indentEnd] == 0x20 || bytes[indentEnd] == 0x09 {
      indentEnd += 1
    }
    let indent = source.text(SourceRange(start: lineStart, end: indentEnd))
    let keyword = instruction.keyword == instruction.keyword.lowercased() ? "shell" : "SHELL"
    let text = "\(indent)\(keyword) [\"\(program)\", \"-o\", \"pipefail\", \"-c\"]\n"
    return (.insert(text, at: lineStart), program)
  }
}
