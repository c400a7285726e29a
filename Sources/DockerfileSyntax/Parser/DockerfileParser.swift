/// Parses Dockerfiles the way BuildKit's parser does, keeping a source range on every part.
///
/// The line layer below follows `frontend/dockerfile/parser/parser.go`: lines split on `\n`,
/// a BOM dropped from the first line, directives read until the first other line, comments
/// and empty lines skipped, continuation lines joined, heredoc bodies attached. It never
/// stops at a problem: each one becomes a ``SyntaxDiagnostic`` and parsing goes on.
public enum DockerfileParser {
  /// BuildKit's `bufio.Scanner` limit for one physical line.
  public static let maximumLineLength = 65_535

  public static func parse(_ source: SourceFile) -> Dockerfile {
    var parser = LineParser(source: source)
    parser.run()
    return Dockerfile(
      source: source, directives: parser.directives, instructions: parser.instructions,
      comments: parser.comments, diagnostics: parser.diagnostics,
      escapeCharacter: Character(Unicode.Scalar(parser.escape)))
  }

  public static func parse(path: String, text: String) -> Dockerfile {
    parse(SourceFile(path: path, text: text))
  }
}

/// One physical line: `start..<contentEnd` is its text without trailing `\r`/`\n`.
struct PhysicalLine {
  var start: Int
  var contentEnd: Int
  /// Offset after the line's `\n` (or the end of the file).
  var end: Int
}

struct LineParser {
  let source: SourceFile
  let bytes: [UInt8]
  var position = 0
  var lineNumber = 0
  var escape = UInt8(ascii: "\\")
  var directivesDone = false
  var directives: [Directive] = []
  var instructions: [Instruction] = []
  var comments: [Comment] = []
  var diagnostics: [SyntaxDiagnostic] = []
  private var reportedLongLine = false

  init(source: SourceFile) {
    self.source = source
    self.bytes = source.bytes
  }

  mutating func nextLine() -> PhysicalLine? {
    guard position < bytes.count else { return nil }
    let start = position
    var end = start
    while end < bytes.count && bytes[end] != GoText.newline { end += 1 }
    let next = end < bytes.count ? end + 1 : end
    var contentEnd = end
    while contentEnd > start && bytes[contentEnd - 1] == GoText.carriageReturn { contentEnd -= 1 }
    position = next
    if end - start > DockerfileParser.maximumLineLength && !reportedLongLine {
      reportedLongLine = true
      diagnose(.lineTooLong, start, end)
    }
    return PhysicalLine(start: start, contentEnd: contentEnd, end: next)
  }

  mutating func diagnose(_ kind: SyntaxDiagnosticKind, _ start: Int, _ end: Int) {
    diagnostics.append(SyntaxDiagnostic(kind: kind, range: SourceRange(start: start, end: end)))
  }

  mutating func diagnose(_ kind: SyntaxDiagnosticKind, _ range: SourceRange) {
    diagnostics.append(SyntaxDiagnostic(kind: kind, range: range))
  }

  private func isComment(_ line: PhysicalLine) -> (Bool, Int) {
    let first = GoText.skipUnicodeSpace(bytes[line.start..<line.contentEnd], from: line.start)
    return (first < line.contentEnd && bytes[first] == UInt8(ascii: "#"), first)
  }

  mutating func recordComment(from hash: Int, to end: Int) {
    let textStart = GoText.skipUnicodeSpace(bytes[(hash + 1)..<end], from: hash + 1)
    let textEnd = GoText.trimUnicodeSpaceRight(bytes, start: textStart, end: end)
    comments.append(
      Comment(
        text: String(decoding: bytes[textStart..<textEnd], as: UTF8.self),
        range: SourceRange(start: hash, end: end)))
  }

  /// BuildKit's continuation rule: the escape character, then only spaces and tabs, at the
  /// end of the line, and not itself escaped. Returns the end of the kept text.
  func continuationEnd(_ start: Int, _ end: Int) -> Int? {
    var last = end
    while last > start && (bytes[last - 1] == GoText.space || bytes[last - 1] == GoText.tab) {
      last -= 1
    }
    guard last > start, bytes[last - 1] == escape else { return nil }
    let escapeIndex = last - 1
    if escapeIndex == start { return start }
    return bytes[escapeIndex - 1] == escape ? nil : escapeIndex
  }

