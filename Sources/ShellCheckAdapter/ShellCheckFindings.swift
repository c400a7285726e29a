import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// ShellCheck's comments as ballast findings, at the Dockerfile's own line and column.
public enum ShellCheckFindings {
  /// Scripts per ShellCheck call: one call per few hundred RUNs keeps start-up cost small and
  /// the command line short.
  public static let scriptsPerCall = 400

  /// The findings of every file, in order, from as few ShellCheck calls as the scripts need.
  public static func findings(for files: [AnalyzedDockerfile], runner: ShellCheckRunner)
    throws(ShellCheckError) -> [[Finding]]
  {
    var owners: [(file: Int, script: ShellCheckScript)] = []
    for (index, file) in files.enumerated() {
      owners += ShellCheckScripts.scripts(in: file).map { (index, $0) }
    }
    var result = [[Finding]](repeating: [], count: files.count)
    var start = 0
    while start < owners.count {
      let chunk = owners[start..<min(start + scriptsPerCall, owners.count)]
      let comments = try runner.check(chunk.map(\.script.text))
      for (owner, found) in zip(chunk, comments) {
        result[owner.file] += found.map { finding($0, in: owner.script) }
      }
      start += scriptsPerCall
    }
    return result
  }

  /// One comment as a finding: `SC2086`, ShellCheck's level and message, the range ShellCheck
  /// names mapped into the Dockerfile (the RUN keyword if it falls outside the script).
  public static func finding(_ comment: ShellCheckComment, in script: ShellCheckScript) -> Finding {
    let id = code(comment.code)
    let range =
      script.sourceRange(
        line: comment.line, column: comment.column, endLine: comment.endLine,
        endColumn: comment.endColumn)
      ?? SourceRange(
        start: script.instructionRange.start,
        end: min(script.instructionRange.start + 3, script.instructionRange.end))
    return Finding(
      ruleID: id, severity: Severity(rawValue: comment.level) ?? .warning,
      message: comment.message, range: range,
      help: "ShellCheck explains \(id) at \(ShellCheckCodes.wikiURL(id))")
  }

  /// `SC` and the code in four digits.
  public static func code(_ number: Int) -> String {
    let digits = String(number)
    return "SC" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
