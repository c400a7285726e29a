import DockerfileSyntax

/// A credential written into the Dockerfile, found by its value (see `SecretFormats`).
/// It never carries the value out: `masked` is what output may show.
public struct SecretValue: Sendable, Hashable {
  /// What it is (`GitHub token`, `private key`, `password in a URL`).
  public var kind: String
  /// The whole credential in the file (for a URL, only its password); may span lines.
  public var range: SourceRange
  /// The part output must not show: the token after its public prefix, the key between its
  /// markers, the password.
  public var hidden: SourceRange
  /// The credential with the secret part replaced by `****`.
  public var masked: String
  /// The secret as written and as the builder reads it (continuation lines joined), each
  /// with what replaces it; kept only to mask it wherever a message would quote it.
  let forms: [(text: String, replacement: String)]
  /// True for a password given to `chpasswd`, `passwd` or `useradd -p` (BL3021 reports
  /// those; they are masked like every secret).
  public var isAccountPassword = false

  public static func == (lhs: SecretValue, rhs: SecretValue) -> Bool {
    lhs.range == rhs.range && lhs.hidden == rhs.hidden && lhs.kind == rhs.kind
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(range)
    hasher.combine(hidden)
  }

  /// `text` with every occurrence of this secret replaced by its masked form.
  public func masking(_ text: String) -> String {
    var result = text
    for form in forms where !form.text.isEmpty && result.contains(form.text) {
      result = result.replacingAll(form.text, with: form.replacement)
    }
    return result
  }
}

extension SourceFile {
  /// A copy with the bytes of `ranges` replaced by `*` (line breaks kept, so lines and
  /// columns stay where they were): what output may quote of a file holding secrets.
  public func masking(_ ranges: [SourceRange]) -> SourceFile {
    guard !ranges.isEmpty else { return self }
    var bytes = self.bytes
    for range in ranges {
      for offset in max(0, range.start)..<min(bytes.count, max(range.start, range.end))
      where bytes[offset] != 0x0A && bytes[offset] != 0x0D {
        bytes[offset] = UInt8(ascii: "*")
      }
    }
    return SourceFile(path: path, bytes: bytes)
  }
}

