/// Finds here-document markers in an instruction line exactly where BuildKit finds them:
/// the line is split into words by BuildKit's shell-word lexer (quotes, escapes and unset
/// variables kept raw), and each word shaped `[fd]<<[-]WORD` opens a heredoc.
struct HeredocMarker {
  var name: String
  var fileDescriptor: Int
  var expand: Bool
  var chomp: Bool
  /// Offsets in the logical line (bytes) of the marker word.
  var start: Int
  var end: Int
}

enum HeredocScanner {
  struct LexingError: Error {
    var message: String
  }

  /// The heredoc markers of `line`, in order. Throws only where BuildKit rejects the file.
  static func markers(in line: [UInt8]) throws(LexingError) -> [HeredocMarker] {
    let text = String(decoding: line, as: UTF8.self)
    var lexer = ShellWordLexer(text, rawQuotes: true, rawEscapes: true, heredocAware: true)
    // BuildKit ignores lexing errors here: a line it cannot split has no heredocs.
    guard let words = try? lexer.words() else { return [] }
    let scalarOffsets = ScalarByteOffsets(line)
    var markers: [HeredocMarker] = []
    for word in words {
      guard var marker = try parse(word.text) else { continue }
      marker.start = scalarOffsets.byteOffset(ofScalar: word.start)
      marker.end = scalarOffsets.byteOffset(ofScalar: word.end)
      markers.append(marker)
    }
    return markers
  }

  /// `^(\d*)<<(-?)\s*([^<]*)$` and BuildKit's quoted-delimiter detection.
  static func parse(_ word: String) throws(LexingError) -> HeredocMarker? {
    let scalars = Array(word.unicodeScalars)
    var index = 0
    while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
    let digits = String(String.UnicodeScalarView(scalars[0..<index]))
    guard index + 1 < scalars.count, scalars[index] == "<", scalars[index + 1] == "<" else {
      return nil
    }
    index += 2
    let chomp = index < scalars.count && scalars[index] == "-"
    if chomp { index += 1 }
    while index < scalars.count, [" ", "\t", "\n", "\u{0C}", "\r"].contains(scalars[index]) {
      index += 1
    }
    let rest = scalars[index...]
    guard !rest.isEmpty, !rest.contains("<") else { return nil }
    let restText = String(String.UnicodeScalarView(rest))

    var plain = ShellWordLexer(restText, rawQuotes: false, rawEscapes: false, heredocAware: false)
    let words: [ShellWordLexer.LexedWord]
    do { words = try plain.words() } catch { throw LexingError(message: error.message) }
    guard words.count == 1 else { return nil }
    var raw = ShellWordLexer(restText, rawQuotes: true, rawEscapes: false, heredocAware: false)
    let rawWords: [ShellWordLexer.LexedWord]
    do { rawWords = try raw.words() } catch { throw LexingError(message: error.message) }
    guard rawWords.count == 1 else {
      throw LexingError(
        message: "internal lexing of heredoc produced inconsistent results: \(restText)")
    }
    func quoteCount(_ text: String) -> Int {
      text.unicodeScalars.reduce(0) { $0 + ($1 == "'" || $1 == "\"" ? 1 : 0) }
    }
    return HeredocMarker(
      name: words[0].text,
      fileDescriptor: Int(digits.prefix(9)) ?? 0,
      expand: quoteCount(words[0].text) == quoteCount(rawWords[0].text),
      chomp: chomp, start: 0, end: 0)
  }
}

/// A port of the word-splitting half of BuildKit's `shell.Lex` with an empty environment and
/// `SkipUnsetEnv`, which is how the parser uses it to find heredocs.
struct ShellWordLexer {
  struct LexError: Error {
    var message: String
  }

  struct LexedWord {
    var text: String
    /// Scalar offsets in the input.
    var start: Int
    var end: Int
  }

  private let scalars: [Unicode.Scalar]
  private let source: String
  private var position = 0
  private let rawQuotes: Bool
  private var rawEscapes: Bool
  private let heredocAware: Bool
  private let escape: Unicode.Scalar = "\\"

