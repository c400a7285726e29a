import Testing

@testable import DockerfileSyntax

@Suite struct TextSearchTests {
  @Test func findsBytesAnywhere() {
    #expect("APT::Install-Recommends".includes("Install-Recommends"))
    #expect("abc".includes("abc"))
    #expect("abc".includes("c"))
    #expect("abc".includes(""))
    #expect(!"abc".includes("abcd"))
    #expect(!"abd".includes("bc"))
    #expect(!"".includes("a"))
    #expect("aab".includes("ab"))
  }

  @Test func substringsAndMultiByteText() {
    let line = "--from=büild x86_64-linux-musl"
    #expect(line.dropFirst(7).includes("büild"))
    #expect(!line.dropFirst(8).includes("büild"))
    #expect(line.split(separator: " ")[1].includes("musl"))
    // Bytes, not Characters: a combining accent does not hide the letter before it.
    #expect("cafe\u{301}".includes("cafe"))
  }
}

@Suite struct ByteSetTests {
  @Test func membersAndOthers() {
    let set = ByteSet("&|;\n~\u{7F}")
    for byte in Array("&|;\n~".utf8) + [0x7F] { #expect(set.contains(byte)) }
    for byte: UInt8 in [0, 0x20, 0x3F, 0x40, 0x7D, 0x80, 0xFF] { #expect(!set.contains(byte)) }
    // Only ASCII members: bytes of a multi-byte character are never members.
    #expect(!ByteSet("é").contains(0xC3))
  }
}

@Suite struct JSONStringTests {
  func written(_ value: String) -> String {
    var output = ""
    JSONValue.writeString(value, to: &output)
    return output
  }

  @Test func escapesLikePythonWithoutASCIIOnly() {
    #expect(written("plain") == "\"plain\"")
    #expect(written("") == "\"\"")
    #expect(written("a\"b\\c\nd\re\tf\u{08}g\u{0C}h") == #""a\"b\\c\nd\re\tf\bg\fh""#)
    #expect(written("\u{01}\u{1F}\u{7F}é") == "\"\\u0001\\u001f\u{7F}é\"")
  }

  /// Runs are cut at escaped bytes, which may sit inside a Character: a quote followed by a
  /// combining accent is one Character but two scalars, and both must survive.
  @Test func escapeInsideACharacterKeepsEveryScalar() {
    #expect(written("x\"\u{301}y") == "\"x\\\"\u{301}y\"")
    #expect(written("\u{301}\n\u{301}") == "\"\u{301}\\n\u{301}\"")
    #expect(Array(written("\r\n").utf8) == Array(#""\r\n""#.utf8))
  }
}
