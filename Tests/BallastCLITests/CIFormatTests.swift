import Foundation
import Testing

@testable import BallastCLI

/// Issue 19: the report formats CI systems import (`junit`, `sonarqube`, `codeclimate`) and
/// hadolint's names for formats ballast names otherwise. The expected files in
/// `Fixtures/ci-formats` were composed from each format's specification and the findings'
/// facts (rule, place, message, help as `--format json` gives them), not by these formatters;
/// `Scripts/check-reports.py` also reads the output with a JUnit reader and checks the
/// SonarQube, Code Climate and GitLab fields.
@Suite struct CIFormatTests {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/ci-formats")

  /// The rules the fixture is about, so rules added later do not change the expected files.
  static let rules = ["BL0001", "BL1007", "BL3020", "BL5001", "BL5002"]

  static func run(_ format: String, input: [UInt8]) -> CommandResult {
    BallastCommand.run(
      ["--no-config", "-f", format, "--stdin-filename", "svc/a&b/Dockerfile"]
        + rules.flatMap { ["--select", $0] } + ["-"]
    ) { input }
  }

  @Test(arguments: ["junit", "sonarqube", "codeclimate"])
  func formatMatchesTheExpectedFile(_ format: String) throws {
    let input = try Data(contentsOf: Self.folder.appendingPathComponent("input"))
    let result = Self.run(format, input: Array(input))
    #expect(result.status == 1)
    #expect(result.errors == "")
    let expected = try Data(contentsOf: Self.folder.appendingPathComponent("expected.\(format)"))
    #expect(Array(result.output.utf8) == Array(expected), "\(format)")
  }

  @Test func aCleanFileIsOnePassingTestCase() {
    let result = Self.run("junit", input: Array("FROM scratch\nCOPY app /app\nUSER 65532\n".utf8))
    #expect(result.status == 0)
    #expect(
      result.output == """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="ballast" tests="1" failures="0" errors="0" time="0">
          <testsuite name="svc/a&amp;b/Dockerfile" tests="1" failures="0" errors="0" skipped="0" time="0">
            <testcase classname="ballast" name="svc/a&amp;b/Dockerfile" file="svc/a&amp;b/Dockerfile" time="0"/>
          </testsuite>
        </testsuites>

        """)
  }

  @Test func noFindingsIsAnEmptyReport() {
    let clean = Array("FROM scratch\nCOPY app /app\nUSER 65532\n".utf8)
    #expect(Self.run("codeclimate", input: clean).output == "")
    #expect(
      Self.run("sonarqube", input: clean).output == "{\n  \"rules\": [],\n  \"issues\": []\n}\n")
  }

  /// hadolint's `tty` and `gitlab_codeclimate` give ballast's `text` and `gitlab`.
  @Test(arguments: [("tty", "text"), ("gitlab_codeclimate", "gitlab")])
  func hadolintFormatNamesAreAliases(_ alias: String, _ format: String) throws {
    let input = try Data(contentsOf: Self.folder.appendingPathComponent("input"))
    let aliased = Self.run(alias, input: Array(input))
    let named = Self.run(format, input: Array(input))
    #expect(aliased.status == 1)
    #expect(aliased.errors == "")
    #expect(!aliased.output.isEmpty)
    #expect(aliased.output == named.output)
  }

  @Test func anUnknownFormatListsTheNames() {
    let result = BallastCommand.run(["--no-config", "-f", "codacy", "-"]) { [] }
    #expect(result.status == 2)
    #expect(result.errors.contains("junit"))
    #expect(result.errors.contains("gitlab_codeclimate"))
  }
}
