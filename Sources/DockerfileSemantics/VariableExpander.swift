/// The builder's variable substitution (`$x`, `${x}`, `${x:-w}`, `${x-w}`, `${x:+w}`,
/// `${x+w}`, `${x:?w}`, `${x?w}`, `${x#p}`, `${x%p}` …) with quotes removed, for the words the
/// builder expands. It answers nil instead of guessing when a variable has no known value.
public struct VariableExpander: Sendable {
  public var values: [String: String]
  public var escape: Unicode.Scalar
  /// Expand a variable missing from `values` to the empty string, as the builder does for
  /// one that is not set, instead of answering nil.
  public var unsetIsEmpty: Bool
  /// Names known to be unset (besides every missing name when `unsetIsEmpty`): `${x?w}` and
  /// `${x:?w}` fail on them, as the builder does, instead of answering nil.
  public var unset: Set<String> = []

  public init(values: [String: String], escape: Character = "\\", unsetIsEmpty: Bool = false) {
    self.values = values
    self.escape = escape.unicodeScalars.first ?? "\\"
    self.unsetIsEmpty = unsetIsEmpty
  }

  /// An expander for `text` given only the values of the names it mentions, so no caller
  /// copies a whole environment to expand one word.
  init(for text: String, escape: Character, lookup: (String) -> String?) {
    var known: [String: String] = [:]
    for name in Self.mentionedNames(in: text) {
      if let value = lookup(name) { known[name] = value }
    }
    self.init(values: known, escape: escape)
  }

