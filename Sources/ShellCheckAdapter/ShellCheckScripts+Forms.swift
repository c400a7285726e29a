import DockerfileSyntax

extension ShellCheckScripts {
  /// ShellCheck's dialect for a command line starting a shell (`["/bin/bash", "-o",
  /// "pipefail", "-c"]`, `#!/usr/bin/env sh`); nil for shells ShellCheck does not read.
  public static func dialect(_ words: [String]) -> String? {
    guard let first = words.first else { return nil }
    var program = baseName(first)
    if program == "env" || program == "busybox",
      let next = words.dropFirst().first(where: { !$0.hasPrefix("-") && !$0.contains("=") })
    {
      program = baseName(next)
    }
    switch program {
    case "sh", "bash", "dash", "ksh", "ash": return program
    // ShellCheck reads the other Korn shells as ksh.
    case "mksh", "pdksh", "oksh", "ksh93": return "ksh"
    default: return nil
    }
  }

  static func baseName(_ path: String) -> String {
    var name = String(path.split(separator: "/").last ?? Substring(path)).lowercased()
    if name.hasSuffix(".exe") { name.removeLast(4) }
    return name
  }

  /// A shell-form RUN: its text as the shell gets it, continuations joined; heredocs follow it
  /// as the shell reads them, unless one heredoc is the whole script (`RUN <<EOF`,
  /// `RUN bash -e <<EOF`), which is then checked alone, in its shebang's dialect if it has one.
  static func shellForm(
    _ instruction: Instruction, word: Word, shell: [String], exported: [String]
  ) -> [ShellCheckScript] {
    guard let stageDialect = dialect(shell) else { return [] }
    let text = Array(word.text.utf8)
    let original = Array(instruction.original.utf8)
    var end = original.count
    while end > 0, [0x20, 0x09, 0x0D, 0x0B, 0x0C].contains(original[end - 1]) { end -= 1 }
    let base = max(0, end - text.count)
    let bounds = instruction.range
    let textOffsets = text.indices.map {
      min(max(instruction.textMap.sourceOffset(base + $0), bounds.start), bounds.end)
    }
    func script(_ dialect: String, _ body: [UInt8], _ offsets: [Int]) -> ShellCheckScript {
      ShellCheckScript(
        dialect: dialect, exported: exported, body: body, offsets: offsets,
        instructionRange: bounds)
    }
    if instruction.heredocs.count == 1, let heredoc = instruction.heredocs.first,
      let runner = heredocRunner(text, stageDialect: stageDialect)
    {
      var body = Array(heredoc.content.utf8)
      var offsets = contentOffsets(heredoc, count: body.count)
      var bodyDialect = runner
      if body.starts(with: Array("#!".utf8)) {
        let lineEnd = body.firstIndex(of: UInt8(ascii: "\n")) ?? body.count
        let shebang = String(decoding: body[2..<lineEnd], as: UTF8.self)
        guard
          let named = dialect(
            shebang.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init))
        else { return [] }
        bodyDialect = named
        let next = min(lineEnd + 1, body.count)
        body.removeFirst(next)
        offsets.removeFirst(next)
      }
      return [script(bodyDialect, body, offsets)]
    }
    var body = text
    var offsets = textOffsets
    for heredoc in instruction.heredocs {
      body.append(UInt8(ascii: "\n"))
      offsets.append(heredoc.bodyRange.start)
      let content = Array(heredoc.content.utf8)
      body += content
      offsets += contentOffsets(heredoc, count: content.count)
      if let last = body.last, last != UInt8(ascii: "\n") {
        body.append(UInt8(ascii: "\n"))
        offsets.append(heredoc.bodyRange.end)
      }
      let terminator = Array(heredoc.name.utf8)
      let terminatorStart = heredoc.terminatorRange?.start ?? heredoc.bodyRange.end
      body += terminator
      offsets += terminator.indices.map { terminatorStart + $0 }
    }
    return [script(stageDialect, body, offsets)]
  }

  /// The dialect running the heredoc when it is the whole script: the RUN has nothing but the
  /// `<<EOF` word, or is a shell given no `-c` (`bash -e <<EOF`); nil otherwise.
  static func heredocRunner(_ text: [UInt8], stageDialect: String) -> String? {
    let words = String(decoding: text, as: UTF8.self).split(whereSeparator: {
      $0 == " " || $0 == "\t"
    })
    .map(String.init)
    let isMarker = { (word: String) in word.drop { $0.isNumber }.hasPrefix("<<") }
    guard let first = words.first, words.filter(isMarker).count == 1 else { return nil }
    if isMarker(first) { return words.count == 1 ? stageDialect : nil }
    guard let named = dialect([first]) else { return nil }
    let options = words.dropFirst().filter { !isMarker($0) }
    guard options.allSatisfy({ $0.hasPrefix("-") && !$0.hasPrefix("--") && !$0.contains("c") })
    else { return nil }
    return named
  }

  /// File offsets of a heredoc's raw content: byte for byte when it is the body as written.
  static func contentOffsets(_ heredoc: Heredoc, count: Int) -> [Int] {
    let range = heredoc.bodyRange
    if range.end - range.start == count { return (0..<count).map { range.start + $0 } }
    return Array(repeating: range.start, count: count)
  }

  /// `RUN ["sh", "-c", "script"]`: the string after `-c`, mapped through its JSON escapes.
  static func execForm(
    _ instruction: Instruction, words: [Word], exported: [String], source: [UInt8]
  ) -> ShellCheckScript? {
    guard let first = words.first, let named = dialect([first.text]) else { return nil }
    var index = 1
    while index < words.count {
      let option = words[index].text
      guard option.hasPrefix("-") || option.hasPrefix("+"), !option.hasPrefix("--") else {
        return nil
      }
      index += 1
      // `-o pipefail`: the option's value is the next word.
      if option == "-o" || option == "+o" {
        index += 1
        continue
      }
      if option.hasPrefix("-"), option.contains("c") { break }
    }
    guard index < words.count, index >= 2, words[index - 1].text.contains("c") else { return nil }
    let word = words[index]
    let body = Array(word.text.utf8)
    return ShellCheckScript(
      dialect: named, exported: exported, body: body,
      offsets: jsonStringOffsets(word, count: body.count, source: source),
      instructionRange: instruction.range)
  }

  /// The file offset of each decoded byte of a JSON string word (`\n`, `\"`, `\u00e9` …
  /// decode to characters whose bytes all sit at the backslash); all at its start when the
  /// written string cannot be followed byte for byte (a line continuation inside it).
  static func jsonStringOffsets(_ word: Word, count: Int, source: [UInt8]) -> [Int] {
    let start = word.range.start
    let end = min(word.range.end, source.count)
    let fallback = Array(repeating: start, count: count)
    guard start < end, source[start] == UInt8(ascii: "\""), source[end - 1] == UInt8(ascii: "\"")
    else { return fallback }
    var offsets: [Int] = []
    var position = start + 1
    while position < end - 1 {
      let byte = source[position]
      if byte != UInt8(ascii: "\\") {
        offsets.append(position)
        position += 1
        continue
      }
      guard position + 1 < end - 1 else { return fallback }
      if source[position + 1] != UInt8(ascii: "u") {
        offsets.append(position)
        position += 2
        continue
      }
      // `\uXXXX`, or a surrogate pair `\uD83D\uDE00`: the character's UTF-8 length.
      guard let unit = hex(source, position + 2, end) else { return fallback }
      var length = 6
      var scalar = unit
      if (0xD800...0xDBFF).contains(unit), let low = hex(source, position + 8, end),
        source[position + 6] == UInt8(ascii: "\\")
      {
        length = 12
        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
      }
      let bytes = Unicode.Scalar(scalar).map { String($0).utf8.count } ?? 3
      offsets += Array(repeating: position, count: bytes)
      position += length
    }
    return offsets.count == count ? offsets : fallback
  }

  private static func hex(_ source: [UInt8], _ position: Int, _ end: Int) -> UInt32? {
    guard position + 4 <= end else { return nil }
    return UInt32(String(decoding: source[position..<(position + 4)], as: UTF8.self), radix: 16)
  }
}
