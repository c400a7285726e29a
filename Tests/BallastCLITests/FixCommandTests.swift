import BallastCLI
import Foundation
import Testing

/// `--fix`, `--unsafe-fixes`, `--diff` and `--fix -` through the command line, on real files.
@Suite struct FixCommandTests {
  static let bad =
    "FROM debian:12-slim\nRUN apt-get update && apt-get install -y git\nADD a.txt /a.txt\n"
  static let safelyFixed =
    "FROM debian:12-slim\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\nCOPY a.txt /a.txt\n"

  static func run(_ arguments: [String], stdin: String = "") -> CommandResult {
    // Only the size and style rules, whose fixes these tests exercise: rules added later must
    // not change them.
    BallastCommand.run(
      ["--no-config", "--color", "never", "--select", "BL1", "--select", "BL5"] + arguments
    ) { Array(stdin.utf8) }
  }

  static func read(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  static func write(_ text: String, _ name: String = "Dockerfile", in folder: String? = nil)
    throws -> String
  {
    let root = try folder ?? LintCommandTests.folder([:])
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    let path = root + "/" + name
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func fixWritesSafeFixesAndReportsTheRest() throws {
    let path = try Self.write(Self.bad)
    let result = Self.run(["--fix", path])
    #expect(try Self.read(path) == Array(Self.safelyFixed.utf8))
    #expect(result.output.contains("Found 3 problems (2 fixed, 1 remaining) in 1 file."))
    #expect(result.output.contains("BL1003 apt-install-recommends:"))  // unsafe: not marked
    #expect(result.output.contains("1 fixable with `ballast --fix --unsafe-fixes`."))
    #expect(result.status == 1)
    // A second run changes nothing and finds what remains.
    let again = Self.run(["--fix", path])
    #expect(try Self.read(path) == Array(Self.safelyFixed.utf8))
    #expect(again.output.contains("Found 1 problem (0 fixed, 1 remaining) in 1 file."))
  }

  @Test func unsafeFixesAddTheRest() throws {
    let path = try Self.write(Self.bad)
    let result = Self.run(["--fix", "--unsafe-fixes", path])
    #expect(
      String(decoding: try Self.read(path), as: UTF8.self)
        == "FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends -y git ca-certificates && rm -rf /var/lib/apt/lists/*\nCOPY a.txt /a.txt\n"
    )
    #expect(result.output.contains("Found 3 problems (3 fixed, 0 remaining) in 1 file."))
    #expect(result.status == 0)
  }

  @Test func fileUntouchedWhenNothingChanges() throws {
    let path = try Self.write("FROM alpine:3.20\nCOPY a /a\n")
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: path)
    let result = Self.run(["--fix", path])
    #expect(result.status == 0)
    let date = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    #expect(date == Date(timeIntervalSince1970: 1_000_000))
  }

