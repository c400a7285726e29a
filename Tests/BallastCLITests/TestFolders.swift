import Foundation

/// One folder per test process for the files tests write, removed when the process exits:
/// the suites make dozens of small trees per run, and left behind they piled up in the
/// system's temporary folder run after run.
enum TestFolders {
  static let root: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ballast-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: TestFolders.root) }
    return url
  }()

  /// A new, empty folder inside `root`.
  static func make(_ prefix: String) -> URL {
    root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
  }
}
