import DockerfileSemantics
import DockerfileSyntax
import Foundation
import LintEngine
import LintRules
import Testing

/// A ```dockerfile bad|good``` block of a rule page, with `↓` markers removed.
struct DocExample: CustomTestStringConvertible, Sendable {
  var ruleID: String
  var index: Int
  var isBad: Bool
  var text: String
  /// Byte offsets where a finding of the rule must start.
  var markers: [Int]

  var testDescription: String { "\(ruleID) example \(index) (\(isBad ? "bad" : "good"))" }
}

enum RulePages {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Rules")

  static func pages() -> [String: String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    var pages: [String: String] = [:]
    for name in names where name.hasPrefix("BL") && name.hasSuffix(".md") {
      pages[String(name.dropLast(3))] =
        (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }
    return pages
  }

  static func examples() -> [DocExample] {
    var examples: [DocExample] = []
    for (id, page) in pages().sorted(by: { $0.key < $1.key }) {
      var inBlock: Bool?
      var lines: [String] = []
      var index = 0
      for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
        if inBlock == nil, line.hasPrefix("```dockerfile") {
          inBlock = line.contains("bad")
          lines = []
        } else if let bad = inBlock, line == "```" {
          var text = ""
          var markers: [Int] = []
          for scalar in (lines.joined(separator: "\n") + "\n").unicodeScalars {
            if scalar == "↓" {
              markers.append(text.utf8.count)
            } else {
              text.unicodeScalars.append(scalar)
            }
          }
          examples.append(
            DocExample(ruleID: id, index: index, isBad: bad, text: text, markers: markers))
          index += 1
          inBlock = nil
        } else if inBlock != nil {
          lines.append(String(line))
        }
      }
    }
    return examples
  }
}

@Suite struct RuleDocumentationTests {
  @Test(arguments: RulePages.examples())
  func exampleBehavesAsDocumented(_ example: DocExample) {
    let linter = BuiltinRules.linter
    let result = linter.lint(
      SourceFile(path: "Dockerfile", text: example.text), configuration: .enabling(example.ruleID))
    let own = result.findings.filter { $0.ruleID == example.ruleID }
    if example.isBad {
      #expect(!own.isEmpty, "a bad example must trigger \(example.ruleID)")
      if !example.markers.isEmpty {
        #expect(
          own.map(\.range.start).sorted() == example.markers, "findings must start at the ↓ markers"
        )
      }
    } else {
      #expect(
        result.findings.isEmpty, "a good example must be clean: \(result.findings.map(\.message))")
    }
  }

  @Test func registryAndPagesAgree() throws {
    let descriptors = BuiltinRules.all.map { $0.descriptor }
    let ids = descriptors.map(\.id)
    #expect(ids == ids.sorted(), "BuiltinRules.all must be sorted by id")
    #expect(Set(ids).count == ids.count)
    #expect(Set(descriptors.map(\.name)).count == ids.count)
    let pages = RulePages.pages()
    #expect(Set(pages.keys) == Set(ids), "every rule needs Rules/<id>.md and every page a rule")
    for descriptor in descriptors {
      #expect(descriptor.id.wholeMatch(of: /BL\d{4}/) != nil)
      #expect(descriptor.name.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil)
      let page = try #require(pages[descriptor.id])
      let header = page.split(separator: "\n").prefix(2).map(String.init)
      #expect(header.first == "# \(descriptor.id) \(descriptor.name)")
      let meta = header.last ?? ""
      #expect(
        meta.hasPrefix(
          "category: \(descriptor.category.title) · severity: \(descriptor.defaultSeverity.rawValue) · default: \(descriptor.isEnabledByDefault ? "on" : "off")"
        ))
      // Each peer's ids, exactly as the descriptor records them, or "none".
      for peer in PeerEquivalents.Peer.allCases {
        let ids = descriptor.peers[peer]
        let line = "- \(peer.title): \(ids.isEmpty ? "none" : ids.joined(separator: ", "))"
        #expect(
          page.contains("\n## Peer equivalents\n") && page.contains("\n" + line),
          "\(descriptor.id): its Peer equivalents section needs the line `\(line)`")
      }
      for section in [
        "## What it does", "## Why is this bad?", "## Examples", "## How to fix",
        "## Peer equivalents",
      ] {
        #expect(page.contains(section + "\n"), "\(descriptor.id) lacks \(section)")
      }
      let examples = RulePages.examples().filter { $0.ruleID == descriptor.id }
      #expect(examples.contains(where: \.isBad) && examples.contains { !$0.isBad })
    }
  }

  @Test func rulesIndexIsUpToDate() throws {
    let index = try String(
      contentsOf: RulePages.folder.appendingPathComponent("README.md"), encoding: .utf8)
    var table =
      "| id | name | category | severity | default | summary |\n| --- | --- | --- | --- | --- | --- |\n"
    for descriptor in BuiltinRules.all.map({ $0.descriptor }) {
      table +=
        "| [\(descriptor.id)](\(descriptor.id).md) | `\(descriptor.name)` | \(descriptor.category.title) | "
        + "\(descriptor.defaultSeverity.rawValue) | \(descriptor.isEnabledByDefault ? "on" : "off") | \(descriptor.summary) |\n"
    }
    #expect(index.contains(table), "Rules/README.md's table is stale; expected:\n\(table)")
  }

  @Test func embeddedPagesAreUpToDate() {
    let pages = RulePages.pages()
    #expect(Set(RuleDocumentation.pages.keys) == Set(pages.keys))
    for (id, page) in pages {
      #expect(
        RuleDocumentation.pages[id].map { $0 + "\n" } == page,
        "Sources/LintRules/RuleDocumentation.swift is stale: run Scripts/generate-rule-docs.py")
    }
  }
}

extension Configuration {
  /// The default configuration with `ruleID` switched on (some rules are opt-in).
  static func enabling(_ ruleID: String) -> Configuration {
    var configuration = Configuration()
    configuration.enabled[ruleID] = true
    return configuration
  }
}
