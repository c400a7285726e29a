/// A value read from YAML, with the line it starts on (1-based) for messages.
public struct YAMLNode: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// A scalar as written; `quoted` when it was in quotes (then never null or a boolean).
    case scalar(String, quoted: Bool)
    case sequence([YAMLNode])
    /// Keys in file order.
    case mapping([YAMLEntry])
    /// Nothing after `key:`, `~` or `null`.
    case null
  }

  public var kind: Kind
  public var line: Int

  public init(_ kind: Kind, line: Int) {
    self.kind = kind
    self.line = line
  }

  /// The scalar's text; nil for other kinds.
  public var text: String? {
    if case .scalar(let text, _) = kind { return text }
    return nil
  }

  /// `true`/`false` as YAML 1.1 spells them (`yes`, `on`, …), which hadolint's reader takes.
  public var bool: Bool? {
    guard case .scalar(let text, false) = kind else { return nil }
    switch text.lowercased() {
    case "true", "yes", "on", "y": return true
    case "false", "no", "off", "n": return false
    default: return nil
    }
  }
}

public struct YAMLEntry: Sendable, Equatable {
  public var key: String
  public var value: YAMLNode
  public var line: Int

  public init(key: String, value: YAMLNode, line: Int) {
    self.key = key
    self.value = value
    self.line = line
  }
}

/// Why a YAML text could not be read, with its line.
public struct YAMLError: Error, Equatable, Sendable {
  public var line: Int
  public var message: String

  public init(line: Int, message: String) {
    self.line = line
    self.message = message
  }
}

/// Reads the YAML that configuration files use, and rejects the rest with the line it stands
/// on: block mappings and sequences (a sequence may stand at its key's indentation), flow
/// sequences and mappings on one line (`[DL3008, DL3009]`, `{a: b}`), plain, single- and
/// double-quoted scalars, comments, and one document (`---` and `...` allowed). Anchors,
/// aliases, tags, block scalars (`|`, `>`), multi-line flow collections and multi-line plain
/// scalars are errors, never misread. Duplicate keys and tabs in indentation are errors.
public enum YAMLReader {
  public static func parse(_ text: String) throws(YAMLError) -> YAMLNode {
    var parser = try Parser(lines: lines(of: text))
    return try parser.document()
  }

  /// One line with its comment removed: the indentation and the content after it.
  struct Line {
    var number: Int
    var indent: Int
    var content: String
  }

  static func lines(of text: String) throws(YAMLError) -> [Line] {
    var result: [Line] = []
    var number = 0
    // "\r\n" is one Character in Swift: split on both.
    for raw in text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    {
      number += 1
      var line = Substring(raw)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if number == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
      let indent = line.prefix { $0 == " " }.count
      let rest = line.dropFirst(indent)
      if rest.hasPrefix("\t") {
        throw YAMLError(
          line: number, message: "a tab in the indentation (YAML indents with spaces)")
      }
      let content = try stripComment(String(rest), line: number)
      if content.isEmpty { continue }
      if indent == 0, content == "---" || content == "..." {
        if content == "---", !result.isEmpty {
          throw YAMLError(line: number, message: "a second document (only one is read)")
        }
        continue
      }
      if indent == 0, content.hasPrefix("%") {
        throw YAMLError(line: number, message: "directives (`%YAML`) are not supported")
      }
      result.append(Line(number: number, indent: indent, content: content))
    }
    return result
  }

