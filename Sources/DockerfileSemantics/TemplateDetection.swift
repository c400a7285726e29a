import DockerfileSyntax

/// Where a file shows that it is a Jinja, Go-template or similar source for a Dockerfile
/// rather than a Dockerfile: a line BuildKit cannot parse that holds `{{`, `{%` or `{#`, or a
/// `FROM` whose image is a template expression. Such a file is rendered before it is built;
/// reporting each template token as a syntax error (60 of them in one file) helps nobody.
public struct TemplateEvidence: Sendable, Hashable {
  /// The first template delimiter.
  public var range: SourceRange
  /// `{{`, `{%` or `{#`.
  public var delimiter: String
  /// How many lines hold template delimiters.
  public var lineCount: Int
}

extension AnalyzedDockerfile {
  static let templateDelimiters = ["{{", "{%", "{#"]

  /// Evidence that this file is a template, or nil for a Dockerfile.
  public var templateEvidence: TemplateEvidence? {
    let bytes = source.bytes
    // Cheap test first: no delimiter at all, no template.
    guard bytes.count > 1,
      (0..<(bytes.count - 1)).contains(where: {
        bytes[$0] == UInt8(ascii: "{")
          && [UInt8(ascii: "{"), UInt8(ascii: "%"), UInt8(ascii: "#")].contains(bytes[$0 + 1])
      })
    else { return nil }
    var first: (range: SourceRange, delimiter: String)?
    func delimiter(in range: SourceRange) -> (range: SourceRange, delimiter: String)? {
      var index = range.start
      while index + 1 < min(range.end, bytes.count) {
        if bytes[index] == UInt8(ascii: "{") {
          let next = bytes[index + 1]
          if next == UInt8(ascii: "{") || next == UInt8(ascii: "%") || next == UInt8(ascii: "#") {
            return (SourceRange(start: index, end: index + 2), "{" + String(UnicodeScalar(next)))
          }
        }
        index += 1
      }
      return nil
    }
    for diagnostic in syntax.diagnostics where diagnostic.severity == .error {
      let lineNumber = source.lineIndex.line(of: diagnostic.range.start)
      let starts = source.lineIndex.lineStarts
      let line = SourceRange(
        start: starts[lineNumber - 1],
        end: lineNumber < starts.count ? starts[lineNumber] : bytes.count)
      if let found = delimiter(in: line), first.map({ found.range.start < $0.range.start }) ?? true
      {
        first = found
      }
    }
    for stage in stages {
      guard let word = stage.baseWord, let found = delimiter(in: word.range) else { continue }
      if first.map({ found.range.start < $0.range.start }) ?? true { first = found }
    }
    guard let first else { return nil }
    var lines = 0
    var lineHasDelimiter = false
    for index in 0..<bytes.count {
      if bytes[index] == UInt8(ascii: "\n") {
        lineHasDelimiter = false
        continue
      }
      if !lineHasDelimiter, index + 1 < bytes.count, bytes[index] == UInt8(ascii: "{"),
        [UInt8(ascii: "{"), UInt8(ascii: "%"), UInt8(ascii: "#")].contains(bytes[index + 1])
      {
        lineHasDelimiter = true
        lines += 1
      }
    }
    return TemplateEvidence(range: first.range, delimiter: first.delimiter, lineCount: lines)
  }
}
