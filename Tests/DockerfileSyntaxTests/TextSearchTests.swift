import DockerfileSyntax
import Testing

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
