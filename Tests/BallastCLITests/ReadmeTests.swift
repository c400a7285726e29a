import Foundation
import LintEngine
import Testing

@testable import BallastCLI

/// A README block that shows a command (`$ ballast …`) and what it prints.
struct ReadmeExample: CustomTestStringConvertible, Sendable {
  var line: Int
  var command: String
  var expected: String

  var testDescription: String { "README.md:\(line) \(command)" }

  static let repository = OptionTableTests.repository
  static var readme: String {
    (try? String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8))
      ?? ""
  }

  /// Every fenced block (no language, or `text`/`console`) whose first line starts with `$ `.
  static func all() -> [ReadmeExample] {
    var examples: [ReadmeExample] = []
    var block: [String]?
    var shows = false
    var start = 0
    for (index, line) in readme.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      if block == nil, line.hasPrefix("```") {
        block = []
        shows = ["```", "```text", "```console"].contains(line)
        start = index + 2
      } else if let lines = block, line == "```" {
        if shows, let first = lines.first, first.hasPrefix("$ ") {
          examples.append(
            ReadmeExample(
              line: start, command: String(first.dropFirst(2)),
              expected: lines.dropFirst().map { $0 + "\n" }.joined()))
        }
        block = nil
      } else if block != nil {
        block?.append(String(line))
      }
    }
    return examples
  }

  /// Shell words: single quotes literal, double quotes with backslash escapes.
  static func words(_ text: Substring) -> [String] {
    var words: [String] = []
    var current: String?
    var quote: Character?
    var escaped = false
    for character in text {
      if escaped {
        current = (current ?? "") + String(character)
        escaped = false
      } else if let open = quote {
        if character == open {
          quote = nil
        } else if character == "\\" && open == "\"" {
          escaped = true
        } else {
          current = (current ?? "") + String(character)
        }
      } else if character == "'" || character == "\"" {
        quote = character
        current = current ?? ""
      } else if character == "\\" {
        escaped = true
      } else if character == " " {
        if let word = current { words.append(word) }
        current = nil
      } else {
        current = (current ?? "") + String(character)
      }
    }
    if let word = current { words.append(word) }
    return words
  }

  /// `printf`'s escapes, for the text piped into ballast.
  static func printf(_ format: String) -> String {
    var text = ""
    var escaped = false
    for character in format {
      if escaped {
        switch character {
        case "n": text += "\n"
        case "t": text += "\t"
        default: text.append(character)
        }
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else {
        text.append(character)
      }
    }
    return text
  }
}

/// Issue 11, item 16: every README example that shows output is run, and must print exactly
/// what the README shows (as the rule pages' output blocks are checked).
@Suite struct ReadmeTests {
  @Test func thereAreExamplesToCheck() {
    #expect(ReadmeExample.all().count >= 3)
  }

  @Test(arguments: ReadmeExample.all())
  func exampleShowsTheRealOutput(_ example: ReadmeExample) throws {
    var stdin = ""
    var command = Substring(example.command)
    if let pipe = command.range(of: " | ") {
      let producer = ReadmeExample.words(command[..<pipe.lowerBound])
      try #require(producer.count == 2 && producer[0] == "printf", "only `printf '…' |` is piped")
      stdin = ReadmeExample.printf(producer[1])
      command = command[pipe.upperBound...]
    }
    var words = ReadmeExample.words(command)
    for prefix in [["swift", "run", "-q", "ballast"], ["ballast"]]
    where words.starts(with: prefix) {
      words.removeFirst(prefix.count)
      break
    }
    try #require(
      !words.contains { ["|", ">", "<", "&&", ";"].contains($0) },
      "\(example.command): only ballast with arguments (and `printf … |`) can be checked")
    // Paths are relative to the repository; run them absolute and show them relative again.
    let root = ReadmeExample.repository.path
    let arguments = words.map { word -> String in
      guard !word.hasPrefix("-"), FileManager.default.fileExists(atPath: root + "/" + word) else {
        return word
      }
      return root + "/" + word
    }
    let result = BallastCommand.run(arguments) { Array(stdin.utf8) }
    let shown = (result.output + result.errors).replacingOccurrences(of: root + "/", with: "")
    #expect(shown == example.expected, "README.md:\(example.line): the output differs")
  }
}