  /// Every name that follows a `$` or `${` in `text`: a superset of what expanding it can
  /// look up, so callers can hand over just those values.
  static func mentionedNames(in text: String) -> [String] {
    // Most words are ASCII: read as bytes, each name is one String made from its bytes
    // (building it scalar by scalar cost 10 k instructions a word).
    let bytes = Array(text.utf8)
    guard bytes.contains(UInt8(ascii: "$")) else { return [] }
    if bytes.allSatisfy({ $0 < 0x80 }) { return asciiNames(in: bytes) }
    var names: [String] = []
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      guard scalars[index] == "$" else {
        index += 1
        continue
      }
      index += 1
      if index < scalars.count && scalars[index] == "{" { index += 1 }
      let start = index
      while index < scalars.count, isNameScalar(scalars[index]) { index += 1 }
      if index > start { names.append(String(String.UnicodeScalarView(scalars[start..<index]))) }
    }
    return names
  }

  private static func asciiNames(in bytes: [UInt8]) -> [String] {
    var names: [String] = []
    var index = 0
    while index < bytes.count {
      guard bytes[index] == UInt8(ascii: "$") else {
        index += 1
        continue
      }
      index += 1
      if index < bytes.count && bytes[index] == UInt8(ascii: "{") { index += 1 }
      let start = index
      while index < bytes.count, isNameScalar(Unicode.Scalar(bytes[index])) { index += 1 }
      if index > start { names.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
    }
    return names
  }

  private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
    // ASCII answered without the Unicode property table, which costs ~300 instructions.
    if scalar.isASCII {
      let value = scalar.value | 0x20
      return (0x61...0x7A).contains(value) || ("0"..."9").contains(scalar) || scalar == "_"
    }
    return scalar.properties.isAlphabetic
  }

  /// Nesting deeper than this is given up on (answers nil) rather than recursed into.
  static let maximumDepth = 64

  public func expand(_ text: String) -> String? {
    guard Self.needsExpansion(text, escape: escape) else { return text }
    var cursor = Cursor(scalars: Array(text.unicodeScalars))
    return expandWord(&cursor, stop: nil, depth: 0)
  }

  /// BuildKit's error when expanding `text` stops at a `${x?w}` or `${x:?w}` whose variable is
  /// unset (or, with `:`, empty): `x: w`, or `x: is not allowed to be unset` (`… empty`)
  /// without a word. Nil when expanding succeeds or meets a value it cannot know first.
  public func failure(_ text: String) -> String? {
    guard text.contains("?") else { return nil }
    var cursor = Cursor(scalars: Array(text.unicodeScalars))
    return expandWord(&cursor, stop: nil, depth: 0) == nil ? cursor.failure : nil
  }

  /// Whether `text` has anything to substitute or unquote; a byte scan, because this runs for
  /// every word the builder expands.
  private static func needsExpansion(_ text: String, escape: Unicode.Scalar) -> Bool {
    let escapeByte = escape.isASCII ? UInt8(escape.value) : UInt8(ascii: "\\")
    let found = text.utf8.contains {
      $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\"")
        || $0 == UInt8(ascii: "\\") || $0 == escapeByte
    }
    return found || (!escape.isASCII && text.unicodeScalars.contains(escape))
  }

  private struct Cursor {
    let scalars: [Unicode.Scalar]
    var position = 0
    /// Set when a required variable (`${x:?}`) stopped the expansion.
    var failure: String?
    var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }
    mutating func next() -> Unicode.Scalar? {
      defer { position += 1 }
      return peek
    }
  }

  private func expandWord(_ cursor: inout Cursor, stop: Unicode.Scalar?, depth: Int) -> String? {
    guard depth < Self.maximumDepth else { return nil }
    var result = String.UnicodeScalarView()
    while let scalar = cursor.peek {
      if let stop, scalar == stop { return String(result) }
      switch scalar {
      case "'":
        _ = cursor.next()
        while let inner = cursor.next(), inner != "'" { result.append(inner) }
      case "\"":
        _ = cursor.next()
        while let inner = cursor.peek, inner != "\"" {
          if inner == "$" {
            guard let value = dollar(&cursor, depth: depth) else { return nil }
            result.append(contentsOf: value.unicodeScalars)
          } else if inner == escape {
            _ = cursor.next()
            if let escaped = cursor.peek, escaped == "\"" || escaped == "$" || escaped == escape {
              result.append(escaped)
              _ = cursor.next()
            } else {
              result.append(inner)
            }
          } else {
            result.append(inner)
            _ = cursor.next()
          }
        }
        _ = cursor.next()
      case "$":
        guard let value = dollar(&cursor, depth: depth) else { return nil }
        result.append(contentsOf: value.unicodeScalars)
      default:
        _ = cursor.next()
        if scalar == escape {
          if let escaped = cursor.next() { result.append(escaped) }
        } else {
          result.append(scalar)
        }
      }
    }
    return stop == nil ? String(result) : nil
  }

  private func name(_ cursor: inout Cursor) -> String {
    var name = String.UnicodeScalarView()
    while let scalar = cursor.peek, Self.isNameScalar(scalar) {
      name.append(scalar)
      _ = cursor.next()
    }
    return String(name)
  }

  private func dollar(_ cursor: inout Cursor, depth: Int) -> String? {
    _ = cursor.next()
    guard cursor.peek == "{" else {
      let name = name(&cursor)
      if name.isEmpty { return "$" }
      return values[name] ?? (unsetIsEmpty ? "" : nil)
    }
    _ = cursor.next()
    let name = name(&cursor)
    guard !name.isEmpty, let modifier = cursor.next() else { return nil }
    let value = values[name]
    switch modifier {
    case "}":
      return value ?? (unsetIsEmpty ? "" : nil)
    case ":", "-", "+":
      var operation = modifier
      let treatEmptyAsUnset = modifier == ":"
      if treatEmptyAsUnset { operation = cursor.next() ?? "}" }
      guard operation == "-" || operation == "+" || operation == "?" else { return nil }
      guard let word = expandWord(&cursor, stop: "}", depth: depth + 1) else { return nil }
      _ = cursor.next()
      let isSet = value != nil && !(treatEmptyAsUnset && value!.isEmpty)
      if operation == "?" { return required(name, value, word: word, isSet: isSet, &cursor) }
      if operation == "-" { return isSet ? value : word }
      return isSet ? word : ""
    case "?":
      guard let word = expandWord(&cursor, stop: "}", depth: depth + 1) else { return nil }
      _ = cursor.next()
      return required(name, value, word: word, isSet: value != nil, &cursor)
    case "#", "%":
      var greedy = false
      if cursor.peek == modifier {
        greedy = true
        _ = cursor.next()
      }
      guard let pattern = expandWord(&cursor, stop: "}", depth: depth + 1),
        let value = value ?? (unsetIsEmpty ? "" : nil)
      else {
        return nil
      }
      _ = cursor.next()
      return Glob.trim(value, pattern: pattern, fromStart: modifier == "#", greedy: greedy)
    default:
      return nil
    }
  }

  /// `${name?word}` and `${name:?word}`: the value when set; otherwise BuildKit's error,
  /// recorded in the cursor, when the name is known to be unset (or is empty), else nil.
  private func required(
    _ name: String, _ value: String?, word: String, isSet: Bool, _ cursor: inout Cursor
  ) -> String? {
    if isSet { return value }
    let known = value != nil || unsetIsEmpty || unset.contains(name)
    if known {
      let reason = value == nil ? "is not allowed to be unset" : "is not allowed to be empty"
      cursor.failure = "\(name): \(word.isEmpty ? reason : word)"
    }
    return nil
  }
}

/// Shell pattern trimming for `${x#p}` and `${x%p}` (`*` and `?`).
enum Glob {
  static func matches(_ text: Substring, _ pattern: Substring) -> Bool {
    guard let first = pattern.first else { return text.isEmpty }
    let rest = pattern.dropFirst()
    switch first {
    case "*":
      var index = text.startIndex
      while true {
        if matches(text[index...], rest) { return true }
        if index == text.endIndex { return false }
        index = text.index(after: index)
      }
    case "?":
      return !text.isEmpty && matches(text.dropFirst(), rest)
    default:
      return text.first == first && matches(text.dropFirst(), rest)
    }
  }

  static func trim(_ value: String, pattern: String, fromStart: Bool, greedy: Bool) -> String {
    let characters = Array(value)
    let count = characters.count
    let lengths = greedy ? Array((0...count).reversed()) : Array(0...count)
    for length in lengths {
      let part = fromStart ? characters[0..<length] : characters[(count - length)..<count]
      if matches(Substring(String(part)), Substring(pattern)) {
        return fromStart
          ? String(characters[length..<count]) : String(characters[0..<(count - length)])
      }
    }
    return value
  }
}
