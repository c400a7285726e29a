import DockerfileSyntax
import Foundation

/// Paths of the repository and of the read-only `shared/` data beside it.
enum Repository {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
  static let conformance = shared.appendingPathComponent("conformance")
  static let corpus = shared.appendingPathComponent("corpus")

  static var hasConformance: Bool {
    FileManager.default.fileExists(atPath: conformance.appendingPathComponent("extra-cases").path)
  }
  static var hasCorpus: Bool {
    FileManager.default.fileExists(atPath: corpus.appendingPathComponent("MANIFEST.tsv").path)
  }
}

func parse(_ text: String) -> Dockerfile {
  DockerfileParser.parse(path: "Dockerfile", text: text)
}

/// `line:column-endLine:endColumn` of a range, for compact assertions.
func span(_ range: SourceRange, in dockerfile: Dockerfile) -> String {
  let start = dockerfile.source.location(of: range.start)
  let end = dockerfile.source.location(of: range.end)
  return "\(start.line):\(start.column)-\(end.line):\(end.column)"
}

func text(_ range: SourceRange, in dockerfile: Dockerfile) -> String {
  dockerfile.source.text(range)
}

/// A small deterministic generator, so random-input tests replay exactly.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
