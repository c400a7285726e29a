import Foundation
import Testing

@testable import LintFormatters

@Suite struct UnifiedDiffTests {
  @Test func knownDiff() {
    let old = "FROM alpine\nrun a\nRUN b\nRUN c\nRUN d\nRUN e\nRUN f\nRUN g\nRUN h\nrun i"
    let new = "FROM alpine\nRUN a\nRUN b\nRUN c\nRUN d\nRUN e\nRUN f\nRUN g\nRUN h\nRUN i\n"
    #expect(
      UnifiedDiff.diff(Array(old.utf8), Array(new.utf8), path: "sub/Dockerfile") == """
        --- a/sub/Dockerfile
        +++ b/sub/Dockerfile
        @@ -1,5 +1,5 @@
         FROM alpine
        -run a
        +RUN a
         RUN b
         RUN c
         RUN d
        @@ -7,4 +7,4 @@
         RUN f
         RUN g
         RUN h
        -run i
        \\ No newline at end of file
        +RUN i

        """)
    #expect(UnifiedDiff.diff(Array(old.utf8), Array(old.utf8), path: "x").isEmpty)
  }

  @Test func namesAreQuotedAsGitDoes() {
    #expect(UnifiedDiff.header("a/my file") == "a/my file\t")
    #expect(UnifiedDiff.header("a/ñ\"x") == "\"a/\\303\\261\\\"x\"")
  }

  /// Random edits of random files: `git apply` of the diff gives the new text exactly.
  @Test func gitApplyReproducesTheNewText() throws {
    var generator = SystemRandomNumberGenerator()
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("ballast-diff-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let words = ["RUN a\n", "RUN b\r\n", "COPY x y\n", "\n", "# c\n", "FROM z\n"]
    for round in 0..<40 {
      var lines = (0..<Int.random(in: 0...30, using: &generator)).map { _ in
        words.randomElement(using: &generator)!
      }
      let old = lines.joined()
      for _ in 0..<Int.random(in: 1...6, using: &generator) {
        let position = Int.random(in: 0...lines.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: lines.insert(words.randomElement(using: &generator)!, at: position)
        case 1 where position < lines.count: lines.remove(at: position)
        default:
          if position < lines.count { lines[position] = "ENV k=\(round)\n" }
        }
      }
      var new = lines.joined()
      if Bool.random(using: &generator), new.hasSuffix("\n") { new.removeLast() }
      let name = "case \(round).Dockerfile"
      try Data(old.utf8).write(to: folder.appendingPathComponent(name))
      let patch = UnifiedDiff.diff(Array(old.utf8), Array(new.utf8), path: name)
      guard !patch.isEmpty else { continue }
      try Data(patch.utf8).write(to: folder.appendingPathComponent("patch"))
      let git = Process()
      git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      git.arguments = ["git", "apply", "--unsafe-paths", "patch"]
      git.currentDirectoryURL = folder
      try git.run()
      git.waitUntilExit()
      #expect(git.terminationStatus == 0, "git apply failed on:\n\(patch)")
      let applied = try Data(contentsOf: folder.appendingPathComponent(name))
      #expect(Array(applied) == Array(new.utf8), "patch:\n\(patch)")
    }
  }
}