  /// The line without a `#` comment (one at the start or after a space, outside quotes) and
  /// without trailing spaces.
  static func stripComment(_ text: String, line: Int) throws(YAMLError) -> String {
    var quote: Character?
    var previous: Character = " "
    var end = text.endIndex
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      if let open = quote {
        if open == "\"", character == "\\" {
          index = text.index(after: index)
          if index == text.endIndex { break }
        } else if character == open {
          quote = nil
        }
      } else if character == "#", previous == " " || previous == "\t" {
        end = index
        break
      } else if character == "\"" || character == "'",
        previous == " " || previous == "[" || previous == "{" || previous == ","
          || previous == ":" || previous == "-"
      {
        quote = character
      }
      previous = character
      index = text.index(after: index)
    }
    var content = text[..<end]
    while content.last == " " || content.last == "\t" { content = content.dropLast() }
    return String(content)
  }

  struct Parser {
    var lines: [Line]
    var position = 0

    init(lines: [Line]) throws(YAMLError) {
      self.lines = lines
    }

    var current: Line? { position < lines.count ? lines[position] : nil }

    mutating func document() throws(YAMLError) -> YAMLNode {
      guard let first = current else { return YAMLNode(.null, line: 1) }
      if first.indent != 0 {
        throw YAMLError(line: first.number, message: "the document starts indented")
      }
      let node = try block(indent: 0)
      if let extra = current {
        throw YAMLError(
          line: extra.number,
          message: extra.indent > 0
            ? "unexpected indentation" : "unexpected text after the document's value")
      }
      return node
    }

    /// The block value whose lines start at exactly `indent`.
    mutating func block(indent: Int) throws(YAMLError) -> YAMLNode {
      guard let line = current else { return YAMLNode(.null, line: lines.last?.number ?? 1) }
      if Self.isSequenceItem(line.content) { return try sequence(indent: indent) }
      if try Self.splitKey(line.content, line: line.number) != nil {
        return try mapping(indent: indent)
      }
      position += 1
      let value = try Self.inline(line.content, line: line.number)
      if let next = current, next.indent > indent {
        throw YAMLError(
          line: next.number,
          message: "a value on several lines (write it on one line, or in quotes)")
      }
      return value
    }

    static func isSequenceItem(_ content: String) -> Bool {
      content == "-" || content.hasPrefix("- ")
    }

    mutating func sequence(indent: Int) throws(YAMLError) -> YAMLNode {
      let start = current?.number ?? 1
      var items: [YAMLNode] = []
      while let line = current, line.indent == indent, Self.isSequenceItem(line.content) {
        let rest = line.content.dropFirst().drop { $0 == " " }
        if rest.isEmpty {
          position += 1
          if let next = current, next.indent > indent {
            items.append(try block(indent: next.indent))
          } else {
            items.append(YAMLNode(.null, line: line.number))
          }
          continue
        }
        // `- key: value` or `- - x`: the rest is a block at its own column.
        let column = indent + (line.content.count - rest.count)
        lines[position] = Line(number: line.number, indent: column, content: String(rest))
        items.append(try block(indent: column))
      }
      if let line = current, line.indent > indent {
        throw YAMLError(line: line.number, message: "unexpected indentation")
      }
      return YAMLNode(.sequence(items), line: start)
    }

    mutating func mapping(indent: Int) throws(YAMLError) -> YAMLNode {
      let start = current?.number ?? 1
      var entries: [YAMLEntry] = []
      while let line = current, line.indent == indent, !Self.isSequenceItem(line.content) {
        guard let (key, rest) = try Self.splitKey(line.content, line: line.number) else {
          throw YAMLError(
            line: line.number, message: "expected `key: value` like the lines above it")
        }
        if entries.contains(where: { $0.key == key }) {
          throw YAMLError(line: line.number, message: "the key '\(key)' is given twice")
        }
        position += 1
        let value: YAMLNode
        if !rest.isEmpty {
          value = try Self.inline(rest, line: line.number)
          if let next = current, next.indent > indent {
            throw YAMLError(
              line: next.number,
              message: "a value on several lines (write it on one line, or in quotes)")
          }
        } else if let next = current, next.indent > indent {
          value = try block(indent: next.indent)
        } else if let next = current, next.indent == indent, Self.isSequenceItem(next.content) {
          value = try sequence(indent: indent)
        } else {
          value = YAMLNode(.null, line: line.number)
        }
        entries.append(YAMLEntry(key: key, value: value, line: line.number))
      }
      if let line = current, line.indent > indent {
        throw YAMLError(line: line.number, message: "unexpected indentation")
      }
      return YAMLNode(.mapping(entries), line: start)
    }

    /// `key: rest` when the line is a mapping entry (the `:` outside quotes and brackets,
    /// followed by a space or the end); nil when it is not.
    static func splitKey(_ content: String, line: Int) throws(YAMLError) -> (String, String)? {
      var cursor = Cursor(text: Array(content), line: line)
      let key: String
      if cursor.peek == "\"" || cursor.peek == "'" {
        guard case .scalar(let text, _) = try cursor.quoted().kind else { return nil }
        key = text
        cursor.skipSpaces()
        guard cursor.peek == ":" else { return nil }
      } else {
        if cursor.peek == "[" || cursor.peek == "{" { return nil }
        if cursor.peek == "?" {
          throw YAMLError(line: line, message: "complex keys (`? `) are not supported")
        }
        var text = ""
        while let character = cursor.peek {
          if character == ":", cursor.peek(1) == nil || cursor.peek(1) == " " { break }
          text.append(character)
          cursor.index += 1
        }
        guard cursor.peek == ":" else { return nil }
        key = text.trimmingSpaces()
        if key.isEmpty { throw YAMLError(line: line, message: "a key is missing before `:`") }
      }
      cursor.index += 1
      return (key, String(cursor.text[cursor.index...]).trimmingSpaces())
    }

    /// A value written on one line: a flow collection or a scalar.
    static func inline(_ text: String, line: Int) throws(YAMLError) -> YAMLNode {
      var cursor = Cursor(text: Array(text), line: line)
      let value = try cursor.value(inFlow: false)
      cursor.skipSpaces()
      if let extra = cursor.peek {
        throw YAMLError(line: line, message: "unexpected `\(extra)` after the value")
      }
      return value
    }
  }

  struct Cursor {
    var text: [Character]
    var index = 0
    var line: Int

    init(text: [Character], line: Int) {
      self.text = text
      self.line = line
    }

    var peek: Character? { index < text.count ? text[index] : nil }
    func peek(_ offset: Int) -> Character? {
      index + offset < text.count ? text[index + offset] : nil
    }

    mutating func skipSpaces() {
      while peek == " " || peek == "\t" { index += 1 }
    }

    func fail(_ message: String) -> YAMLError { YAMLError(line: line, message: message) }

    mutating func value(inFlow: Bool) throws(YAMLError) -> YAMLNode {
      skipSpaces()
      guard let first = peek else { return YAMLNode(.null, line: line) }
      switch first {
      case "[": return try flowSequence()
      case "{": return try flowMapping()
      case "\"", "'": return try quoted()
      case "&", "*":
        throw fail("anchors and aliases (`\(first)`) are not supported")
      case "!": throw fail("tags (`!`) are not supported")
      case "|", ">":
        throw fail("block scalars (`\(first)`) are not supported; write the value on one line")
      case "@", "`": throw fail("a plain value cannot start with `\(first)`; put it in quotes")
      case "]", "}", ",":
        if inFlow { return YAMLNode(.null, line: line) }
        throw fail("unexpected `\(first)`")
      default:
        return plain(inFlow: inFlow)
      }
    }

    mutating func plain(inFlow: Bool) -> YAMLNode {
      var result = ""
      while let character = peek {
        if inFlow, character == "," || character == "]" || character == "}" { break }
        if inFlow, character == ":", peek(1) == " " || peek(1) == nil || peek(1) == "," {
          break
        }
        result.append(character)
        index += 1
      }
      let trimmed = result.trimmingSpaces()
      if trimmed == "~" || trimmed.lowercased() == "null" { return YAMLNode(.null, line: line) }
      return YAMLNode(.scalar(trimmed, quoted: false), line: line)
    }

    mutating func quoted() throws(YAMLError) -> YAMLNode {
      let quote = text[index]
      index += 1
      var result = ""
      while true {
        guard let character = peek else {
          throw fail("a quoted value is not closed (\(quote) on one line)")
        }
        index += 1
        if quote == "'" {
          if character == "'" {
            if peek == "'" {
              result.append("'")
              index += 1
              continue
            }
            break
          }
          result.append(character)
          continue
        }
        if character == "\"" { break }
        guard character == "\\" else {
          result.append(character)
          continue
        }
        guard let escaped = peek else { throw fail("a quoted value ends in `\\`") }
        index += 1
        switch escaped {
        case "\"", "\\", "/": result.append(escaped)
        case "n": result.append("\n")
        case "t": result.append("\t")
        case "r": result.append("\r")
        case "0": result.append("\u{0}")
        case " ": result.append(" ")
        default: throw fail("unknown escape `\\\(escaped)` in a double-quoted value")
        }
      }
      return YAMLNode(.scalar(result, quoted: true), line: line)
    }

    mutating func flowSequence() throws(YAMLError) -> YAMLNode {
      index += 1
      var items: [YAMLNode] = []
      skipSpaces()
      if peek == "]" {
        index += 1
        return YAMLNode(.sequence([]), line: line)
      }
      while true {
        items.append(try value(inFlow: true))
        skipSpaces()
        guard let next = peek else {
          throw fail("`[` is not closed on its line (write the list on one line)")
        }
        index += 1
        if next == "]" { break }
        if next != "," { throw fail("expected `,` or `]` in the list, found `\(next)`") }
        skipSpaces()
        if peek == "]" {
          index += 1
          break
        }
      }
      return YAMLNode(.sequence(items), line: line)
    }

    mutating func flowMapping() throws(YAMLError) -> YAMLNode {
      index += 1
      var entries: [YAMLEntry] = []
      skipSpaces()
      if peek == "}" {
        index += 1
        return YAMLNode(.mapping([]), line: line)
      }
      while true {
        let key = try value(inFlow: true)
        guard let name = key.text ?? (key.kind == .null ? "" : nil), !name.isEmpty else {
          throw fail("a key in `{…}` must be a plain or quoted word")
        }
        skipSpaces()
        var entryValue = YAMLNode(.null, line: line)
        if peek == ":" {
          index += 1
          entryValue = try value(inFlow: true)
          skipSpaces()
        }
        if entries.contains(where: { $0.key == name }) {
          throw fail("the key '\(name)' is given twice")
        }
        entries.append(YAMLEntry(key: name, value: entryValue, line: line))
        guard let next = peek else {
          throw fail("`{` is not closed on its line (write the mapping on one line)")
        }
        index += 1
        if next == "}" { break }
        if next != "," { throw fail("expected `,` or `}` in the mapping, found `\(next)`") }
      }
      return YAMLNode(.mapping(entries), line: line)
    }
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
  }
}