  init(_ text: String, rawQuotes: Bool, rawEscapes: Bool, heredocAware: Bool) {
    source = text
    scalars = Array(text.unicodeScalars)
    self.rawQuotes = rawQuotes
    self.rawEscapes = rawEscapes
    self.heredocAware = heredocAware
  }

  private func peek() -> Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

  private mutating func next() -> Unicode.Scalar? {
    guard position < scalars.count else { return nil }
    position += 1
    return scalars[position - 1]
  }

  mutating func words() throws(LexError) -> [LexedWord] {
    try processStopOn(nil, rawEscapes: rawEscapes, trackWords: true).words
  }

  private struct Words {
    var word = ""
    var words: [LexedWord] = []
    var inWord = false
    var start: Int?
    var end = 0

    mutating func addChar(_ scalar: Unicode.Scalar) {
      if isSpace(scalar) && inWord {
        if !word.isEmpty { flush() }
      } else if !isSpace(scalar) {
        addRaw(String(scalar))
      }
    }

    mutating func addString(_ text: String) {
      for scalar in text.unicodeScalars { addChar(scalar) }
    }

    mutating func addRaw(_ text: String) {
      word += text
      inWord = true
    }

    mutating func flush() {
      words.append(LexedWord(text: word, start: start ?? end, end: end))
      word = ""
      inWord = false
      start = nil
    }