  @Test func writingKeepsModeLineEndingsBOMAndEscape() throws {
    let text = "\u{FEFF}# escape=`\r\nFROM alpine:3.20\r\nADD a `\r\n  /a\r\n"
    let path = try Self.write(text)
    chmod(path, 0o751)
    _ = Self.run(["--fix", path])
    #expect(
      try Self.read(path)
        == Array("\u{FEFF}# escape=`\r\nFROM alpine:3.20\r\nCOPY a `\r\n  /a\r\n".utf8))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o751)
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["Dockerfile"])
  }

  @Test func symbolicLinksStayLinks() throws {
    let path = try Self.write("FROM alpine:3.20\nADD a /a\n", "real.Dockerfile")
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let link = folder + "/Dockerfile"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.Dockerfile")
    _ = Self.run(["--fix", link])
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.Dockerfile")
    #expect(try Self.read(path) == Array("FROM alpine:3.20\nCOPY a /a\n".utf8))
  }

  @Test func anUnwritableFileIsAnErrorAndTheOthersAreFixed() throws {
    let locked = try Self.write("FROM alpine:3.20\nADD a /a\n", "locked.Dockerfile")
    let folder = URL(fileURLWithPath: locked).deletingLastPathComponent().path
    let open = try Self.write("FROM alpine:3.20\nADD b /b\n", "Dockerfile", in: folder)
    chmod(locked, 0o444)
    let result = Self.run(["--fix", locked, open])
    #expect(result.status == 2)
    #expect(result.errors.contains("\(locked): cannot write the fixed file: it is read-only"))
    #expect(try Self.read(locked) == Array("FROM alpine:3.20\nADD a /a\n".utf8))
    #expect(try Self.read(open) == Array("FROM alpine:3.20\nCOPY b /b\n".utf8))
    // The unwritten file's finding is still reported, not counted as fixed.
    #expect(result.output.contains("Found 2 problems (1 fixed, 1 remaining) in 2 files."))
  }

  @Test func diffChangesNothingAndFailsWhenThereIsAChange() throws {
    let path = try Self.write(Self.bad)
    let onDisk = Self.run(["--diff", path])
    #expect(try Self.read(path) == Array(Self.bad.utf8))
    #expect(onDisk.status == 1 && onDisk.output.hasPrefix("--- a/\(path)\n+++ b/\(path)\n"))
    let result = Self.run(["--diff", "--stdin-filename", "Dockerfile", "-"], stdin: Self.bad)
    #expect(result.status == 1)
    #expect(
      result.output == """
        --- a/Dockerfile
        +++ b/Dockerfile
        @@ -1,3 +1,3 @@
         FROM debian:12-slim
        -RUN apt-get update && apt-get install -y git
        -ADD a.txt /a.txt
        +RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*
        +COPY a.txt /a.txt

        """)
    #expect(result.errors == "Would fix 2 problems in 1 file (1 would remain).\n")
    let clean = Self.run(["--diff", "-"], stdin: "FROM alpine:3.20\n")
    #expect(clean.status == 0 && clean.output.isEmpty)
  }

  @Test func fixOfStandardInputWritesTheFixedText() {
    let result = Self.run(
      ["--fix", "--stdin-filename", "svc/Dockerfile", "-"], stdin: Self.bad)
    #expect(result.output == Self.safelyFixed)
    #expect(result.errors.contains("svc/Dockerfile:2:31: info BL1003"))
    #expect(result.errors.contains("(2 fixed, 1 remaining)"))
    // Unchanged text comes back as it was.
    #expect(Self.run(["--fix", "-"], stdin: "FROM alpine:3.20\n").output == "FROM alpine:3.20\n")
  }

  @Test func jsonListsWhatWasFixed() throws {
    let result = Self.run(["--fix", "--format", "json", "-"], stdin: Self.bad)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.errors.utf8)) as? [String: Any])
    let fixed = try #require(json["fixed"] as? [[String: Any]])
    #expect(fixed.map { $0["rule"] as? String } == ["BL1004", "BL5001"])
    #expect(fixed.map { $0["line"] as? Int } == [2, 3])
    #expect((json["findings"] as? [[String: Any]])?.count == 1)
    #expect((json["notApplied"] as? [Any])?.isEmpty == true)
  }

  @Test func sarifCarriesFixes() throws {
    let result = Self.run(["--format", "sarif", "-"], stdin: Self.bad)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let run = try #require((json["runs"] as? [[String: Any]])?.first)
    let results = try #require(run["results"] as? [[String: Any]])
    let add = try #require(results.first { $0["ruleId"] as? String == "BL5001" })
    let fix = try #require((add["fixes"] as? [[String: Any]])?.first)
    let change = try #require((fix["artifactChanges"] as? [[String: Any]])?.first)
    let replacement = try #require((change["replacements"] as? [[String: Any]])?.first)
    let region = try #require(replacement["deletedRegion"] as? [String: Int])
    #expect(region == ["startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 4])
    #expect((replacement["insertedContent"] as? [String: String]) == ["text": "COPY"])
  }

  @Test func replacementsUseTheFilesLineBreaks() throws {
    let text = "FROM debian:12-slim\r\nRUN apt-get update \\\r\n    && apt-get install -y curl\r\n"
    let result = Self.run(["--format", "json", "-"], stdin: text)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let findings = try #require(json["findings"] as? [[String: Any]])
    let lists = try #require(findings.first { $0["rule"] as? String == "BL1004" })
    let edit = try #require(((lists["fix"] as? [String: Any])?["edits"] as? [[String: Any]])?.first)
    #expect(edit["replacement"] as? String == " \\\r\n    && rm -rf /var/lib/apt/lists/*")
  }
}