/// Issue 11, item 18: the Testing section names every suite that skips without `../shared`,
/// with the message it prints.
@Suite struct ReadmeTestingSectionTests {
  /// `@Suite(.enabled(if: …, "MESSAGE"))` followed by `struct NAME`, in every test file.
  static func conditionalSuites() throws -> [(name: String, message: String)] {
    let tests = ReadmeExample.repository.appendingPathComponent("Tests")
    let files =
      FileManager.default.enumerator(atPath: tests.path)?.compactMap { $0 as? String }
      .filter { $0.hasSuffix(".swift") } ?? []
    var suites: [(String, String)] = []
    for file in files.sorted() {
      let text = try String(contentsOf: tests.appendingPathComponent(file), encoding: .utf8)
      let lines = text.split(separator: "\n").map(String.init)
      for (index, line) in lines.enumerated() where line.hasPrefix("@Suite(.enabled(if:") {
        let quoted = line.split(separator: "\"", omittingEmptySubsequences: false)
        guard quoted.count >= 3, index + 1 < lines.count else { continue }
        let declaration = lines[index + 1].split(separator: " ")
        guard declaration.count >= 2, declaration[0] == "struct" else { continue }
        suites.append((String(declaration[1]), String(quoted[1])))
      }
    }
    return suites
  }

  @Test func everySuiteThatNeedsSharedDataIsListedWithItsMessage() throws {
    let suites = try Self.conditionalSuites()
    #expect(suites.count >= 3)
    let rows = ReadmeExample.readme.split(separator: "\n").filter { $0.hasPrefix("| `") }
    for (name, message) in suites {
      let listed = rows.contains { $0.hasPrefix("| `\(name)` |") && $0.contains("`\(message)`") }
      #expect(listed, "README's Testing table lacks `\(name)` with `\(message)`")
    }
  }
}

/// Issue 11, item 17: the README's configuration example and pre-commit snippet are true.
@Suite struct ReadmeClaimsTests {
  /// The blocks of one language, in order.
  static func blocks(_ language: String) -> [String] {
    var blocks: [String] = []
    var fence: Substring?
    var lines: [Substring] = []
    for line in ReadmeExample.readme.split(separator: "\n", omittingEmptySubsequences: false) {
      if fence == nil, line.hasPrefix("```") {
        fence = line
        lines = []
      } else if fence != nil, line == "```" {
        if fence == "```\(language)" { blocks.append(lines.joined(separator: "\n")) }
        fence = nil
      } else if fence != nil {
        lines.append(line)
      }
    }
    return blocks
  }

  /// Keys something reads: the engine (`version`, `ignore`, `failureThreshold`, `rules`) and
  /// rules (`trustedRegistries`: BL3002).
  /// Add one here only together with the code that uses it.
  static let keysWithAnEffect: Set<String> = [
    "version", "ignore", "failureThreshold", "rules", "trustedRegistries",
  ]

  @Test func theConfigurationExampleLoadsAndUsesOnlyKeysThatDoSomething() throws {
    let example = try #require(Self.blocks("json").first { $0.contains("\"version\": 1") })
    var configuration = Configuration()
    try ConfigurationFile.load(
      example, path: "README.md", catalog: LintCommand.linter.catalog, into: &configuration)
    guard case .object(let members) = try JSONReader.parse(example) else {
      Issue.record("the example is not an object")
      return
    }
    for (key, _) in members {
      #expect(
        Self.keysWithAnEffect.contains(key),
        "README's example config sets `\(key)`, which no rule reads")
    }
    // Every key the file format accepts is explained in the README's table.
    let rows = ReadmeExample.readme.split(separator: "\n").filter { $0.hasPrefix("| `") }
    for key in ConfigurationFile.topLevelKeys {
      #expect(rows.contains { $0.hasPrefix("| `\(key)` |") }, "README does not explain `\(key)`")
    }
  }

  @Test func preCommitRevisionsAreCommitIdsOrExistingTags() throws {
    let tags = Self.gitTags()
    let revisions = ReadmeExample.readme.split(separator: "\n").compactMap { line -> String? in
      let trimmed = line.drop { $0 == " " }
      guard trimmed.hasPrefix("rev: ") else { return nil }
      return String(trimmed.dropFirst(5).prefix { $0 != " " })
    }
    #expect(!revisions.isEmpty)
    for revision in revisions {
      let isCommit = revision.count == 40 && revision.allSatisfy(\.isHexDigit)
      #expect(
        isCommit || tags.contains(revision), "rev: \(revision) is neither a commit id nor a tag")
    }
  }

  static func gitTags() -> Set<String> {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", ReadmeExample.repository.path, "tag", "--list"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return [] }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
  }
}