/// Finds credentials in a file's text in one pass. Continuation lines (escape, optional
/// blanks, newline) are read as joined, as the builder joins them, so a key split over
/// lines is still found, and its range covers both parts.
enum SecretScanner {
  static func scan(_ source: [UInt8], escape: UInt8) -> [SecretValue] {
    let text = LogicalText(source, escape: escape)
    var found: [SecretValue] = []
    text.bytes.withUnsafeBufferPointer { bytes in
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        // Most bytes start nothing: one table lookup each.
        guard candidateStarts[Int(byte)] else {
          index += 1
          continue
        }
        var next = index + 1
        if byte == UInt8(ascii: "-"), let key = privateKey(at: index, in: text) {
          found.append(key.value)
          next = key.end
        } else if byte == UInt8(ascii: ":"), let password = urlPassword(at: index, in: text) {
          found.append(password.value)
          next = password.end
        } else if byte != UInt8(ascii: "-"), byte != UInt8(ascii: ":"),
          index == 0 || !isWordByte(bytes[index - 1]), let token = token(at: index, in: text)
        {
          found.append(token.value)
          next = token.end
        }
        index = next
      }
    }
    return found
  }

  /// Formats with their prefixes as bytes, made once.
  static let formats = SecretFormats.tokens.map { (format: $0, prefix: Array($0.prefix.utf8)) }

  /// Bytes where a match may begin: a token prefix's first byte, `-` of `-----BEGIN`, `:` of
  /// `://`.
  static let candidateStarts: [Bool] = {
    var table = [Bool](repeating: false, count: 256)
    for format in formats { table[Int(format.prefix[0])] = true }
    table[Int(UInt8(ascii: "-"))] = true
    table[Int(UInt8(ascii: ":"))] = true
    return table
  }()

  static func isWordByte(_ byte: UInt8) -> Bool {
    TokenAlphabet.word.contains(byte)
  }

  typealias Match = (value: SecretValue, end: Int)

  /// The formats whose prefix starts with each byte: most candidate bytes start one or two,
  /// and walking all of them for every candidate cost more than the rest of the scan.
  static let formatsByFirstByte: [[Int]] = {
    var table = [[Int]](repeating: [], count: 256)
    for (index, format) in formats.enumerated() { table[Int(format.prefix[0])].append(index) }
    return table
  }()

  static func token(at start: Int, in text: LogicalText) -> Match? {
    let bytes = text.bytes
    for formatIndex in formatsByFirstByte[Int(bytes[start])] {
      let (format, prefix) = formats[formatIndex]
      guard text.has(prefix, at: start) else { continue }
      let bodyStart = start + prefix.count
      var end = bodyStart
      while end < bytes.count, end - bodyStart <= format.length.upperBound,
        format.body.contains(bytes[end])
      {
        end += 1
      }
      // A longer run of the same characters, or one running into other word characters, is
      // some other string that happens to start like a token.
      guard format.length.contains(end - bodyStart), end == bytes.count || !isWordByte(bytes[end])
      else { continue }
      let body = String(decoding: bytes[bodyStart..<end], as: UTF8.self)
      guard !SecretFormats.isDocumentationExample(body), Set(body).count > 3 else { continue }
      return (
        text.secret(
          kind: format.name, whole: start..<end, hidden: bodyStart..<end,
          masked: format.prefix + "****"), end
      )
    }
    return nil
  }

  static let endMarker = Array("-----END ".utf8)
  static let markers = SecretFormats.privateKeyMarkers.map { Array($0.utf8) }

  /// A private key block with at least a line's worth of key material after its marker.
  static func privateKey(at start: Int, in text: LogicalText) -> Match? {
    guard let marker = markers.first(where: { text.has($0, at: start) }) else { return nil }
    let bytes = text.bytes
    let bodyStart = start + marker.count
    var end = bodyStart
    var material = 0
    // The body: base64 lines, possibly quoted or with literal `\n`s (`ENV KEY="…\n…"`).
    while end < bytes.count, end - bodyStart < 65_536 {
      let byte = bytes[end]
      if TokenAlphabet.base64.contains(byte) {
        material += 1
      } else if !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x5C
        || byte == 0x22 || byte == 0x27 || byte == 0x3A || byte == 0x2C || byte == 0x2D)
      {
        break
      }
      // `-----END …-----` closes the block.
      if byte == 0x2D, text.has(endMarker, at: end) {
        var close = end + endMarker.count
        while close < bytes.count, close - end < 64, bytes[close] != 0x2D { close += 1 }
        while close < bytes.count, bytes[close] == 0x2D { close += 1 }
        end = close
        break
      }
      end += 1
    }
    guard material >= 64 else { return nil }
    let label = String(decoding: marker.dropFirst(11).dropLast(5), as: UTF8.self)
    let name = SecretFormats.privateKeyNames[label] ?? "private key"
    return (
      text.secret(
        kind: name, whole: start..<end, hidden: bodyStart..<end,
        masked: String(decoding: marker, as: UTF8.self) + " ****"), end
    )
  }

  /// `scheme://user:password@host` with a password that is neither a variable nor a
  /// placeholder; `colon` is the `:` of `://`.
  static func urlPassword(at colon: Int, in text: LogicalText) -> Match? {
    let bytes = text.bytes
    guard colon + 2 < bytes.count, bytes[colon + 1] == 0x2F, bytes[colon + 2] == 0x2F else {
      return nil
    }
    var schemeStart = colon
    while schemeStart > 0, colon - schemeStart < 32,
      TokenAlphabet.alphanumeric.contains(bytes[schemeStart - 1])
        || bytes[schemeStart - 1] == 0x2B || bytes[schemeStart - 1] == 0x2E
        || bytes[schemeStart - 1] == 0x2D
    {
      schemeStart -= 1
    }
    guard colon - schemeStart >= 2 else { return nil }
    let userStart = colon + 3
    var at = userStart
    var separator: Int?
    while at < bytes.count, at - userStart < 256 {
      let byte = bytes[at]
      if byte == 0x40 { break }
      if byte <= 0x20 || byte >= 0x7F || byte == 0x2F || byte == 0x22 || byte == 0x27
        || byte == 0x3F || byte == 0x23 || byte == 0x60
      {
        return nil
      }
      if byte == 0x3A, separator == nil { separator = at }
      at += 1
    }
    guard at < bytes.count, bytes[at] == 0x40, let separator, separator + 1 < at,
      at + 1 < bytes.count, TokenAlphabet.alphanumeric.contains(bytes[at + 1])
    else { return nil }
    let user = String(decoding: bytes[userStart..<separator], as: UTF8.self)
    let password = String(decoding: bytes[(separator + 1)..<at], as: UTF8.self)
    let lower = password.lowercased()
    guard !password.contains("$"), !password.contains("{"), !password.includes("%s"),
      !(password.hasPrefix("<") && password.hasSuffix(">")), password != user,
      !SecretFormats.placeholderPasswords.contains(lower),
      !lower.allSatisfy({ $0 == "*" || $0 == "x" || $0 == "." })
    else { return nil }
    var hostEnd = at + 1
    while hostEnd < bytes.count, hostEnd - at < 256,
      TokenAlphabet.dotted.contains(bytes[hostEnd])
    {
      hostEnd += 1
    }
    let scheme = String(decoding: bytes[schemeStart..<colon], as: UTF8.self)
    let host = String(decoding: bytes[(at + 1)..<hostEnd], as: UTF8.self)
    return (
      text.secret(
        kind: "Password in a URL", whole: (separator + 1)..<at, hidden: (separator + 1)..<at,
        masked: "\(scheme)://\(user):****@\(host)"), at
    )
  }
}

