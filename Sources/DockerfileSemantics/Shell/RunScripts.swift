import DockerfileSyntax

/// Builds the shell script of each RUN once, for every rule to query.
enum RunScripts {
  static func script(for instruction: Instruction) -> ShellScript? {
    guard instruction.kind == .run else { return nil }
    return commandScript(of: instruction)
  }

  /// The commands of a RUN, CMD or ENTRYPOINT: its exec-form words, or its shell-form text
  /// (with the heredocs that are its script).
  static func commandScript(of instruction: Instruction) -> ShellScript? {
    switch instruction.arguments {
    case .exec(let words):
      guard let first = words.first else { return nil }
      let all = words.map { ShellWord(value: $0.text, range: $0.range, isLiteral: true) }
      var wrappers: [WrapperCall] = []
      var assignments: [ShellWord] = []
      let index = CommandBuilder.unwrap(
        all, from: 0, wrappers: &wrappers, assignments: &assignments)
      let command = ShellCommand(
        assignments: assignments, name: all[index], arguments: Array(all[(index + 1)...]),
        wrappers: wrappers, redirections: [], range: first.range, separator: nil, nesting: 0)
      var script = ShellScript(commands: [command], isFullyParsed: true)
      script.unwrapShellCommands()
      return script
    case .text(let word):
      let original = instruction.original
      let map = instruction.textMap
      let end = trimmedLength(original)
      let base = max(0, end - word.text.utf8.count)
      // Decoding replaced invalid UTF-8, so text offsets can run past the source: clamp.
      let bounds = instruction.range
      let script = ShellScript.parse(word.text) {
        clamp(map.sourceRange(base + $0, base + $1), to: bounds)
      }
      // Gathered first and set once: the script re-indexes its commands on every change.
      var commands = script.commands
      var isFullyParsed = script.isFullyParsed
      var unreachable = script.unreachableCommands
      for heredoc in instruction.heredocs where runsAsScript(heredoc, after: commands) {
        let body = heredoc.effectiveContent
        let offset = heredoc.bodyRange.start
        let inner = ShellScript.parse(body) { start, end in
          heredoc.chomp
            ? heredoc.bodyRange
            : clamp(SourceRange(start: offset + start, end: offset + end), to: heredoc.bodyRange)
        }
        commands += inner.commands
        unreachable += inner.unreachableCommands
        isFullyParsed = isFullyParsed && inner.isFullyParsed
      }
      var result = ShellScript(commands: commands, isFullyParsed: isFullyParsed)
      result.unreachableCommands = unreachable
      return result
    default:
      return nil
    }
  }

  /// A heredoc is the script when RUN has no command of its own (`RUN <<EOF`) or feeds it
  /// to a shell (`RUN bash <<EOF`, `RUN sh -ex <<EOF`).
  static func runsAsScript(_ heredoc: Heredoc, after commands: [ShellCommand]) -> Bool {
    guard let command = commands.first else { return true }
    return commands.count == 1 && ShellScript.shells.contains(command.program)
      && !command.arguments.contains { $0.value == "-c" }
  }

  static func clamp(_ range: SourceRange, to bounds: SourceRange) -> SourceRange {
    let start = min(max(range.start, bounds.start), bounds.end)
    return SourceRange(start: start, end: min(max(range.end, start), bounds.end))
  }

  static func trimmedLength(_ text: String) -> Int {
    var bytes = Array(text.utf8)
    while let last = bytes.last,
      last == 0x20 || last == 0x09 || last == 0x0D || last == 0x0B || last == 0x0C
    {
      bytes.removeLast()
    }
    return bytes.count
  }
}
