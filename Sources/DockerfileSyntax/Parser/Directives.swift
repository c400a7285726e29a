extension LineParser {
  static let knownDirectives: Set<String> = ["syntax", "escape", "check"]

  /// BuildKit's directive reader: `#`, optional space, `name = value`, only while every line so
  /// far has been a known directive. Later directive-shaped comments are ordinary comments,
  /// which ballast points out because they silently do nothing.
  mutating func readDirective(_ start: Int, _ end: Int) {
    guard let match = matchDirective(start, end) else {
      directivesDone = true
      return
    }
    let name = String(decoding: bytes[match.name], as: UTF8.self).lowercased()
    guard !directivesDone else {
      if Self.knownDirectives.contains(name) {
        diagnose(.misplacedDirective(name: name), start, end)
      }
      return
    }
    guard Self.knownDirectives.contains(name) else {
      directivesDone = true
      return
    }
    let value = String(decoding: bytes[match.value], as: UTF8.self)
    let range = SourceRange(start: start, end: end)
    if directives.contains(where: { $0.name == name }) {
      diagnose(.duplicateDirective(name: name), range)
      return
    }
    directives.append(
      Directive(
        name: name, value: value, range: range,
        nameRange: SourceRange(start: match.name.lowerBound, end: match.name.upperBound),
        valueRange: SourceRange(start: match.value.lowerBound, end: match.value.upperBound)))
    if name == "escape" {
      if value == "\\" || value == "`" {
        escape = value.utf8.first!
      } else {
        diagnose(.invalidEscapeToken(value: value), range)
      }
    }
  }

  /// `^#` then `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` after left-trimming.
  private func matchDirective(_ start: Int, _ end: Int) -> (name: Range<Int>, value: Range<Int>)? {
    guard start < end, bytes[start] == UInt8(ascii: "#") else { return nil }
    var index = GoText.skipUnicodeSpace(bytes[(start + 1)..<end], from: start + 1)
    let nameStart = index
    func isLetter(_ byte: UInt8) -> Bool {
      (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
    guard index < end, isLetter(bytes[index]) else { return nil }
    while index < end && (isLetter(bytes[index]) || (0x30...0x39).contains(bytes[index])) {
      index += 1
    }
    let nameEnd = index
    while index < end && GoText.isRegexSpace(bytes[index]) { index += 1 }
    guard index < end, bytes[index] == UInt8(ascii: "=") else { return nil }
    index += 1
    while index < end && GoText.isRegexSpace(bytes[index]) { index += 1 }
    var valueEnd = end
    while valueEnd > index && GoText.isRegexSpace(bytes[valueEnd - 1]) { valueEnd -= 1 }
    guard valueEnd > index else { return nil }
    return (nameStart..<nameEnd, index..<valueEnd)
  }
}
