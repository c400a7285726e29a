import DockerfileSyntax

extension ShellWord {
  /// The commands of the `$(…)` and backquoted command substitutions in this word, read as
  /// scripts of their own (`curl` in `sh -c "$(curl -fsSL URL)"`). Their ranges are the
  /// word's. Arithmetic `$((…))` is not a command.
  public var substitutedCommands: [ShellCommand] {
    // Most words without a known value are `$VAR`s: no parenthesis or backquote, nothing to
    // parse.
    guard isLiteral == false,
      value.utf8.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "`") })
    else { return [] }
    let bytes = Array(value.utf8)
    var commands: [ShellCommand] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      var inner: Range<Int>?
      if byte == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "("),
        !(index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: "("))
      {
        let end = Self.closingParenthesis(bytes, from: index + 2)
        inner = (index + 2)..<end
        index = end + 1
      } else if byte == UInt8(ascii: "`") {
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "`") {
          end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
        }
        end = min(end, bytes.count)
        inner = (index + 1)..<end
        index = end + 1
      } else {
        index += 1
      }
      if let inner, !inner.isEmpty {
        let text = String(decoding: bytes[inner], as: UTF8.self)
        let word = range
        commands += ShellScript.parse(text, nesting: 1, range: { _, _ in word }).commands
      }
    }
    return commands
  }

  /// The offset of the `)` closing a `(` opened just before `start`, quotes and nesting
  /// followed; the end of `bytes` when it is not closed.
  static func closingParenthesis(_ bytes: [UInt8], from start: Int) -> Int {
    var depth = 1
    var quote: UInt8?
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if let open = quote {
        if byte == open { quote = nil }
      } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
        quote = byte
      } else if byte == UInt8(ascii: "\\") {
        index += 1
      } else if byte == UInt8(ascii: "(") {
        depth += 1
      } else if byte == UInt8(ascii: ")") {
        depth -= 1
        if depth == 0 { return index }
      }
      index += 1
    }
    return bytes.count
  }
}

extension ShellScript {
  /// The commands run inside command substitutions of this script's words (`curl` in
  /// `VERSION=$(curl -s URL) && wget …`), in order; their ranges are their words'.
  public var substitutedCommands: [ShellCommand] {
    var found: [ShellCommand] = []
    for command in commands {
      for word in command.assignments where !word.isLiteral { found += word.substitutedCommands }
      for word in command.arguments where !word.isLiteral { found += word.substitutedCommands }
    }
    return found
  }
}
