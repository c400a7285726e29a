import BallastCLI
import Foundation
import Testing

@Suite struct ParseCommandTests {
  static func temporaryFile(_ bytes: [UInt8], name: String = "Dockerfile") throws -> String {
    let folder = TestFolders.make("ballast-parse")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  @Test func buildkitFormatPrintsOneDocumentPerFile() throws {
    let path = try Self.temporaryFile(Array("FROM alpine:3.20\nRUN echo hi\n".utf8))
    let result = BallastCommand.run(["parse", "--format", "buildkit", path, path])
    #expect(result.status == 0)
    #expect(result.errors.isEmpty)
    let lines = result.output.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(
      lines[0]
        == """
        {"file": "\(path)", "parser": "ballast (BuildKit parser semantics)", "instructions": [{"cmd": "FROM", "sub_cmd": null, "json": false, "flags": [], "value": ["alpine:3.20"], "start_line": 1, "end_line": 1, "original": "FROM alpine:3.20", "heredocs": []}, {"cmd": "RUN", "sub_cmd": null, "json": false, "flags": [], "value": ["echo hi"], "start_line": 2, "end_line": 2, "original": "RUN echo hi", "heredocs": []}]}
        """)
  }

  @Test func rejectedFileIsAnErrorDocument() throws {
    let path = try Self.temporaryFile(Array("# only a comment\n".utf8))
    let result = BallastCommand.run(["parse", path])
    #expect(result.status == 0)
    #expect(
      result.output.contains("\"error\": \"file with no instructions\", \"error_kind\": \"parse\""))
  }

  @Test func jsonFormatIsTheDocumentedTree() throws {
    let path = try Self.temporaryFile(Array("FROM a AS b\n".utf8))
    let result = BallastCommand.run(["parse", "--format", "json", path])
    let tree = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(tree["version"] as? Int == 1)
    let instructions = try #require(tree["instructions"] as? [[String: Any]])
    #expect(instructions.first?["kind"] as? String == "from")
    let range = try #require(instructions.first?["keywordRange"] as? [String: Int])
    #expect(
      range == [
        "start": 0, "end": 4, "startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 5,
      ])
  }

  @Test func unreadableInputIsExitTwoWithFileAndLine() throws {
    let missing = BallastCommand.run(["parse", "/nonexistent/Dockerfile"])
    #expect(missing.status == 2)
    #expect(missing.errors == "ballast: /nonexistent/Dockerfile: no such file\n")

    let folder = FileManager.default.temporaryDirectory.path
    #expect(BallastCommand.run(["parse", folder]).errors == "ballast: \(folder): is a directory\n")

    let binary = try Self.temporaryFile(Array("FROM a\nRUN x\n".utf8) + [0, 1, 2])
    #expect(
      BallastCommand.run(["parse", binary]).errors.hasSuffix(
        ":3: binary file (NUL byte), not a Dockerfile\n"))

    let invalid = try Self.temporaryFile(Array("FROM a\n\nRUN ".utf8) + [0xC3, 0x28])
    let result = BallastCommand.run(["parse", invalid, binary])
    #expect(result.status == 2)
    #expect(result.errors.contains("\(invalid):3: invalid UTF-8"))

    let utf16 = try Self.temporaryFile([0xFF, 0xFE, 0x46, 0x00])
    #expect(BallastCommand.run(["parse", utf16]).errors.contains("UTF-16"))
  }

  @Test func otherFilesAreStillParsedAfterAnError() throws {
    let good = try Self.temporaryFile(Array("FROM a\n".utf8))
    let result = BallastCommand.run(["parse", "/nonexistent", good])
    #expect(result.status == 2)
    #expect(result.output.contains("\"value\": [\"a\"]"))
  }

  @Test func dashReadsStandardInput() {
    let result = BallastCommand.run(["parse", "-"]) { Array("FROM scratch\n".utf8) }
    #expect(result.status == 0)
    #expect(result.output.hasPrefix("{\"file\": \"-\", "))
    #expect(result.output.contains("\"value\": [\"scratch\"]"))
  }

  @Test func usageErrors() {
    #expect(BallastCommand.run(["parse"]).status == 2)
    #expect(BallastCommand.run(["parse", "--format", "yaml", "x"]).status == 2)
    #expect(BallastCommand.run(["frobnicate"]).status == 2)
    #expect(BallastCommand.run(["--version"]).output.hasPrefix("ballast "))
  }
}