    mutating func finish() -> [LexedWord] {
      if !word.isEmpty { flush() }
      return words
    }
  }

  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
      0x3000:
      return true
    default:
      return false
    }
  }

  private mutating func processStopOn(
    _ stop: Unicode.Scalar?, rawEscapes: Bool, trackWords: Bool = false
  ) throws(LexError) -> (result: String, words: [LexedWord]) {
    var result = ""
    var words = Words()
    let saved = self.rawEscapes
    self.rawEscapes = rawEscapes
    defer { self.rawEscapes = saved }

    while let scalar = peek() {
      let tokenStart = position
      if let stop, scalar == stop {
        _ = next()
        return (result, words.finish())
      }
      switch scalar {
      case "$":
        let value = try processDollar()
        result += value
        words.addString(value)
      case "'":
        let value = try processSingleQuote()
        result += value
        words.addRaw(value)
      case "\"":
        let value = try processDoubleQuote()
        result += value
        words.addRaw(value)
      case "<" where heredocAware:
        let value = processPossibleHeredoc()
        result += value
        words.addRaw(value)
      default:
        _ = next()
        if scalar == escape {
          if self.rawEscapes {
            words.addRaw(String(scalar))
            result.unicodeScalars.append(scalar)
          }
          guard let escaped = next() else { break }
          words.addRaw(String(escaped))
          result.unicodeScalars.append(escaped)
        } else {
          words.addChar(scalar)
          result.unicodeScalars.append(scalar)
        }
      }
      if trackWords && words.inWord {
        if words.start == nil { words.start = tokenStart }
        words.end = position
      }
    }
    if let stop {
      throw LexError(message: "unexpected end of statement while looking for matching \(stop)")
    }
    return (result, words.finish())
  }

  private mutating func processSingleQuote() throws(LexError) -> String {
    var result = ""
    let quote = next()!
    if rawQuotes { result.unicodeScalars.append(quote) }
    while true {
      guard let scalar = next() else {
        throw LexError(
          message: "unexpected end of statement while looking for matching single-quote")
      }
      if scalar == "'" {
        if rawQuotes { result.unicodeScalars.append(scalar) }
        return result
      }
      result.unicodeScalars.append(scalar)
    }
  }

  private mutating func processDoubleQuote() throws(LexError) -> String {
    var result = ""
    let quote = next()!
    if rawQuotes { result.unicodeScalars.append(quote) }
    while true {
      guard let scalar = peek() else {
        throw LexError(
          message: "unexpected end of statement while looking for matching double-quote")
      }
      switch scalar {
      case "\"":
        _ = next()
        if rawQuotes { result.unicodeScalars.append(scalar) }
        return result
      case "$":
        result += try processDollar()
      default:
        var current = next()!
        if current == escape {
          if rawEscapes { result.unicodeScalars.append(current) }
          guard let following = peek() else { continue }
          if following == "\"" || following == "$" || following == escape {
            current = next()!
          }
        }
        result.unicodeScalars.append(current)
      }
    }
  }

  private mutating func processPossibleHeredoc() -> String {
    _ = next()
    guard peek() == "<" else { return "<" }
    _ = next()
    var result = "<<"
    if peek() == "-" {
      _ = next()
      result += "-"
    }
    while let scalar = peek(), scalar == " " || scalar == "\t" {
      _ = next()
      result.unicodeScalars.append(scalar)
    }
    return result
  }

  private mutating func processDollar() throws(LexError) -> String {
    _ = next()
    guard peek() == "{" else {
      let name = processName()
      return "$" + name
    }
    _ = next()
    switch peek() {
    case nil: throw LexError(message: "syntax error: missing '}'")
    case "{", "}", ":": throw LexError(message: "syntax error: bad substitution")
    default: break
    }
    let name = processName()
    let modifier = next()
    var modifierText = modifier.map { String($0) } ?? "\u{FFFD}"
    switch modifier {
    case "}":
      return "${\(name)}"
    case ":", "+", "-", "?", "#", "%":
      var effective = modifier
      if modifier == ":" {
        effective = next()
        modifierText += effective.map { String($0) } ?? ""
      }
      let raw = effective == "#" || effective == "%"
      do {
        let word = try processStopOn("}", rawEscapes: raw).result
        return "${\(name)\(modifierText)\(word)}"
      } catch {
        if peek() == nil { throw LexError(message: "syntax error: missing '}'") }
        throw error
      }
    case "/":
      if peek() == "/" { _ = next() }
      let pattern: String
      do { pattern = try processStopOn("/", rawEscapes: true).result } catch {
        if peek() == nil { throw LexError(message: "syntax error: missing '/' in ${}") }
        throw error
      }
      do {
        let replacement = try processStopOn("}", rawEscapes: true).result
        return "${\(name)/\(pattern)/\(replacement)}"
      } catch {
        if peek() == nil { throw LexError(message: "syntax error: missing '}'") }
        throw error
      }
    default:
      throw LexError(message: "unsupported modifier (\(modifierText)) in substitution")
    }
  }

  private mutating func processName() -> String {
    var name = String.UnicodeScalarView()
    while let scalar = peek() {
      if name.isEmpty && scalar.properties.numericType == .decimal {
        while let digit = peek(), digit.properties.numericType == .decimal {
          name.append(digit)
          _ = next()
        }
        return String(name)
      }
      if name.isEmpty && "@*#?-$!0".unicodeScalars.contains(scalar) {
        _ = next()
        return String(scalar)
      }
      let isLetter = scalar.properties.isAlphabetic && scalar.properties.generalCategory.isLetter
      guard isLetter || scalar.properties.numericType == .decimal || scalar == "_" else { break }
      name.append(scalar)
      _ = next()
    }
    return String(name)
  }
}

extension Unicode.GeneralCategory {
  var isLetter: Bool {
    switch self {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
      return true
    default:
      return false
    }
  }
}

/// Where each scalar of `String(decoding: bytes, as: UTF8.self)` starts in `bytes`. Counting
/// decoded widths would be wrong for invalid UTF-8: a replacement character is three bytes wide
/// but stands for one to three bytes of input.
struct ScalarByteOffsets {
  private var starts: [Int] = []
  private let byteCount: Int

  init(_ bytes: [UInt8]) {
    byteCount = bytes.count
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        starts.append(offset)
        offset += encoded.count
      case .error(let length):
        starts.append(offset)
        offset += length
      case .emptyInput:
        return
      }
    }
  }

  func byteOffset(ofScalar index: Int) -> Int {
    index < starts.count ? starts[index] : byteCount
  }
}
