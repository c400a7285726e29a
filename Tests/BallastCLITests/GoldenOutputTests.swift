import BallastCLI
import Foundation
import Testing

/// Every output format on one fixture that triggers several rules, with awkward characters.
/// The expected files were produced by ballast and reviewed by hand; refresh them with
/// `UPDATE_GOLDEN=1 swift test --filter GoldenOutputTests` and review the diff.
@Suite struct GoldenOutputTests {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/golden")

  @Test(arguments: ["text", "json", "sarif", "gnu", "checkstyle", "github", "gitlab"])
  func formatMatchesGolden(_ format: String) throws {
    let input = try Data(contentsOf: Self.folder.appendingPathComponent("Dockerfile"))
    let result = BallastCommand.run([
      "lint", "--no-config", "--color", "never", "--format", format, "--stdin-filename",
      "services/web/Dockerfile", "-",
    ]) { Array(input) }
    #expect(result.status == 1)
    let golden = Self.folder.appendingPathComponent("output.\(format)")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      try Data(result.output.utf8).write(to: golden)
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    #expect(result.output == expected)
  }
}
