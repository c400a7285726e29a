import Foundation
import Testing

@testable import BallastCLI

/// Issue 19: an ignore comment's reason (`# ballast ignore=BL5001 -- why`, hadolint's
/// `# hadolint ignore=DL3020 # why`) is shown with the finding it suppresses in JSON
/// (`suppressed`) and, with `--report-suppressed`, SARIF (`suppressions` with `justification`);
/// other formats and the exit code see no suppressed finding.
@Suite struct SuppressionReportTests {
  static let text = """
    FROM alpine:3.20 AS build
    # hadolint ignore=DL3020 # the archive is unpacked by ADD
    ADD a.conf /etc/a.conf
    # ballast stage ignore=BL5001
    FROM alpine:3.20
    ADD b.conf /etc/b.conf

    """

  static func run(_ format: String, _ extra: [String] = []) -> CommandResult {
    BallastCommand.run(
      ["--no-config", "--select", "BL5001", "-f", format, "--stdin-filename", "Dockerfile"]
        + extra + ["-"]
    ) { Array(Self.text.utf8) }
  }

  static func object(_ output: String) throws -> [String: Any] {
    try #require(
      try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
  }

  @Test func jsonListsSuppressedFindingsWithTheirReasons() throws {
    let result = Self.run("json")
    #expect(result.status == 0)
    let report = try Self.object(result.output)
    #expect((report["findings"] as? [Any])?.isEmpty == true)
    let suppressed = try #require(report["suppressed"] as? [[String: Any]])
    #expect(suppressed.map { $0["line"] as? Int } == [3, 6])
    #expect(suppressed.map { $0["rule"] as? String } == ["BL5001", "BL5001"])
    let comments = suppressed.map { $0["suppressions"] as? [[String: Any]] ?? [] }
    #expect(comments[0].count == 1)
    #expect(comments[0].first?["kind"] as? String == "inSource")
    #expect(comments[0].first?["origin"] as? String == "hadolint")
    #expect(comments[0].first?["scope"] as? String == "instruction")
    #expect(comments[0].first?["line"] as? Int == 2)
    #expect(comments[0].first?["justification"] as? String == "the archive is unpacked by ADD")
    #expect(comments[1].first?["scope"] as? String == "stage")
    #expect(comments[1].first?["line"] as? Int == 4)
    // No reason written, no justification invented.
    #expect(comments[1].first?["justification"] == nil)
  }

  /// GitHub code scanning does not read `suppressions` and would open an alert for each
  /// suppressed result, so SARIF lists them only when asked.
  @Test func sarifLeavesSuppressedFindingsOutUnlessAsked() throws {
    let result = Self.run("sarif")
    #expect(result.status == 0)
    let log = try Self.object(result.output)
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    #expect((run["results"] as? [Any])?.isEmpty == true)
  }

  @Test func sarifMarksSuppressedResultsWithTheirJustification() throws {
    let result = Self.run("sarif", ["--report-suppressed"])
    #expect(result.status == 0)
    let log = try Self.object(result.output)
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == 2)
    let suppressions = results.map { $0["suppressions"] as? [[String: Any]] ?? [] }
    #expect(suppressions.map(\.count) == [1, 1])
    #expect(suppressions[0].first?["kind"] as? String == "inSource")
    #expect(suppressions[0].first?["justification"] as? String == "the archive is unpacked by ADD")
    #expect(suppressions[1].first?["justification"] == nil)
    // Where the comment is, so two comments without a reason stay distinct.
    let location = suppressions[1].first?["location"] as? [String: Any]
    let physical = location?["physicalLocation"] as? [String: Any]
    #expect((physical?["region"] as? [String: Any])?["startLine"] as? Int == 4)
    // A suppressed result offers no fix.
    #expect(results.allSatisfy { $0["fixes"] == nil })
  }

  @Test(arguments: ["text", "gnu", "github", "checkstyle", "gitlab"])
  func otherFormatsShowNothingSuppressed(_ format: String) {
    let result = Self.run(format)
    #expect(result.status == 0)
    #expect(!result.output.contains("BL5001"), "\(format)")
  }

  @Test func withoutIgnoreCommentsTheFindingsAreBack() throws {
    let result = BallastCommand.run([
      "--no-config", "--select", "BL5001", "--disable-ignore-pragma", "-f", "json", "-",
    ]) { Array(Self.text.utf8) }
    #expect(result.status == 1)
    let report = try Self.object(result.output)
    #expect((report["findings"] as? [Any])?.count == 2)
    #expect(report["suppressed"] == nil)
  }
}
