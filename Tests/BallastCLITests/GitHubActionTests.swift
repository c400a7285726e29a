import Foundation
import LintEngine
import Testing

@testable import BallastCLI

/// Issue 19: `action.yml` against GitHub's metadata syntax for actions (docs "Metadata syntax
/// for GitHub Actions"): the required keys, input ids and their keys, a Docker container action
/// built from ballast's own `Dockerfile`, arguments that name only declared inputs and that
/// ballast's command line accepts; and the README's workflow uses the action with its inputs.
@Suite struct GitHubActionTests {
  static let repository = OptionTableTests.repository

  static func action() throws -> [YAMLEntry] {
    let text = try String(
      contentsOf: repository.appendingPathComponent("action.yml"), encoding: .utf8)
    guard case .mapping(let entries) = try YAMLReader.parse(text).kind else {
      throw YAMLError(line: 1, message: "action.yml is not a mapping")
    }
    return entries
  }

  static func mapping(_ node: YAMLNode?) -> [YAMLEntry] {
    guard let node, case .mapping(let entries) = node.kind else { return [] }
    return entries
  }

  static func value(_ key: String, in entries: [YAMLEntry]) -> YAMLNode? {
    entries.first { $0.key == key }?.value
  }

  /// The inputs with their defaults (an empty string when none is given).
  static func inputs() throws -> [(id: String, defaultValue: String)] {
    try mapping(value("inputs", in: action())).map {
      ($0.key, value("default", in: mapping($0.value))?.text ?? "")
    }
  }

  static func arguments() throws -> [String] {
    let runs = try mapping(value("runs", in: action()))
    guard case .sequence(let items) = value("args", in: runs)?.kind else { return [] }
    return items.compactMap(\.text)
  }

  /// The `${{ inputs.NAME }}` an argument names.
  static func referencedInputs(_ argument: String) -> [String] {
    argument.components(separatedBy: "${{").dropFirst().compactMap { part in
      guard let end = part.range(of: "}}") else { return nil }
      let expression = part[..<end.lowerBound].trimmingCharacters(in: .whitespaces)
      return expression.hasPrefix("inputs.") ? String(expression.dropFirst(7)) : expression
    }
  }

  static func substituted(_ values: [String: String]) throws -> [String] {
    var defaults = Dictionary(uniqueKeysWithValues: try inputs().map { ($0.id, $0.defaultValue) })
    defaults.merge(values) { $1 }
    return try arguments().map { argument in
      var result = argument
      for (id, value) in defaults {
        result = result.replacingOccurrences(of: "${{ inputs.\(id) }}", with: value)
      }
      return result
    }
  }

  @Test func requiredKeysAndOnlyKnownOnes() throws {
    let entries = try Self.action()
    let keys = entries.map(\.key)
    for required in ["name", "description", "runs"] {
      #expect(keys.contains(required), "\(required)")
    }
    let known: Set = ["name", "author", "description", "inputs", "outputs", "runs", "branding"]
    #expect(Set(keys).subtracting(known).isEmpty, "\(keys)")
    #expect(Self.value("name", in: entries)?.text?.isEmpty == false)
    #expect(Self.value("description", in: entries)?.text?.isEmpty == false)
    let branding = Self.mapping(Self.value("branding", in: entries))
    let colors: Set = [
      "white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark",
    ]
    #expect(colors.contains(Self.value("color", in: branding)?.text ?? ""))
    #expect(Self.value("icon", in: branding)?.text?.isEmpty == false)
  }

