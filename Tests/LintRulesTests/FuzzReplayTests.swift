import DockerfileSyntax
import Foundation
import LintEngine
import LintFormatters
import LintRules
import Testing

/// Inputs that once crashed the fuzzer (Scripts/fuzz.sh): each goes through the whole
/// pipeline with every rule on, and every finding must lie inside the file.
@Suite struct FuzzReplayTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("FuzzRegressions")

  static func inputs() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
  }

  @Test(arguments: inputs())
  func replays(_ name: String) throws {
    let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
    var configuration = Configuration()
    for descriptor in BuiltinRules.linter.catalog.descriptors {
      configuration.enabled[descriptor.id] = true
    }
    let result = BuiltinRules.linter.lint(
      SourceFile(path: name, bytes: bytes), configuration: configuration)
    for finding in result.findings {
      #expect(
        finding.range.start >= 0 && finding.range.start <= finding.range.end
          && finding.range.end <= bytes.count,
        "\(finding.ruleID) \(finding.range)")
    }
    let report = LintReport(files: [result], catalog: BuiltinRules.linter.catalog, toolVersion: "t")
    for format in OutputFormat.allCases { #expect(!format.render(report).isEmpty) }
  }
}
