import BallastCLI
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Every 40th file of the real-world corpus through the whole command line, all rules on:
/// each finding points inside its file at the line and column it names, the machine formats
/// parse, and the output does not depend on the thread count. `Scripts/check-invariants.py`
/// checks the same over the whole corpus (and SARIF against the schema).
@Suite(.enabled(if: CorpusSample.isPresent, "../shared/corpus is not present; skipped"))
struct CorpusInvariantTests {
  static func lint(_ format: String, jobs: Int) -> CommandResult {
    BallastCommand.run(
      [
        "lint", "--no-config", "--select", "BL", "--failure-threshold", "none", "-f", format,
        "--jobs", String(jobs),
      ] + CorpusSample.paths
    ) { nil }
  }

  @Test func findingsPointWhereTheySay() throws {
    let result = Self.lint("json", jobs: 2)
    #expect(result.errors.isEmpty)
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let findings = try #require(report["findings"] as? [[String: Any]])
    #expect(findings.count > 50)
    var files: [String: [UInt8]] = [:]
    for finding in findings {
      let path = try #require(finding["file"] as? String)
      let bytes = try files[path] ?? Array(Data(contentsOf: URL(fileURLWithPath: path)))
      files[path] = bytes
      let start = try #require(finding["offset"] as? Int)
      let end = try #require(finding["endOffset"] as? Int)
      guard 0 <= start && start <= end && end <= bytes.count else {
        Issue.record("\(path) \(finding["rule"] ?? ""): \(start)..<\(end) outside the file")
        continue
      }
      let lineStart = bytes[..<start].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
      var prefix = bytes[lineStart..<start]
      if lineStart == 0 && prefix.starts(with: [0xEF, 0xBB, 0xBF]) { prefix = prefix.dropFirst(3) }
      let line = bytes[..<start].count { $0 == 0x0A } + 1
      let column = String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
      #expect(finding["line"] as? Int == line && finding["column"] as? Int == column, "\(path)")
    }
  }

  @Test(arguments: [
    "json", "sarif", "gitlab", "checkstyle", "gnu", "github", "text", "junit", "sonarqube",
    "codeclimate",
  ])
  func formatIsValidAndIndependentOfThreads(_ format: String) throws {
    let one = Self.lint(format, jobs: 1)
    let three = Self.lint(format, jobs: 3)
    #expect(one.output == three.output)
    #expect(one.output == Self.lint(format, jobs: 1).output)
    switch format {
    case "json", "sarif", "gitlab", "sonarqube":
      _ = try JSONSerialization.jsonObject(with: Data(one.output.utf8))
    case "checkstyle", "junit":
      _ = try XMLDocument(data: Data(one.output.utf8))
    case "codeclimate":
      let issues = one.output.split(separator: "\u{0}")
      #expect(!issues.isEmpty)
      for issue in issues { _ = try JSONSerialization.jsonObject(with: Data(issue.utf8)) }
    default:
      #expect(!one.output.isEmpty)
    }
  }
}

enum CorpusSample {
  static let corpus = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/corpus")

  static var isPresent: Bool {
    FileManager.default.fileExists(atPath: corpus.appendingPathComponent("MANIFEST.tsv").path)
  }

  /// Every 40th file in sorted order: about 135 files from many repositories.
  static let paths: [String] = {
    let files = corpus.appendingPathComponent("files")
    guard let walker = FileManager.default.enumerator(atPath: files.path) else { return [] }
    var found: [String] = []
    while let relative = walker.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let path = files.appendingPathComponent(relative).path
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        found.append(path)
      }
    }
    return found.sorted().enumerated().filter { $0.offset % 40 == 0 }.map(\.element)
  }()
}