  @Test func inputsHaveValidIdsAndDescriptions() throws {
    let inputs = try Self.mapping(Self.value("inputs", in: Self.action()))
    #expect(inputs.map(\.key) == ["path", "format", "failure-threshold", "sarif-file"])
    let ids = inputs.map { $0.key.lowercased() }
    #expect(Set(ids).count == ids.count, "input ids are unique without case")
    for input in inputs {
      // An id starts with a letter or `_` and holds only alphanumerics, `-` or `_`.
      let first = input.key.unicodeScalars.first
      #expect(first.map { CharacterSet.letters.contains($0) || $0 == "_" } == true)
      #expect(
        input.key.unicodeScalars.allSatisfy {
          CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_"
        }, "\(input.key)")
      let keys = Self.mapping(input.value)
      #expect(
        Set(keys.map(\.key)).subtracting([
          "description", "required", "default", "deprecationMessage",
        ])
        .isEmpty, "\(input.key)")
      #expect(Self.value("description", in: keys)?.text?.isEmpty == false, "\(input.key)")
      if let required = Self.value("required", in: keys) {
        #expect(required.bool != nil, "\(input.key): required is a boolean")
      }
    }
  }

  @Test func aDockerContainerActionFromBallastsOwnImage() throws {
    let runs = try Self.mapping(Self.value("runs", in: Self.action()))
    #expect(Self.value("using", in: runs)?.text == "docker")
    #expect(Self.value("image", in: runs)?.text == "Dockerfile")
    let known: Set = [
      "using", "image", "env", "entrypoint", "pre-entrypoint", "pre-if", "post-entrypoint",
      "post-if", "args",
    ]
    #expect(Set(runs.map(\.key)).subtracting(known).isEmpty)
    let dockerfile = try String(
      contentsOf: Self.repository.appendingPathComponent("Dockerfile"), encoding: .utf8)
    #expect(dockerfile.contains("ENTRYPOINT [\"/usr/local/bin/ballast\"]"))
    // The image's user cannot write the checkout: the SARIF input says where it can write.
    #expect(dockerfile.contains("USER 65532:65532"))
    let inputs = try Self.mapping(Self.value("inputs", in: Self.action()))
    let sarif = Self.mapping(Self.value("sarif-file", in: inputs))
    #expect(Self.value("description", in: sarif)?.text?.contains("uid 65532") == true)
  }

  @Test func argumentsNameOnlyDeclaredInputs() throws {
    let declared = Set(try Self.inputs().map(\.id))
    let arguments = try Self.arguments()
    #expect(arguments.first == "lint")
    let used = Set(arguments.flatMap(Self.referencedInputs))
    #expect(used == declared, "every input is used, and only inputs are")
    // Values are attached with `=`, so an input left empty never swallows the next argument.
    for argument in arguments where argument.hasPrefix("--") && argument.contains("${{") {
      #expect(argument.contains("="), "\(argument)")
    }
  }

  @Test func theArgumentsAreABallastCommandLine() throws {
    let root = try LintCommandTests.folder([
      "Dockerfile": "FROM alpine:3.20\nADD app.conf /etc/app.conf\nUSER 65534\n"
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    // The defaults: annotations in the log, no SARIF file.
    let defaults = BallastCommand.run(try Self.substituted(["path": root])) { nil }
    #expect(defaults.errors == "")
    #expect(defaults.status == 1)
    #expect(defaults.output.contains("::warning file=\(root)/Dockerfile,line=2"))
    // With a SARIF file and a threshold nothing reaches.
    let sarif = root + "/reports/ballast.sarif"
    try FileManager.default.createDirectory(
      atPath: root + "/reports", withIntermediateDirectories: true)
    let both = BallastCommand.run(
      try Self.substituted([
        "path": root, "sarif-file": sarif, "failure-threshold": "error", "format": "gnu",
      ])
    ) { nil }
    #expect(both.errors == "")
    #expect(both.status == 0)
    #expect(both.output.contains("\(root)/Dockerfile:2.1-2.4: warning: ADD copies"))
    let log = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarif)))
    #expect((log as? [String: Any])?["version"] as? String == "2.1.0")
  }

  /// `--sarif-file`: SARIF beside the format asked for, an empty value for none, and an
  /// unwritable place is an error (exit 2) after the report is printed.
  @Test func sarifFileOption() throws {
    let input = Array("FROM alpine:3.20\nADD app.conf /etc/app.conf\nUSER 65534\n".utf8)
    let root = try LintCommandTests.folder(["Dockerfile": ""])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let path = root + "/out.sarif"
    let written = BallastCommand.run(["--no-config", "-f", "gnu", "--sarif-file", path, "-"]) {
      input
    }
    #expect(written.status == 1)
    #expect(written.output.hasPrefix("-:2.1-2.4: warning: ADD copies"))
    let log = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
    let runs = (log as? [String: Any])?["runs"] as? [[String: Any]]
    let results = runs?.first?["results"] as? [[String: Any]]
    #expect(results?.map { $0["ruleId"] as? String } == ["BL5001"])
    let none = BallastCommand.run(["--no-config", "-f", "gnu", "--sarif-file=", "-"]) { input }
    #expect(none.status == 1)
    #expect(none.errors == "")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: root).sorted() == [
        "Dockerfile", "out.sarif",
      ])
    let unwritable = BallastCommand.run([
      "--no-config", "-f", "gnu", "--sarif-file", root + "/missing/out.sarif", "-",
    ]) { input }
    #expect(unwritable.status == 2)
    #expect(unwritable.output.contains("ADD copies"))
    #expect(unwritable.errors.contains("missing/out.sarif: cannot write the report"))
    let withFix = BallastCommand.run(["--no-config", "--fix", "--sarif-file", path, "-"]) { input }
    #expect(withFix.status == 2)
    #expect(withFix.errors.contains("--sarif-file and --fix contradict each other"))
  }

  @Test func theReadmeWorkflowUsesTheActionWithItsInputs() throws {
    let readme = ReadmeExample.readme
    let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let start = try #require(
      lines.firstIndex {
        $0.trimmingCharacters(in: .whitespaces) == "- uses: ballast-lint/ballast@main"
      })
    let indent = lines[start].prefix { $0 == " " }.count
    #expect(lines[start + 1].trimmingCharacters(in: .whitespaces) == "with:")
    var given: [String] = []
    for line in lines[(start + 2)...] {
      let spaces = line.prefix { $0 == " " }.count
      guard spaces > indent + 2, let colon = line.firstIndex(of: ":") else { break }
      given.append(line[..<colon].trimmingCharacters(in: .whitespaces))
    }
    let declared = Set(try Self.inputs().map(\.id))
    #expect(!given.isEmpty)
    #expect(Set(given).isSubset(of: declared), "\(given)")
    // The SARIF file the action writes is the one uploaded, in the folder made writable.
    #expect(readme.contains("sarif-file: reports/ballast.sarif"))
    #expect(readme.contains("sarif_file: reports/ballast.sarif"))
    #expect(readme.contains("install -d -m 1777 reports"))
  }
}
