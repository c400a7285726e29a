import DockerfileSemantics
import DockerfileSyntax
import Foundation
import LintEngine
import LintRules
import Testing

/// A ```dockerfile bad|good|fixed``` block of a rule page, with `↓` markers removed.
struct DocExample: CustomTestStringConvertible, Sendable {
  enum Kind: String, Sendable {
    case bad, good
    /// The bad block before it with the rule's fixes applied.
    case fixed
  }

  var ruleID: String
  var index: Int
  var kind: Kind
  var text: String
  /// Byte offsets where a finding of the rule must start.
  var markers: [Int]
  /// For a bad block: the text of the fixed block right after it.
  var fixed: String?
  /// For a fixed block: true when it follows a bad block, as it must.
  var followsBad = false
  /// Rules a good example may trigger (`allow=BL3020,BL1002` in its info string): the
  /// example is about something else and shows only the lines it needs.
  var allowed: Set<String> = []
  /// `config={…}` in the info string: a `.ballast.json` object the example runs with.
  var config: String?
  /// `dockerignore=["…"]`: the lines of the `.dockerignore` of the example's build context.
  var dockerignore: [String]?

  /// The default configuration plus the block's `config`, with the rule switched on.
  var configuration: Configuration {
    var configuration = Configuration()
    if let config {
      do {
        try ConfigurationFile.load(
          config, path: "\(ruleID) example \(index)", catalog: BuiltinRules.linter.catalog,
          into: &configuration)
      } catch {
        Issue.record("\(error)")
      }
    }
    configuration.enabled[ruleID] = true
    return configuration
  }

  /// A build context with the block's `.dockerignore`; unknown without one.
  var context: BuildContext {
    dockerignore.map { BuildContext(dockerignore: $0) } ?? BuildContext()
  }

  var isBad: Bool { kind == .bad }
  var testDescription: String { "\(ruleID) example \(index) (\(kind.rawValue))" }
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
      var kind: DocExample.Kind?
      var lines: [String] = []
      var index = 0
      var allowed: Set<String> = []
      var attributes: [String: String] = [:]
      for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
        if kind == nil, line.hasPrefix("```dockerfile") {
          attributes = Self.attributes(String(line))
          let info = line.dropFirst("```dockerfile".count).split(separator: " ")
          kind = info.contains("bad") ? .bad : info.contains("fixed") ? .fixed : .good
          lines = []
          allowed = []
          for word in info where word.hasPrefix("allow=") {
            allowed = Set(word.dropFirst("allow=".count).split(separator: ",").map(String.init))
          }
        } else if let blockKind = kind, line == "```" {
          var text = ""
          var markers: [Int] = []
          for scalar in (lines.joined(separator: "\n") + "\n").unicodeScalars {
            if scalar == "↓" {
              markers.append(text.utf8.count)
            } else {
              text.unicodeScalars.append(scalar)
            }
          }
          var example = DocExample(
            ruleID: id, index: index, kind: blockKind, text: text, markers: markers,
            allowed: allowed, config: attributes["config"],
            dockerignore: attributes["dockerignore"].map { list in
              ((try? JSONSerialization.jsonObject(with: Data(list.utf8))) as? [String])
                ?? ["invalid dockerignore attribute"]
            })
          if blockKind == .fixed, let last = examples.indices.last,
            examples[last].ruleID == id, examples[last].kind == .bad, examples[last].fixed == nil
          {
            examples[last].fixed = text
            example.followsBad = true
          }
          examples.append(example)
          index += 1
          kind = nil
        } else if kind != nil {
          lines.append(String(line))
        }
      }
    }
    return examples
  }

  /// `name=JSON` attributes in a block's info string: `config={…}`, `dockerignore=[…]`.
  static func attributes(_ infoString: String) -> [String: String] {
    var result: [String: String] = [:]
    for name in ["config", "dockerignore"] {
      guard let start = infoString.range(of: " \(name)=") else { continue }
      var depth = 0
      var inString = false
      var escaped = false
      var value = ""
      for character in infoString[start.upperBound...] {
        value.append(character)
        if inString {
          if escaped {
            escaped = false
          } else if character == "\\" {
            escaped = true
          } else if character == "\"" {
            inString = false
          }
          continue
        }
        if character == "\"" { inString = true }
        if character == "{" || character == "[" { depth += 1 }
        if character == "}" || character == "]" { depth -= 1 }
        if depth == 0 { break }
      }
      result[name] = value
    }
    return result
  }
}

