import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `RUN chown -R` / `chmod -R` over files a COPY put in place: every file is stored again.
struct ChownInSeparateLayerRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1008", name: "chown-in-separate-layer", severity: .warning,
    summary: "`chown`/`chmod -R` on copied files stores them all a second time in a new layer.",
    fix: .unsafe)

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    for position in file.finalImagePositions {
      guard let script = file.scripts[position], script.isFullyParsed,
        let directory = file.workingDirectory(before: position)
      else { continue }
      for command in script.commands where command.program == "chown" || command.program == "chmod"
      {
        let arguments = command.parsedArguments
        guard arguments.has("--recursive", "-R") else { continue }
        // The first operand is the owner or mode, unless `--reference=FILE` gives it.
        let targets = command.pathOperands(in: directory).dropFirst(
          arguments.has("--reference") ? 0 : 1)
        for (word, target) in targets {
          guard
            let origin = file.addedPaths.last(
              within: target, before: position, where: { $0.what != "download" })?.path
          else {
            continue
          }
          let flag = command.program == "chown" ? "--chown" : "--chmod"
          findings.append(
            finding(
              command.name?.range ?? word.range,
              "`\(command.program) -R` on `\(word.value)` rewrites the files the \(origin.what) on line "
                + "\(origin.line) added; the new layer stores every one of them again",
              help: "set ownership or mode while copying: `\(origin.what) \(flag)=… …`",
              fix: fix(command, target: target, at: position, in: file),
              related: [RelatedLocation(range: origin.range, message: "the files are added here")]))
          break
        }
      }
    }
  }

  /// `COPY --chown=owner` (`--chmod=mode`) on the COPY that added exactly the target, and the
  /// command (or the whole RUN) removed. Unsafe: COPY sets the owner of what it copies, while
  /// `chown -R` also changed the folder itself and whatever else it held.
  func fix(_ command: ShellCommand, target: String, at position: Int, in file: AnalyzedDockerfile)
    -> Fix?
  {
    guard let script = file.scripts[position], command.nesting == 0 else { return nil }
    let operands = command.arguments.filter { !$0.value.hasPrefix("-") }
    let options = command.arguments.filter { $0.value.hasPrefix("-") }
    guard operands.count == 2,
      options.allSatisfy({
        $0.value == "--recursive" || $0.value.wholeMatch(of: /-[Rfvc]*R[Rfvc]*/) != nil
      }),
      let value = operands.first, value.isLiteral
    else { return nil }
    let isChown = command.program == "chown"
    guard
      isChown
        ? value.value.wholeMatch(of: /[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?/)
          != nil
        : value.value.wholeMatch(of: /[0-7]{3,4}/) != nil
    else { return nil }
    // The COPY must be the last thing added inside the target, in this stage.
    guard let exact = file.addedPaths.last(at: target, before: position),
      let latest = file.addedPaths.last(within: target, before: position),
      exact.index == latest.index, exact.path.what != "download",
      file.stage(containing: exact.path.position)?.index == file.stage(containing: position)?.index
    else { return nil }
    let copy = file.instructions[exact.path.position]
    guard copy.kind == .copy || copy.kind == .add,
      copy.flag(isChown ? "chown" : "chmod") == nil
    else { return nil }
    let index = script.commands.firstIndex(of: command)
    let removal: Fix.Edit?
    if script.commands.count == 1 {
      removal = InstructionEdits.delete(file.instructions[position], in: file.source)
    } else {
      removal = index.flatMap { ShellEdits.remove($0, of: script, in: file) }
    }
    guard let removal else { return nil }
    let flag = (isChown ? "--chown=" : "--chmod=") + value.value
    return Fix(
      title: "set \(isChown ? "ownership" : "the mode") in the \(copy.keyword)",
      edits: [InstructionEdits.addFlag(flag, to: copy), removal], safety: .unsafe)
  }
}
