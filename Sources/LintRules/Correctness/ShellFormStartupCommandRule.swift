import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// CMD or ENTRYPOINT in shell form, where no SHELL says the shell is wanted: the program
/// runs under `/bin/sh -c`, which may keep signals such as SIGTERM from reaching it.
struct ShellFormStartupCommandRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL4040", name: "shell-form-startup-command", severity: .warning,
    summary:
      "CMD or ENTRYPOINT is in shell form, so `/bin/sh -c` may keep signals from the program.",
    peers: PeerEquivalents(hadolint: ["DL3025"], buildkit: ["JSONArgsRecommended"]), fix: .unsafe)

  fileprivate static func message(_ keyword: String) -> String {
    "\(keyword) in shell form runs under `/bin/sh -c`: the shell may be PID 1 and SIGTERM may "
      + "never reach the program, so `docker stop` waits and kills it"
  }

  fileprivate static func notJSONMessage(_ keyword: String) -> String {
    "\(keyword) looks like an exec-form list but is not valid JSON (use double quotes), so it "
      + "runs as a shell command and fails"
  }

  fileprivate static let healthcheckMessage =
    "HEALTHCHECK CMD in shell form starts `/bin/sh -c` for every probe, and fails in an image "
    + "without a shell: these plain words run the same in the exec form"

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // Per stage, at its end: whether a SHELL ran, and its CMD and ENTRYPOINT forms.
    var ends: [StageEnd] = []
    for stage in file.stages {
      var state = stage.baseStage.flatMap { $0 < ends.count ? ends[$0] : nil } ?? StageEnd()
      let positions = stage.instructionIndices
      // CMD and ENTRYPOINT anywhere in the stage shape the image, whatever their order.
      let hasCMD = positions.contains { file.instructions[$0].kind == .cmd }
      let finalEntrypoint =
        positions.last { file.instructions[$0].kind == .entrypoint }.map {
          file.instructions[$0].arguments.isJSON ? StageEnd.Form.exec : .shell
        } ?? state.entrypoint
      for position in positions {
        let instruction = file.instructions[position]
        switch instruction.kind {
        case .shell:
          // A SHELL says the shell form is meant (BuildKit's exception), unless it is a POSIX
          // shell again, set for RUN's sake (`-o pipefail`): CMD then has the same problem.
          let program = instruction.listWords?.first.map { Paths.baseName($0.text).lowercased() }
          state.shellSet = !AnalyzedDockerfile.posixShells.contains(program ?? "sh")
        case .cmd, .entrypoint:
          if case .text(let command) = instruction.arguments, !state.shellSet,
            !AnalyzedDockerfile.execsProgram(instruction)
          {
            findings.append(
              report(instruction, command, entrypoint: finalEntrypoint, stageHasCMD: hasCMD))
          }
        case .healthcheck:
          if !state.shellSet, let finding = healthcheck(instruction) { findings.append(finding) }
        default:
          break
        }
      }
      state.entrypoint = finalEntrypoint
      ends.append(state)
    }
  }

  /// A HEALTHCHECK command in shell form is a probe, not PID 1, so signals do not matter;
  /// only plain words (no operators, variables or quotes, which need the shell) are
  /// reported, where the exec form runs the program the same way without the shell.
  private func healthcheck(_ instruction: Instruction) -> Finding? {
    guard case .healthcheck(let type, let arguments) = instruction.arguments,
      type.text.uppercased() == "CMD", case .text(let command) = arguments,
      let words = ExecForm.words(of: command.text),
      words.first != "exec"
    else { return nil }
    let json = ExecForm.json(words)
    return finding(
      command.range, Self.healthcheckMessage, help: "write `HEALTHCHECK … CMD \(json)`",
      fix: Fix(
        title: "write the exec form",
        edits: [Fix.Edit(range: command.range, replacement: json)], safety: .safe))
  }

  private func report(
    _ instruction: Instruction, _ command: Word, entrypoint: StageEnd.Form, stageHasCMD: Bool
  ) -> Finding {
    let keyword = instruction.keyword.uppercased()
    let text = command.text
    if text.hasPrefix("["), text.hasSuffix("]") {
      return finding(
        command.range, Self.notJSONMessage(keyword),
        help: "write `\(keyword) [\"program\", \"argument\"]` with double quotes")
    }
    var fix: Fix?
    if let words = ExecForm.words(of: text) {
      // What else the image runs with decides whether the exec form changes behaviour:
      // an exec-form ENTRYPOINT receives CMD's words instead of `/bin/sh -c …`, and an
      // exec-form ENTRYPOINT starts receiving the CMD that a shell-form one ignored.
      let changesArguments = instruction.kind == .cmd ? entrypoint == .exec : stageHasCMD
      fix = Fix(
        title: "write the exec form",
        edits: [Fix.Edit(range: command.range, replacement: ExecForm.json(words))],
        safety: changesArguments ? .unsafe : .safe)
    }
    let help =
      fix.flatMap { $0.edits.first.map { "write `\(keyword) \($0.replacement)`" } }
      ?? "use the exec form (`\(keyword) [\"program\", \"argument\"]`) or a script that ends in `exec`; set SHELL if the shell is wanted"
    return finding(command.range, Self.message(keyword), help: help, fix: fix)
  }
}

private struct StageEnd {
  enum Form { case none, shell, exec }
  var shellSet = false
  var entrypoint = Form.none
}

/// Shell-form commands that are plain words, which the exec form runs the same way.
enum ExecForm {
  /// Characters that mean nothing to the shell inside a word.
  private static let plain = Set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:,@%+=")

  /// The words of `command` when it has no quoting, variables, globs, operators or
  /// assignments; nil otherwise.
  static func words(of command: String) -> [String]? {
    let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard let first = words.first, !first.contains("="),
      words.allSatisfy({ $0.allSatisfy(plain.contains) })
    else { return nil }
    return words
  }

  static func json(_ words: [String]) -> String {
    "[" + words.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
  }
}
