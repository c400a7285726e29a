import DockerfileSemantics
import DockerfileSyntax

/// Edits of RUN scripts that fixes share: an option after a word, a command at the end, a
/// command removed. Each returns nil unless the edit is certain to land where it must: words
/// whose source text is exactly their value, at the top level of the script (not inside
/// `sh -c '…'`, whose words map to the whole quoted string).
public enum ShellEdits {
  /// True when `word` of `command` can be edited around: its range holds exactly its text.
  public static func isExact(_ word: ShellWord, of command: ShellCommand, in source: SourceFile)
    -> Bool
  {
    command.nesting == 0 && !word.range.isEmpty && word.isLiteral
      && source.text(word.range) == word.value
  }

  /// ` text` right after `word` (`apt-get install` → `apt-get install --no-install-recommends`).
  public static func insert(
    _ text: String, after word: ShellWord, of command: ShellCommand, in source: SourceFile
  ) -> Fix.Edit? {
    guard isExact(word, of: command, in: source) else { return nil }
    return .insert(" " + text, at: word.range.end)
  }

  /// `text ` right before the command's program (`CGO_ENABLED=0 go build`).
  public static func insert(
    _ text: String, before command: ShellCommand, in source: SourceFile
  ) -> Fix.Edit? {
    guard let name = command.name, isExact(name, of: command, in: source) else { return nil }
    return .insert(text + " ", at: name.range.start)
  }

  /// `command` run after the last command of the RUN: ` && command` on the same line, or on
  /// a continuation line of its own, indented like the last line, when the RUN already
  /// spans several; a new line in a heredoc script. Nil when anything but white space
  /// follows the last command (`;`, `&`, `fi`, a comment, a heredoc), where the place is
  /// not certain.
  public static func append(
    _ command: String, to position: Int, in file: AnalyzedDockerfile
  ) -> Fix.Edit? {
    let instruction = file.instructions[position]
    guard case .text = instruction.arguments, let script = file.scripts[position],
      script.isFullyParsed, let last = script.commands.last(where: { $0.nesting == 0 }),
      let name = last.name, isExact(name, of: last, in: file.source)
    else { return nil }
    let source = file.source
    let bytes = source.bytes
    let heredoc = instruction.heredocs.first { $0.bodyRange.contains(last.range) }
    if let heredoc, heredoc.chomp { return nil }
    let end = heredoc?.bodyRange.end ?? instruction.range.end
    guard last.range.end <= end,
      bytes[last.range.end..<end].allSatisfy({ [0x20, 0x09, 0x0D, 0x0A].contains($0) })
    else { return nil }
    // Where the last command's line starts, and its indentation.
    var lineStart = last.range.start
    while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
    var indentEnd = lineStart
    while indentEnd < bytes.count && (bytes[indentEnd] == 0x20 || bytes[indentEnd] == 0x09) {
      indentEnd += 1
    }
    let indent = source.text(SourceRange(start: lineStart, end: indentEnd))
    if heredoc != nil {
      return .insert("\n" + indent + command, at: last.range.end)
    }
    guard lineStart > instruction.range.start else {
      return .insert(" && " + command, at: last.range.end)
    }
    let escape = String(file.syntax.escapeCharacter)
    return .insert(" \(escape)\n" + indent + "&& " + command, at: last.range.end)
  }

  /// Removes the command at `index` with the `&&` joining it to the next command
  /// (`apk update && apk add x` → `apk add x`), or for the last command, to the previous one.
  /// Nil unless only white space, line continuations and that `&&` lie between them, and
  /// (for the last command) only white space follows it.
  public static func remove(_ index: Int, of script: ShellScript, in file: AnalyzedDockerfile)
    -> Fix.Edit?
  {
    let commands = script.commands
    guard commands.indices.contains(index), commands[index].nesting == 0 else { return nil }
    if index + 1 < commands.count {
      return removeBetween(commands[index], commands[index + 1], keep: .second, in: file)
    }
    guard index > 0 else { return nil }
    // A binary search: a linear search per fix made 10,000 fixes quadratic.
    let end = file.position(containing: commands[index].range).map {
      file.instructions[$0].range.end
    }
    guard let end, commands[index].range.end <= end,
      file.source.bytes[commands[index].range.end..<end].allSatisfy({
        [0x20, 0x09, 0x0D, 0x0A].contains($0)
      })
    else { return nil }
    return removeBetween(commands[index - 1], commands[index], keep: .first, in: file)
  }

  enum Kept { case first, second }

  private static func removeBetween(
    _ command: ShellCommand, _ next: ShellCommand, keep: Kept, in file: AnalyzedDockerfile
  ) -> Fix.Edit? {
    guard next.separator == "&&", command.nesting == 0, next.nesting == 0,
      let name = command.name, isExact(name, of: command, in: file.source),
      let nextName = next.name, isExact(nextName, of: next, in: file.source),
      command.range.end <= next.range.start
    else { return nil }
    let between = file.source.text(SourceRange(start: command.range.end, end: next.range.start))
    let escape = file.syntax.escapeCharacter
    let rest = between.filter { !" \t\r\n&".contains($0) && $0 != escape }
    guard rest.isEmpty, between.filter({ $0 == "&" }).count == 2, between.contains("&&") else {
      return nil
    }
    switch keep {
    case .second: return .delete(SourceRange(start: command.range.start, end: next.range.start))
    case .first: return .delete(SourceRange(start: command.range.end, end: next.range.end))
    }
  }
}

/// Edits of whole instructions.
public enum InstructionEdits {
  /// Deletes the instruction with its line (from the start of its first line through the
  /// line break after it); nil when anything else shares those lines.
  public static func delete(_ instruction: Instruction, in source: SourceFile) -> Fix.Edit? {
    let bytes = source.bytes
    var start = instruction.range.start
    while start > 0 && (bytes[start - 1] == 0x20 || bytes[start - 1] == 0x09) { start -= 1 }
    guard start == 0 || bytes[start - 1] == 0x0A else { return nil }
    var end = instruction.range.end
    while end < bytes.count && (bytes[end] == 0x20 || bytes[end] == 0x09 || bytes[end] == 0x0D) {
      end += 1
    }
    if end < bytes.count {
      guard bytes[end] == 0x0A else { return nil }
      end += 1
    }
    return .delete(SourceRange(start: start, end: end))
  }

  /// ` --name=value` right after the keyword, before any other flag.
  public static func addFlag(_ flag: String, to instruction: Instruction) -> Fix.Edit {
    .insert(" " + flag, at: instruction.keywordRange.end)
  }
}