@Suite struct RuleDocumentationTests {
  @Test(arguments: RulePages.examples())
  func exampleBehavesAsDocumented(_ example: DocExample) {
    let linter = BuiltinRules.linter
    let result = linter.lint(
      SourceFile(path: "Dockerfile", text: example.text), configuration: example.configuration,
      context: example.context)
    let own = result.findings.filter { $0.ruleID == example.ruleID }
    switch example.kind {
    case .bad:
      #expect(!own.isEmpty, "a bad example must trigger \(example.ruleID)")
      if !example.markers.isEmpty {
        #expect(
          own.map(\.range.start).sorted() == example.markers, "findings must start at the ↓ markers"
        )
      }
    case .fixed:
      #expect(example.followsBad, "a fixed block must come right after a bad block")
      #expect(own.isEmpty, "the fixed example still triggers: \(own.map(\.message))")
    case .good:
      let others = result.findings.filter { !example.allowed.contains($0.ruleID) }
      #expect(others.isEmpty, "a good example must be clean: \(others.map(\.message))")
      #expect(own.isEmpty, "a good example must not trigger its own rule, even if allowed")
    }
    #expect(
      example.allowed.allSatisfy { linter.catalog.rule($0) != nil },
      "allow= names a rule that does not exist: \(example.allowed.sorted())")
  }

  /// The rule's fixes applied to a bad block give exactly the fixed block after it (unsafe
  /// fixes too when the rule declares them), and a bad block whose findings carry fixes has
  /// one, so every fix a page promises is shown and checked.
  @Test(arguments: RulePages.examples().filter(\.isBad))
  func fixesGiveTheFixedBlock(_ example: DocExample) throws {
    let descriptor = try #require(BuiltinRules.linter.catalog.rule(example.ruleID))
    let outcome = Self.fixing(example, safety: descriptor.fixSafety)
    let offered = BuiltinRules.linter.lint(
      SourceFile(path: "Dockerfile", text: example.text), configuration: example.configuration,
      context: example.context
    ).findings.filter { $0.ruleID == example.ruleID }.compactMap(\.fix)
    switch descriptor.fixSafety {
    case nil:
      #expect(offered.isEmpty, "\(example.ruleID) offers fixes but its page declares none")
    case .safe:
      #expect(offered.allSatisfy { $0.safety == .safe }, "the page declares only safe fixes")
    case .unsafe: break
    }
    #expect(outcome.refused.isEmpty, "refused: \(outcome.refused.map { $0.reason ?? "" })")
    if let fixed = example.fixed {
      #expect(
        String(decoding: outcome.fixed.bytes, as: UTF8.self) == fixed,
        "the fixes must turn the bad block into the fixed block after it")
    } else {
      #expect(!outcome.changed, "a bad block whose findings have fixes needs a fixed block")
    }
  }

  /// Every default rule runs (BL5003 needs their findings), only the example rule's fixes
  /// apply; the example's configuration and build context are used.
  static func fixing(_ example: DocExample, safety: Fix.Safety?, text: String? = nil)
    -> FixOutcome
  {
    Fixer(
      linter: BuiltinRules.linter,
      options: FixOptions(includeUnsafe: safety == .unsafe, rules: [example.ruleID])
    ).fix(
      SourceFile(path: "Dockerfile", text: text ?? example.text),
      configuration: example.configuration, context: example.context)
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
      let fix = descriptor.fixSafety.map { " · fix: \($0.rawValue)" } ?? ""
      #expect(
        meta
          == "category: \(descriptor.category.title) · severity: \(descriptor.defaultSeverity.rawValue) · default: \(descriptor.isEnabledByDefault ? "on" : "off")\(fix)",
        "\(descriptor.id): the page header must match the descriptor (fix: safe|unsafe when it offers fixes)"
      )
      // Each peer's ids, exactly as the descriptor records them, or "none".
      for peer in PeerEquivalents.Peer.allCases {
        let ids = descriptor.peers[peer]
        let line = "- \(peer.title): \(ids.isEmpty ? "none" : ids.joined(separator: ", "))"
        #expect(
          page.contains("\n## Peer equivalents\n") && page.contains("\n" + line),
          "\(descriptor.id): its Peer equivalents section needs the line `\(line)`")
      }
      // Security rules rank in code scanning by their CWE and score; the page names the CWE.
      if descriptor.category == .security {
        let security = try #require(
          descriptor.security, "\(descriptor.id) is a security rule without a CWE and score")
        #expect(
          page.contains(security.cweID), "\(descriptor.id)'s page must name \(security.cweID)")
        #expect((0.1...10).contains(security.score))
      }
      for section in [
        "## What it does", "## Why is this bad?", "## Examples", "## How to fix",
        "## Peer equivalents",
      ] {
        #expect(page.contains(section + "\n"), "\(descriptor.id) lacks \(section)")
      }
      let examples = RulePages.examples().filter { $0.ruleID == descriptor.id }
      #expect(examples.contains(where: \.isBad) && examples.contains { $0.kind == .good })
      if descriptor.fixSafety != nil {
        #expect(
          examples.contains { $0.kind == .fixed }, "\(descriptor.id) offers fixes: show one")
      }
    }
  }

  @Test func rulesIndexIsUpToDate() throws {
    let index = try String(
      contentsOf: RulePages.folder.appendingPathComponent("README.md"), encoding: .utf8)
    var table =
      "| id | name | category | severity | default | fix | summary |\n| --- | --- | --- | --- | --- | --- | --- |\n"
    for descriptor in BuiltinRules.all.map({ $0.descriptor }) {
      table +=
        "| [\(descriptor.id)](\(descriptor.id).md) | `\(descriptor.name)` | \(descriptor.category.title) | "
        + "\(descriptor.defaultSeverity.rawValue) | \(descriptor.isEnabledByDefault ? "on" : "off") | "
        + "\(descriptor.fixSafety?.rawValue ?? "") | \(descriptor.summary) |\n"
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
