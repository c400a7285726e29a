import DockerfileSyntax

/// Text edits that resolve a finding. Rules only describe them; ``Fixer`` applies them.
public struct Fix: Sendable, Hashable {
  public enum Safety: String, Sendable, Hashable, CaseIterable {
    /// Keeps the build's meaning: applied by `--fix`.
    case safe
    /// Changes behaviour in ways the user must review: applied only with `--unsafe-fixes`.
    case unsafe
  }

  /// Replace the bytes of `range` by `replacement` (an empty range inserts, an empty
  /// replacement deletes). Ranges are byte offsets in the file the finding was made on.
  public struct Edit: Sendable, Hashable {
    public var range: SourceRange
    /// Write line breaks as `\n`: in a CRLF file the fixer writes `\r\n`.
    public var replacement: String

    public init(range: SourceRange, replacement: String) {
      self.range = range
      self.replacement = replacement
    }

    /// The replacement as written into `source`: with its line breaks (`\r\n` in a CRLF
    /// file), as the fixer writes it. Editors, SARIF and JSON consumers get this text.
    public func replacement(in source: SourceFile) -> String {
      String(
        decoding: EditApplication.translate(replacement, lineBreak: source.lineBreak),
        as: UTF8.self)
    }

    public static func insert(_ text: String, at offset: Int) -> Edit {
      Edit(range: SourceRange(start: offset, end: offset), replacement: text)
    }

    public static func delete(_ range: SourceRange) -> Edit {
      Edit(range: range, replacement: "")
    }
  }

  public var title: String
  public var edits: [Edit]
  public var safety: Safety

  public init(title: String, edits: [Edit], safety: Safety) {
    self.title = title
    self.edits = edits.sorted { $0.range < $1.range }
    self.safety = safety
  }

  /// From the first edited byte to the last (an insertion point for a single insertion).
  public var span: SourceRange {
    SourceRange(
      start: edits.map(\.range.start).min() ?? 0, end: edits.map(\.range.end).max() ?? 0)
  }

  /// True when the edits are in bounds and none overlaps the next (two insertions at one
  /// point would leave their order to chance, so they count as overlapping too).
  func isWellFormed(in length: Int) -> Bool {
    guard !edits.isEmpty else { return false }
    for (index, edit) in edits.enumerated() {
      guard 0 <= edit.range.start, edit.range.start <= edit.range.end, edit.range.end <= length
      else { return false }
      if index > 0 {
        let previous = edits[index - 1].range
        if edit.range.start < previous.end { return false }
        if edit.range.start == previous.end && previous.isEmpty && edit.range.isEmpty {
          return false
        }
      }
    }
    return true
  }
}

/// Applies sorted, non-overlapping edits to bytes, and maps offsets across them.
struct EditApplication {
  /// Edits of one pass, sorted and non-overlapping, with line breaks already translated.
  let edits: [(range: SourceRange, bytes: [UInt8])]

  init(_ edits: [Fix.Edit], lineBreak: [UInt8]) {
    self.edits = edits.sorted { $0.range < $1.range }.map { edit in
      (edit.range, Self.translate(edit.replacement, lineBreak: lineBreak))
    }
  }

  /// `\n` written as the file's line break, unless the replacement already has `\r\n`.
  static func translate(_ text: String, lineBreak: [UInt8]) -> [UInt8] {
    let bytes = Array(text.utf8)
    guard lineBreak.count == 2 else { return bytes }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count + 4)
    for (index, byte) in bytes.enumerated() {
      if byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) { result.append(0x0D) }
      result.append(byte)
    }
    return result
  }

  func apply(to bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count + edits.reduce(0) { $0 + $1.bytes.count })
    var position = 0
    for edit in edits {
      result += bytes[position..<edit.range.start]
      result += edit.bytes
      position = edit.range.end
    }
    result += bytes[position...]
    return result
  }

  /// Where `offset` of the edited text was before the edits (inside a replacement: its start).
  func offsetBefore(_ offset: Int) -> Int {
    var delta = 0
    for edit in edits {
      let newStart = edit.range.start + delta
      if offset < newStart { break }
      if offset < newStart + edit.bytes.count { return edit.range.start }
      delta += edit.bytes.count - edit.range.length
    }
    return offset - delta
  }

  /// Where `offset` of the original text is after the edits (inside a replaced range: the
  /// start of its replacement).
  func offsetAfter(_ offset: Int) -> Int {
    var delta = 0
    for edit in edits {
      if offset < edit.range.start { break }
      if offset < edit.range.end { return edit.range.start + delta }
      delta += edit.bytes.count - edit.range.length
    }
    return offset + delta
  }
}

extension SourceFile {
  /// The file's line break: `\r\n` when its first line ends so, else `\n`.
  public var lineBreak: [UInt8] {
    guard let newline = bytes.firstIndex(of: 0x0A) else { return [0x0A] }
    return newline > 0 && bytes[newline - 1] == 0x0D ? [0x0D, 0x0A] : [0x0A]
  }
}