/// A file's bytes with continuation sequences removed, and the way back to source offsets.
struct LogicalText {
  var bytes: [UInt8] = []
  /// Where continuations were removed: the logical offset after which `removed` source
  /// bytes (cumulative) had been dropped.
  var gaps: [(at: Int, removed: Int)] = []
  let source: [UInt8]

  init(_ source: [UInt8], escape: UInt8) {
    self.source = source
    bytes.reserveCapacity(source.count)
    var removed = 0
    var copied = 0
    // Only escapes can start a continuation; the text between them is copied in one go.
    var index = source.firstIndex(of: escape) ?? source.count
    while index < source.count {
      var next = index + 1
      while next < source.count, source[next] == 0x20 || source[next] == 0x09 { next += 1 }
      if next < source.count, source[next] == 0x0D { next += 1 }
      if next < source.count, source[next] == 0x0A {
        bytes.append(contentsOf: source[copied..<index])
        removed += next + 1 - index
        gaps.append((bytes.count, removed))
        copied = next + 1
        index = copied
      } else {
        index += 1
      }
      index = source[index...].firstIndex(of: escape) ?? source.count
    }
    bytes.append(contentsOf: source[copied...])
  }

  /// The source offset of the logical byte at `offset`.
  func sourceOffset(_ offset: Int) -> Int {
    var low = 0
    var high = gaps.count
    while low < high {
      let mid = (low + high) / 2
      if gaps[mid].at <= offset { low = mid + 1 } else { high = mid }
    }
    return offset + (low == 0 ? 0 : gaps[low - 1].removed)
  }

  func sourceRange(_ logical: Range<Int>) -> SourceRange {
    guard !logical.isEmpty else {
      let at = sourceOffset(logical.lowerBound)
      return SourceRange(start: at, end: at)
    }
    return SourceRange(
      start: sourceOffset(logical.lowerBound), end: sourceOffset(logical.upperBound - 1) + 1)
  }

  func has(_ pattern: [UInt8], at offset: Int) -> Bool {
    guard offset + pattern.count <= bytes.count else { return false }
    for index in pattern.indices where bytes[offset + index] != pattern[index] { return false }
    return true
  }

  func secret(kind: String, whole: Range<Int>, hidden: Range<Int>, masked: String)
    -> SecretValue
  {
    let range = sourceRange(whole)
    let hiddenRange = sourceRange(hidden)
    let logical = String(decoding: bytes[hidden], as: UTF8.self)
    let written = String(decoding: source[hiddenRange.start..<hiddenRange.end], as: UTF8.self)
    let wholeText = String(decoding: bytes[whole], as: UTF8.self)
    let visible = String(decoding: bytes[whole.lowerBound..<hidden.lowerBound], as: UTF8.self)
    // Longest first, so the whole credential becomes `prefix****` before its parts are looked
    // for; the parts alone become `****`.
    let forms = [(wholeText, visible + "****"), (written, "****"), (logical, "****")]
      .sorted { $0.0.utf8.count > $1.0.utf8.count }
    return SecretValue(
      kind: kind, range: range, hidden: hiddenRange, masked: masked,
      forms: forms.map { (text: $0.0, replacement: $0.1) })
  }
}

extension String {
  /// Every occurrence of `target` replaced, without Foundation.
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var result = ""
    var rest = Substring(self)
    while let range = rest.firstRange(of: target) {
      result += rest[..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}
