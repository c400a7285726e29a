import DockerfileSyntax
import Testing

/// The parser must return for any bytes, with ranges inside the file.
@Suite struct RobustnessTests {
  static let sample = """
    # syntax=docker/dockerfile:1
    ARG BASE=golang:1.22
    FROM --platform=$BUILDPLATFORM ${BASE} AS build
    WORKDIR /src
    COPY --link go.mod go.sum ./
    RUN --mount=type=cache,target=/root/.cache/go-build \\
        CGO_ENABLED=0 go build -o /out/app . # trailing
    RUN <<EOF
    set -e
    echo "built"
    EOF
    ENV A=1 B="two words" \\
        C='three'
    LABEL org.opencontainers.image.title="app"
    HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]
    ONBUILD COPY . /app
    FROM scratch
    COPY --from=build /out/app /app
    ENTRYPOINT ["/app"]

    """

  func checkInvariants(_ file: Dockerfile) {
    let size = file.source.bytes.count
    func inside(_ range: SourceRange) -> Bool {
      0 <= range.start && range.start <= range.end && range.end <= size
    }
    for instruction in file.instructions {
      #expect(inside(instruction.range) && inside(instruction.keywordRange))
      #expect(instruction.startLine <= instruction.endLine)
      for flag in instruction.flags {
        #expect(inside(flag.range) && inside(flag.nameRange) && inside(flag.valueRange))
      }
      for word in instruction.expandedWords {
        #expect(inside(word.range))
        for reference in word.variables { #expect(inside(reference.range)) }
      }
      for heredoc in instruction.heredocs { #expect(inside(heredoc.bodyRange)) }
    }
    for diagnostic in file.diagnostics { #expect(inside(diagnostic.range)) }
    _ = BuildKitDump.document(for: file, file: "x").serialized()
    _ = SyntaxTreeDump.document(for: file).serialized()
  }

  @Test func everyTruncationParses() {
    let bytes = Array(Self.sample.utf8)
    for length in 0...bytes.count {
      checkInvariants(
        DockerfileParser.parse(SourceFile(path: "t", bytes: Array(bytes[0..<length]))))
    }
  }

  @Test func randomBytesParse() {
    var generator = SeededGenerator(state: 42)
    let alphabet =
      Array("FROM RUN COPY --a=b \\`\"'$ {}[]<<EOF\n\r\t#=:,-".utf8) + [0, 0xC3, 0xA0, 0xFF]
    for _ in 0..<300 {
      let length = Int.random(in: 0..<400, using: &generator)
      let bytes = (0..<length).map { _ in
        Bool.random(using: &generator)
          ? alphabet.randomElement(using: &generator)!
          : UInt8.random(in: 0...255, using: &generator)
      }
      checkInvariants(DockerfileParser.parse(SourceFile(path: "r", bytes: bytes)))
    }
  }

  @Test func randomEditsOfARealFileParse() {
    var generator = SeededGenerator(state: 7)
    let original = Array(Self.sample.utf8)
    for _ in 0..<300 {
      var bytes = original
      for _ in 0..<Int.random(in: 1...8, using: &generator) {
        let index = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: bytes.remove(at: index)
        case 1: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: index)
        default:
          bytes[index] = [0x5C, 0x0A, 0x22, 0x27, 0x3C, 0x5B, 0x24].randomElement(
            using: &generator)!
        }
      }
      checkInvariants(DockerfileParser.parse(SourceFile(path: "e", bytes: bytes)))
    }
  }

  @Test func invalidUTF8AndNULDoNotBreakRanges() {
    let bytes: [UInt8] =
      Array("FROM a\nRUN echo ".utf8) + [0xFF, 0xFE, 0x00, 0xC3] + Array(" done\n".utf8)
    let file = DockerfileParser.parse(SourceFile(path: "b", bytes: bytes))
    #expect(file.instructions.count == 2)
    checkInvariants(file)
  }

  /// Found by the fuzzer: marker offsets were counted in decoded widths, so each invalid byte
  /// before a heredoc marker moved its range (and the BL0001 finding) towards or past the end.
  @Test func heredocMarkerAfterInvalidUTF8KeepsItsBytes() {
    let bytes: [UInt8] =
      Array("FROM a\nCOPY x".utf8) + [0x99, 0xE2, 0x82] + Array(" <<-EOT /d\n".utf8)
    let file = DockerfileParser.parse(SourceFile(path: "h", bytes: bytes))
    let marker = try? #require(file.instructions.last?.heredocs.first?.markerRange)
    #expect(marker.map { Array(bytes[$0.start..<$0.end]) } == Array("<<-EOT".utf8))
    checkInvariants(file)
  }

  @Test func largeFileParsesLinearly() {
    var text = ""
    while text.utf8.count < 10 * 1_048_576 { text += Self.sample }
    let file = parse(text)
    #expect(file.instructions.count > 50_000)
    #expect(file.diagnostics.allSatisfy { !$0.rejectsFile })
  }

  @Test func tooLongLineIsReportedNotFatal() {
    let long = "RUN echo " + String(repeating: "x", count: 70_000)
    let file = parse("FROM a\n\(long)\nCMD b\n")
    #expect(file.instructions.count == 3)
    #expect(
      file.diagnostics.map(\.message) == ["dockerfile line greater than max allowed size of 65535"])
    #expect(
      BuildKitDump.rejection(of: file) == "dockerfile line greater than max allowed size of 65535")
    #expect(BuildKitDump.rejection(of: parse(long + "\n")) == "file with no instructions")
  }

  @Test func manyContinuationsAndHugeJSON() {
    let continued = "RUN a" + String(repeating: " \\\n b", count: 100_000) + "\n"
    let file = parse(continued)
    #expect(file.instructions.count == 1 && file.instructions[0].endLine == 100_001)
    let nested =
      "CMD " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
    #expect(!parse(nested + "\n").instructions[0].arguments.isJSON)
    let unterminated = "CMD [\"a\", " + String(repeating: "\"b\", ", count: 10_000)
    #expect(!parse(unterminated + "\n").instructions[0].arguments.isJSON)
  }
}

@Suite struct FuzzRegressionTests {
  @Test func invalidUTF8InsideAKeyValueWord() {
    let bytes: [UInt8] = Array("FROM a\nLABEL k".utf8) + [0xFF, 0xFE] + Array("=v$x\n".utf8)
    let file = DockerfileParser.parse(SourceFile(path: "x", bytes: bytes))
    guard case .keyValues(let pairs, _) = file.instructions[1].arguments else {
      Issue.record("expected pairs")
      return
    }
    #expect(pairs[0].value.text == "v$x")
    #expect(file.source.text(pairs[0].value.range) == "v$x")
  }
}
