/// Turns one logical line into a typed ``Instruction``, following BuildKit's `splitCommand`,
/// `extractBuilderFlags` and per-instruction line parsers, then checks what BuildKit's
/// instruction layer would reject.
struct InstructionBuilder {
  let logical: LogicalLine
  let escape: UInt8
  var diagnostics: [SyntaxDiagnostic] = []

  init(logical: LogicalLine, escape: UInt8) {
    self.logical = logical
    self.escape = escape
  }

  var bytes: [UInt8] { logical.bytes }

  func range(_ start: Int, _ end: Int) -> SourceRange { logical.sourceRange(start, end) }

  func word(_ start: Int, _ end: Int, expandable: Bool = false) -> Word {
    Word(
      text: logical.text(start, end), range: range(start, end),
      variables: expandable ? variables(start, end) : [])
  }

  mutating func diagnose(_ kind: SyntaxDiagnosticKind, _ range: SourceRange) {
    diagnostics.append(SyntaxDiagnostic(kind: kind, range: range))
  }

  mutating func instruction(from start: Int, to end: Int) -> Instruction {
    let lineStart = GoText.skipUnicodeSpace(bytes[start..<end], from: start)
    let lineEnd = GoText.trimUnicodeSpaceRight(bytes, start: lineStart, end: end)
    var keywordEnd = lineStart
    while keywordEnd < lineEnd && !GoText.isRegexWhitespace(bytes[keywordEnd]) { keywordEnd += 1 }
    var flags: [Flag] = []
    var argsStart = lineEnd
    if keywordEnd < lineEnd {
      var afterKeyword = keywordEnd
      while afterKeyword < lineEnd && GoText.isRegexWhitespace(bytes[afterKeyword]) {
        afterKeyword += 1
      }
      let scan = scanFlags(from: afterKeyword, to: lineEnd)
      flags = scan.flags
      argsStart = GoText.skipUnicodeSpace(bytes[scan.rest..<lineEnd], from: scan.rest)
    }
    let argsEnd = GoText.trimUnicodeSpaceRight(bytes, start: argsStart, end: lineEnd)
    let keyword = logical.text(lineStart, keywordEnd)
    let kind = InstructionKind(keyword: keyword)
    let keywordRange = range(lineStart, keywordEnd)
    let arguments = parseArguments(kind, argsStart, argsEnd, keywordRange: keywordRange)
    var instruction = Instruction(
      keyword: keyword, kind: kind, keywordRange: keywordRange,
      range: range(lineStart, lineEnd), startLine: 0, endLine: 0,
      original: logical.text(start, end), flags: flags, arguments: arguments, heredocs: [],
      textMap: logical.textMap(origin: start))
    validate(&instruction, argumentsRange: range(argsStart, argsEnd))
    return instruction
  }

  // MARK: - Argument forms

  mutating func parseArguments(
    _ kind: InstructionKind, _ start: Int, _ end: Int, keywordRange: SourceRange
  ) -> Arguments {
    switch kind {
    case .run, .cmd, .entrypoint, .shell:
      return maybeJSON(start, end)
    case .add, .copy, .volume:
      return maybeJSONToList(start, end, expandable: true)
    case .from, .expose:
      return start == end ? .none : .words(whitespaceSeparated(start, end, expandable: true))
    case .env, .label:
      return keyValues(start, end, keyword: kind.rawValue.uppercased())
    case .arg:
      let words = quoteAwareWords(start, end)
      return words.isEmpty ? .none : .declarations(words)
    case .maintainer, .user, .workdir, .stopsignal:
      return start == end ? .none : .text(word(start, end, expandable: kind != .maintainer))
    case .healthcheck:
      return healthcheck(start, end)
    case .onbuild:
      return start == end ? .none : .trigger(instruction(from: start, to: end))
    case .unknown:
      return .ignored
    }
  }

  mutating func maybeJSON(_ start: Int, _ end: Int) -> Arguments {
    guard start < end else { return .none }
    switch JSONArrayReader.read(bytes, from: start, to: end) {
    case .strings(let elements):
      return .exec(elements.map { Word(text: $0.value, range: range($0.start, $0.end)) })
    case .nonStringElement:
      diagnose(.nonStringJSONArray, range(start, end))
      return .text(word(start, end))
    case .notJSON:
      return .text(word(start, end))
    }
  }

  mutating func maybeJSONToList(_ start: Int, _ end: Int, expandable: Bool) -> Arguments {
    switch JSONArrayReader.read(bytes, from: start, to: end) {
    case .strings(let elements):
      return .exec(
        elements.map {
          Word(
            text: $0.value, range: range($0.start, $0.end),
            variables: expandable ? variables($0.start + 1, $0.end - 1) : [])
        })
    case .nonStringElement:
      diagnose(.nonStringJSONArray, range(start, end))
    case .notJSON:
      break
    }
    return start == end ? .none : .words(whitespaceSeparated(start, end, expandable: expandable))
  }

  /// `reWhitespace.Split(rest, -1)`: ASCII blanks only, runs collapse.
  func whitespaceSeparated(_ start: Int, _ end: Int, expandable: Bool) -> [Word] {
    var words: [Word] = []
    var index = start
    var wordStart = start
    while index <= end {
      if index == end || GoText.isRegexWhitespace(bytes[index]) {
        words.append(word(wordStart, index, expandable: expandable))
        while index < end && GoText.isRegexWhitespace(bytes[index]) { index += 1 }
        if index == end { break }
        wordStart = index
        continue
      }
      index += 1
    }
    return words
  }

  /// BuildKit's `parseHealthConfig`: the first word (split on byte-wise white space) is the
  /// type, the rest is parsed like CMD.
  mutating func healthcheck(_ start: Int, _ end: Int) -> Arguments {
    var separator = start
    while separator < end && !GoText.isLatin1Space(bytes[separator]) { separator += 1 }
    guard separator > start else { return .none }
    var next = separator
    while next < end && GoText.isLatin1Space(bytes[next]) { next += 1 }
    return .healthcheck(type: word(start, separator), command: maybeJSON(next, end))
  }
}
