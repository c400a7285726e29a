/// A set of byte values for the lexers' character classes. `"…".utf8.contains(byte)` walks the
/// string on every test, and the shell lexer tests every byte of every RUN: that was 14% of
/// the instructions spent on a large file.
package struct ByteSet: Sendable {
  private var low: UInt64 = 0
  private var high: UInt64 = 0

  /// The ASCII characters of `members`.
  package init(_ members: StaticString) {
    members.withUTF8Buffer { buffer in
      for byte in buffer where byte < 0x80 {
        if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
      }
    }
  }

  package func contains(_ byte: UInt8) -> Bool {
    if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
    if byte < 128 { return high & (1 << UInt64(byte - 64)) != 0 }
    return false
  }
}