  mutating func run() {
    while let line = nextLine() {
      var start = line.start
      if lineNumber == 0 && bytes[start..<line.contentEnd].starts(with: [0xEF, 0xBB, 0xBF]) {
        start += 3
      }
      let trimmed = GoText.skipUnicodeSpace(bytes[start..<line.contentEnd], from: start)
      lineNumber += 1
      readDirective(trimmed, line.contentEnd)
      if trimmed < line.contentEnd && bytes[trimmed] == UInt8(ascii: "#") {
        recordComment(from: trimmed, to: line.contentEnd)
        continue
      }
      let firstEnd = continuationEnd(trimmed, line.contentEnd)
      if firstEnd == nil && trimmed == line.contentEnd { continue }

      let startLine = lineNumber
      var logical = LogicalLine()
      logical.append(bytes, trimmed..<(firstEnd ?? line.contentEnd))
      var lastEnd = line.contentEnd
      var continues = firstEnd != nil
      while continues, let next = nextLine() {
        lineNumber += 1
        lastEnd = next.contentEnd
        let (comment, first) = isComment(next)
        if comment {
          recordComment(from: first, to: next.contentEnd)
          continue
        }
        if first == next.contentEnd {
          diagnose(.emptyContinuationLine, next.start, next.contentEnd)
          continue
        }
        let keptEnd = continuationEnd(next.start, next.contentEnd)
        logical.append(bytes, next.start..<(keptEnd ?? next.contentEnd))
        continues = keptEnd != nil
      }

      var builder = InstructionBuilder(logical: logical, escape: escape)
      var instruction = builder.instruction(from: 0, to: logical.bytes.count)
      diagnostics += builder.diagnostics
      instruction.startLine = startLine
      instruction.endLine = lineNumber
      instruction.range = SourceRange(start: trimmed, end: lastEnd)
      readHeredocs(into: &instruction, logical: logical)
      instructions.append(instruction)
    }
    if instructions.isEmpty {
      diagnose(.noInstructions, 0, 0)
    }
  }

  /// Attaches heredoc bodies: the physical lines after the instruction, up to each terminator.
  mutating func readHeredocs(into instruction: inout Instruction, logical: LogicalLine) {
    let target = instruction.trigger ?? instruction
    guard target.kind.acceptsHeredocs, !target.arguments.isJSON,
      logical.bytes.count >= 2, containsHeredocOperator(logical.bytes)
    else { return }
    let markers: [HeredocMarker]
    do {
      markers = try HeredocScanner.markers(in: logical.bytes)
    } catch {
      diagnose(.heredocLexing(detail: error.message), instruction.range)
      return
    }
    for marker in markers {
      let terminator = Array(marker.name.utf8)
      let bodyStart = position
      var bodyEnd = position
      var content: [UInt8] = []
      var terminatorRange: SourceRange?
      while let line = nextLine() {
        lineNumber += 1
        var candidate = line.start
        if marker.chomp {
          while candidate < line.contentEnd && bytes[candidate] == GoText.tab { candidate += 1 }
        }
        if bytes[candidate..<line.contentEnd].elementsEqual(terminator) {
          terminatorRange = SourceRange(start: line.start, end: line.contentEnd)
          break
        }
        content += bytes[line.start..<line.end]
        bodyEnd = line.end
      }
      let markerRange = logical.sourceRange(marker.start, marker.end)
      instruction.heredocs.append(
        Heredoc(
          name: marker.name, fileDescriptor: marker.fileDescriptor, expand: marker.expand,
          chomp: marker.chomp, content: String(decoding: content, as: UTF8.self),
          markerRange: markerRange, bodyRange: SourceRange(start: bodyStart, end: bodyEnd),
          terminatorRange: terminatorRange))
      instruction.endLine = lineNumber
      instruction.range.end = terminatorRange?.end ?? max(instruction.range.end, bodyEnd)
      if terminatorRange == nil {
        diagnose(.unterminatedHeredoc(name: marker.name), markerRange)
        return
      }
    }
  }

  private func containsHeredocOperator(_ line: [UInt8]) -> Bool {
    let less = UInt8(ascii: "<")
    for index in 1..<line.count where line[index] == less && line[index - 1] == less {
      return true
    }
    return false
  }
}
