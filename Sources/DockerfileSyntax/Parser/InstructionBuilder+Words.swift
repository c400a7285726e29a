extension InstructionBuilder {
  /// Width of the UTF-8 sequence at `index` (1 for an invalid byte, as Go's decoder steps).
  func scalarWidth(at index: Int, end: Int) -> Int {
    let lead = bytes[index]
    let width: Int
    switch lead {
    case 0xC2...0xDF: width = 2
    case 0xE0...0xEF: width = 3
    case 0xF0...0xF4: width = 4
    default: return 1
    }
    guard index + width <= end else { return 1 }
    for offset in 1..<width where bytes[index + offset] & 0xC0 != 0x80 { return 1 }
    return width
  }

  /// BuildKit's `extractBuilderFlags`: leading `--words`, quotes removed, the escape character
  /// keeping the next byte, a bare `--` ending the flags. It reads byte by byte, so 0x85 and
  /// 0xA0 split words exactly as they do in BuildKit.
  func scanFlags(from start: Int, to end: Int) -> (flags: [Flag], rest: Int) {
    var flags: [Flag] = []
    var word: [UInt8] = []
    var inWord = false
    var quote: UInt8?
    var blankOK = false
    var wordStart = start
    var index = start

    func finish(_ wordEnd: Int) {
      guard blankOK || !word.isEmpty else { return }
      flags.append(makeFlag(word, wordStart, wordEnd))
    }

    while index < end {
      let byte = bytes[index]
      if !inWord {
        if GoText.isLatin1Space(byte) {
          index += 1
          continue
        }
        guard byte == UInt8(ascii: "-"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "-")
        else { return (flags, index) }
        inWord = true
        wordStart = index
      }
      if let open = quote {
        if byte == open {
          quote = nil
        } else if byte == escape {
          if index + 1 == end {
            quote = nil
          } else {
            index += 1
            word.append(bytes[index])
          }
        } else {
          word.append(byte)
        }
        index += 1
        continue
      }
      if GoText.isLatin1Space(byte) {
        if word == [0x2D, 0x2D] { return (flags, index) }
        finish(index)
        word.removeAll()
        blankOK = false
        inWord = false
        index += 1
        continue
      }
      if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
        quote = byte
        blankOK = true
      } else if byte == escape {
        if index + 1 < end {
          index += 1
          word.append(bytes[index])
        }
      } else {
        word.append(byte)
      }
      index += 1
    }
    if inWord && word != [0x2D, 0x2D] { finish(end) }
    return (flags, end)
  }

  private func makeFlag(_ word: [UInt8], _ start: Int, _ end: Int) -> Flag {
    let text = String(decoding: word, as: UTF8.self)
    let body = text.dropFirst(2)
    let name: String
    let value: String?
    if let equals = body.utf8.firstIndex(of: UInt8(ascii: "=")) {
      name = String(body[..<equals])
      value = String(body[body.utf8.index(after: equals)...])
    } else {
      name = String(body)
      value = nil
    }
    var equalsIndex = end
    for index in start..<end where bytes[index] == UInt8(ascii: "=") {
      equalsIndex = index
      break
    }
    let valueStart = min(equalsIndex + 1, end)
    return Flag(
      name: name, value: value, text: text, range: range(start, end),
      nameRange: range(min(start + 2, equalsIndex), equalsIndex),
      valueRange: range(valueStart, end))
  }

  /// BuildKit's `parseWords`: white space separates words outside quotes; quotes and escapes
  /// stay in the word; an escape character at the very end is dropped.
  func quoteAwareWords(_ start: Int, _ end: Int) -> [Word] {
    quoteAwareSpans(start, end).map(\.word)
  }

  /// A word of ``quoteAwareWords(_:_:)`` with its logical offsets.
  struct Span {
    var word: Word
    var start: Int
    var end: Int
  }

  func quoteAwareSpans(_ start: Int, _ end: Int) -> [Span] {
    var words: [Span] = []
    var text: [UInt8] = []
    var inWord = false
    var quote: UInt8?
    var blankOK = false
    var wordStart = start
    var index = start

    func finish(_ wordEnd: Int) {
      guard blankOK || !text.isEmpty else { return }
      let word = Word(
        text: String(decoding: text, as: UTF8.self), range: range(wordStart, wordEnd),
        variables: variables(wordStart, wordEnd))
      words.append(Span(word: word, start: wordStart, end: wordEnd))
    }

    while index < end {
      let spaceWidth = GoText.unicodeSpaceLength(bytes, at: index)
      let width = spaceWidth > 0 ? spaceWidth : scalarWidth(at: index, end: end)
      let byte = bytes[index]
      if !inWord {
        if spaceWidth > 0 {
          index += width
          continue
        }
        inWord = true
        wordStart = index
      }
      if let open = quote {
        if byte == open { quote = nil }
        if byte == escape && open != UInt8(ascii: "'") {
          if index + width == end {
            quote = nil
            index += width
            continue
          }
          text.append(byte)
          index += width
          let nextWidth = scalarWidth(at: index, end: end)
          text += bytes[index..<(index + nextWidth)]
          index += nextWidth
          continue
        }
        text += bytes[index..<(index + width)]
        index += width
        continue
      }
      if spaceWidth > 0 {
        finish(index)
        text.removeAll()
        blankOK = false
        inWord = false
        index += width
        continue
      }
      if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
        quote = byte
        blankOK = true
      }
      if byte == escape {
        if index + width == end {
          index += width
          continue
        }
        text.append(byte)
        index += width
        let nextWidth = scalarWidth(at: index, end: end)
        text += bytes[index..<(index + nextWidth)]
        index += nextWidth
        continue
      }
      text += bytes[index..<(index + width)]
      index += width
    }
    if inWord { finish(end) }
    return words
  }

  /// ENV and LABEL: `key=value …`, or the legacy `key value` when the first word has no `=`.
  mutating func keyValues(_ start: Int, _ end: Int, keyword: String) -> Arguments {
    let spans = quoteAwareSpans(start, end)
    guard let first = spans.first else { return .none }
    let expandKeys = keyword == "LABEL"
    if !first.word.text.contains("=") {
      var keyEnd = start
      while keyEnd < end && !GoText.isRegexWhitespace(bytes[keyEnd]) { keyEnd += 1 }
      var valueStart = keyEnd
      while valueStart < end && GoText.isRegexWhitespace(bytes[valueStart]) { valueStart += 1 }
      if keyEnd == end {
        diagnose(.keyValueMissingValue(keyword: keyword), range(start, end))
      }
      let pair = KeyValuePair(
        key: word(start, keyEnd, expandable: expandKeys),
        value: word(valueStart, end, expandable: true), range: range(start, end))
      return .keyValues([pair], legacy: true)
    }
    var pairs: [KeyValuePair] = []
    for span in spans {
      let text = span.word.text
      guard let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) else {
        diagnose(.keyValueMissingEquals(word: text), span.word.range)
        continue
      }
      // Offsets come from the raw bytes: decoding may have replaced invalid UTF-8, which
      // changes lengths.
      let separator =
        bytes[span.start..<span.end].firstIndex(of: UInt8(ascii: "=")) ?? span.start
        + text.utf8.distance(from: text.startIndex, to: equals)
      let valueStart = separator + 1
      let key = Word(
        text: String(text[..<equals]), range: range(span.start, separator),
        variables: expandKeys ? variables(span.start, separator) : [])
      let value = Word(
        text: String(text[text.utf8.index(after: equals)...]),
        range: range(valueStart, max(valueStart, span.end)),
        variables: variables(valueStart, max(valueStart, span.end)))
      pairs.append(KeyValuePair(key: key, value: value, range: span.word.range))
    }
    return .keyValues(pairs, legacy: false)
  }
}
