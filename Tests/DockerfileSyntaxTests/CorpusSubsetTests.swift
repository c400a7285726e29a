import DockerfileSyntax
import Foundation
import Testing

/// A fixed sample of the real-world corpus against the official parser's precomputed output,
/// so `swift test` checks agreement without Python. `Scripts/compare-corpus.py` runs the
/// whole corpus.
@Suite(.enabled(if: Repository.hasCorpus, "../shared/corpus is not present; skipped"))
struct CorpusSubsetTests {
  /// Every 25th file of the sorted corpus: about 200 files from many repositories.
  static let stride = 25

  @Test func sampleAgreesWithOfficialParser() throws {
    let expectedURL = Repository.conformance.appendingPathComponent("corpus-expected.jsonl.gz")
    let expected = try Self.readGzipLines(expectedURL)
    var documents: [String: [String: Any]] = [:]
    for line in expected {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      documents[object["file"] as! String] = object
    }
    let files = documents.keys.sorted()
    var compared = 0
    var differing: [String] = []
    for (index, file) in files.enumerated() where index % Self.stride == 0 {
      let want = documents[file]!
      guard want["error_kind"] as? String ?? "parse" == "parse" else { continue }
      let data = try Data(contentsOf: Repository.corpus.appendingPathComponent(file))
      let parsed = DockerfileParser.parse(SourceFile(path: file, bytes: Array(data)))
      let ours =
        try JSONSerialization.jsonObject(
          with: Data(BuildKitDump.document(for: parsed, file: file).serialized().utf8))
        as! [String: Any]
      compared += 1
      let same =
        (ours["error"] as? String) == (want["error"] as? String)
        && (ours["instructions"] as? NSArray) == (want["instructions"] as? NSArray)
      if !same { differing.append(file) }
    }
    #expect(compared > 150)
    #expect(differing.isEmpty, "differ from BuildKit: \(differing)")
  }

  /// Reads a gzip file with the system's `gzip -dc` (the test target may use Foundation).
  static func readGzipLines(_ url: URL) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "gzip -dc \"$0\"", url.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
  }
}
