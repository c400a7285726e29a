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

  @Test func partsAreSplitLikeTheStandardLibrary() {
    let slash = UInt8(ascii: "/")
    for path in ["/a/b/c", "a//b/", "", "/", "//", "files/ünï/côdé", "a"] {
      #expect(path.parts(separatedBy: slash) == path.split(separator: "/"), "\(path)")
      #expect(
        path.parts(separatedBy: slash, omittingEmpty: false)
          == path.split(separator: "/", omittingEmptySubsequences: false), "\(path)")
    }
    #expect("a/b/c".prefix(beforeLast: slash) == "a/b")
    #expect("/a".prefix(beforeLast: slash) == "")
    #expect("ab".prefix(beforeLast: slash) == nil)
    #expect("dé/f".prefix(beforeLast: slash) == "dé")
    for (text, needle) in [
      ("numpy==1.2", "=="), ("a===b", "=="), ("ab", "c"), ("é>=1", ">="), ("x", ""),
    ] {
      #expect(text.byteRange(of: needle) == text.firstRange(of: needle), "\(text) \(needle)")
    }
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

@Suite struct LineIndexTests {
  /// The checkpointed column count must agree with counting from the line start, on lines
  /// longer than a checkpoint stride, with multi-byte characters, a BOM and every offset.
  @Test func columnsMatchCountingFromTheLineStart() {
    var generator = SeededGenerator(state: 7)
    let pieces: [[UInt8]] = [
      Array("a".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8), [0x0A], [0xFF],
      Array("RUN x ".utf8),
    ]
    for round in 0..<40 {
      var bytes: [UInt8] = round % 3 == 0 ? [0xEF, 0xBB, 0xBF] : []
      for _ in 0..<Int.random(in: 0..<300, using: &generator) {
        bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
      }
      let index = LineIndex(bytes)
      for offset in 0...bytes.count {
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let from =
          lineStart == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) && offset >= 3 ? 3 : lineStart
        let column = 1 + bytes[from..<offset].count { $0 & 0xC0 != 0x80 }
        let line = 1 + bytes[..<offset].count { $0 == 0x0A }
        let location = index.location(of: offset, in: bytes)
        #expect(
          location.line == line && location.column == column, "round \(round) offset \(offset)")
      }
    }
  }
}
