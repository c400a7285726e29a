/// What one comment says when it is a suppression (see `PragmaSyntax` for the grammar).
struct ParsedPragma {
  var syntax: PragmaSyntax
  var fileWide = false
  /// `stage ignore=`: the rest of the stage (the whole stage when a FROM follows).
  var stageWide = false
  /// Each name with its byte offsets in the file.
  var names: [(text: String, range: Range<Int>)] = []
  var reason: String?
  /// Set when the comment is meant as a suppression but does not follow the grammar.
  var problem: String?
}

/// Reads a comment's text (the bytes after `#`) against every `PragmaSyntax`. Prose that only
/// mentions a tool ("ballast is our linter") is no pragma; a comment that starts like one and
/// then goes wrong is returned with its `problem`.
enum PragmaParser {
  static func parse(_ text: ArraySlice<UInt8>, isRule: (String) -> Bool) -> ParsedPragma? {
    var cursor = Cursor(bytes: text, position: text.startIndex)
    cursor.skipSpaces()
    let tool = cursor.word().lowercased()
    guard let syntax = PragmaSyntax.all.first(where: { $0.tool == tool }),
      cursor.skipSpaces() > 0
    else { return nil }
    var pragma = ParsedPragma(syntax: syntax)
    func malformed(_ message: String) -> ParsedPragma {
      pragma.problem = "malformed ignore comment: " + message
      return pragma
    }
    let keyword = syntax.keyword
    var word = cursor.word()
    let scopeWord = [syntax.fileWideWord, syntax.stageWord].compactMap { $0 }.first {
      word.lowercased() == $0
    }
    if let scopeWord {
      pragma.fileWide = scopeWord == syntax.fileWideWord
      pragma.stageWide = scopeWord == syntax.stageWord
      cursor.skipSpaces()
      let before = cursor.position
      word = cursor.word()
      guard word.lowercased() == keyword else {
        cursor.position = before
        let rules = cursor.rest.isEmpty ? "BL5001" : cursor.rest
        return malformed(
          "`\(scopeWord)` needs `\(keyword)=` and the rules (`# \(tool) \(scopeWord) \(keyword)=\(rules)`)"
        )
      }
    }
    guard word.lowercased() == keyword else {
      let words = [keyword] + [syntax.fileWideWord, syntax.stageWord].compactMap { $0 }
      guard !word.isEmpty, let near = Suggestion.closest(to: word, in: words) else { return nil }
      return malformed("`\(word)`; did you mean `\(near)`?")
    }
    let scope = scopeWord.map { "\($0) " } ?? ""
    cursor.skipSpaces()
    guard cursor.take("=") else {
      let rules = cursor.rest.isEmpty ? "BL5001" : cursor.rest
      return malformed(
        "`\(keyword)` needs `=` and the rules (`# \(tool) \(scope)\(keyword)=\(rules)`)")
    }
    repeat {
      cursor.skipSpaces()
      let start = cursor.position
      let name = cursor.name()
      guard !name.isEmpty else {
        return malformed(
          pragma.names.isEmpty ? "no rule id or name after `\(keyword)=`" : "no rule after `,`")
      }
      pragma.names.append((name, start..<cursor.position))
      cursor.skipSpaces()
    } while cursor.take(",")
    if cursor.atEnd { return pragma }
    if cursor.take("--") || cursor.take("#") {
      let reason = cursor.rest
      pragma.reason = reason.isEmpty ? nil : reason
      return pragma
    }
    let rest = cursor.rest
    let listed = pragma.names.map(\.text)
    let more = rest.split(separator: " ").map { String($0) }.prefix(while: isRule)
    if !more.isEmpty {
      return malformed(
        "separate rules with commas (`\(keyword)=\((listed + more).joined(separator: ","))`)")
    }
    return malformed(
      "write ` -- ` before a reason (`# \(tool) \(scope)\(keyword)=\(listed.joined(separator: ",")) -- \(rest)`)"
    )
  }

  /// Checkov's `checkov:skip=ID[,ID…][:reason]` and Trivy's `trivy:ignore:ID[:exp:DATE]`,
  /// wherever they stand in the comment (both tools search the comment for them). Only the
  /// first is read.
  static func parsePeerForms(_ text: ArraySlice<UInt8>) -> ParsedPragma? {
    for syntax in PragmaSyntax.all where syntax.form != .words {
      let separator = syntax.form == .colonAssignment ? "=" : ":"
      let marker = Array("\(syntax.tool):\(syntax.keyword)\(separator)".utf8)
      guard let found = text.firstRange(of: marker) else { continue }
      var cursor = Cursor(bytes: text, position: found.upperBound)
      var pragma = ParsedPragma(syntax: syntax)
      repeat {
        let start = cursor.position
        let name = cursor.name()
        if !name.isEmpty { pragma.names.append((name, start..<cursor.position)) }
      } while syntax.form == .colonAssignment && cursor.take(",")
      guard !pragma.names.isEmpty else { return nil }
      if syntax.form == .colonAssignment, cursor.take(":") {
        let reason = cursor.rest
        pragma.reason = reason.isEmpty ? nil : reason
      } else if syntax.form == .colonPath {
        // `:exp:2025-01-01` is read over; ballast does not expire ignores (a lint result
        // does not depend on the day it runs).
        if cursor.take(":exp:") { _ = cursor.name() }
        let reason = cursor.rest
        pragma.reason = reason.isEmpty ? nil : reason
      }
      return pragma
    }
    return nil
  }

  /// A position in the comment's bytes.
  struct Cursor {
    var bytes: ArraySlice<UInt8>
    var position: Int

    var atEnd: Bool { position >= bytes.endIndex }

    /// What is left, without surrounding spaces.
    var rest: String {
      String(decoding: bytes[position...], as: UTF8.self).trimmingCharacters()
    }

    /// Skips spaces and tabs; returns how many.
    @discardableResult mutating func skipSpaces() -> Int {
      let start = position
      while !atEnd, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
      return position - start
    }

    mutating func take(_ literal: String) -> Bool {
      let expected = Array(literal.utf8)
      guard bytes[position...].starts(with: expected) else { return false }
      position += expected.count
      return true
    }

    /// Letters only: a tool or keyword.
    mutating func word() -> String {
      read { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
    }

    /// A rule id or name (`BL1003`, `add-instead-of-copy`, `DL3008`, `SC2086`); never starts
    /// with `-`, so ` -- reason` is not a name.
    mutating func name() -> String {
      guard !atEnd, bytes[position] != UInt8(ascii: "-") else { return "" }
      return read { byte in
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
          UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
          return true
        default:
          return false
        }
      }
    }

    private mutating func read(while accepted: (UInt8) -> Bool) -> String {
      let start = position
      while !atEnd, accepted(bytes[position]) { position += 1 }
      return String(decoding: bytes[start..<position], as: UTF8.self)
    }
  }
}

extension String {
  fileprivate func trimmingCharacters() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
    return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
  }
}
