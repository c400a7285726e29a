/// Byte-level helpers that reproduce the exact character classes BuildKit's Go code uses,
/// so that ballast splits lines and words where the official parser does.
enum GoText {
  static let newline = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")
  static let space = UInt8(ascii: " ")
  static let tab = UInt8(ascii: "\t")

  /// `[\t\v\f\r ]`: the class of BuildKit's `reWhitespace`.
  static func isRegexWhitespace(_ byte: UInt8) -> Bool {
    byte == space || byte == tab || byte == 0x0B || byte == 0x0C || byte == carriageReturn
  }

  /// Go's `\s` in RE2: `[\t\n\f\r ]`.
  static func isRegexSpace(_ byte: UInt8) -> Bool {
    byte == space || byte == tab || byte == newline || byte == 0x0C || byte == carriageReturn
  }

  /// `unicode.IsSpace(rune(b))` for a single byte, as Go code that indexes a string byte by
  /// byte sees it: this includes 0x85 and 0xA0, which are UTF-8 continuation bytes.
  static func isLatin1Space(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
    default: return false
    }
  }

  /// Length of the Unicode white-space character (Go's `unicode.IsSpace`) starting at
  /// `index`, or 0 when there is none.
  static func unicodeSpaceLength<C: Collection<UInt8>>(_ bytes: C, at index: C.Index) -> Int
  where C.Index == Int {
    let b0 = bytes[index]
    if b0 < 0x80 { return (0x09...0x0D).contains(b0) || b0 == 0x20 ? 1 : 0 }
    let end = bytes.endIndex
    func byte(_ offset: Int) -> UInt8? { index + offset < end ? bytes[index + offset] : nil }
    switch b0 {
    case 0xC2:
      return byte(1) == 0x85 || byte(1) == 0xA0 ? 2 : 0
    case 0xE1:
      return byte(1) == 0x9A && byte(2) == 0x80 ? 3 : 0
    case 0xE2:
      guard let b1 = byte(1), let b2 = byte(2) else { return 0 }
      if b1 == 0x80 && ((0x80...0x8A).contains(b2) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) {
        return 3
      }
      return b1 == 0x81 && b2 == 0x9F ? 3 : 0
    case 0xE3:
      return byte(1) == 0x80 && byte(2) == 0x80 ? 3 : 0
    default:
      return 0
    }
  }

  /// `bytes.TrimLeftFunc(s, unicode.IsSpace)`: the index of the first non-space byte.
  static func skipUnicodeSpace<C: Collection<UInt8>>(_ bytes: C, from start: Int) -> Int
  where C.Index == Int {
    var index = start
    while index < bytes.endIndex {
      let length = unicodeSpaceLength(bytes, at: index)
      if length == 0 { break }
      index += length
    }
    return index
  }

  /// The end index after `strings.TrimRightFunc(s, unicode.IsSpace)` on `bytes[start..<end]`.
  static func trimUnicodeSpaceRight(_ bytes: [UInt8], start: Int, end: Int) -> Int {
    var end = end
    while end > start {
      let last = bytes[end - 1]
      if last < 0x80 {
        if (0x09...0x0D).contains(last) || last == 0x20 { end -= 1 } else { break }
        continue
      }
      // Step back to the first byte of the last scalar (at most 3 bytes back for a space).
      var first = end - 1
      while first > start && bytes[first] & 0xC0 == 0x80 && end - first < 4 { first -= 1 }
      if unicodeSpaceLength(bytes[start..<end], at: first) == end - first {
        end = first
      } else {
        break
      }
    }
    return end
  }

  /// Go's `string(rune(b))` for each byte: what BuildKit's byte-indexed loops produce for
  /// non-ASCII input (each byte read as a Latin-1 character).
  static func latin1Mangled(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
    var scalars = String.UnicodeScalarView()
    for byte in text.utf8 { scalars.append(Unicode.Scalar(byte)) }
    return String(scalars)
  }
}
