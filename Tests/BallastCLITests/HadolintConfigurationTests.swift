import Foundation
import LintEngine
import LintRules
import Testing

@testable import BallastCLI

/// Issue 19, configuration: the YAML subset reader, and hadolint's configuration (file,
/// search order, environment variables, `ballast migrate`) mapped onto ballast's.
@Suite struct YAMLReaderTests {
  func scalar(_ text: String, quoted: Bool = false, line: Int) -> YAMLNode {
    YAMLNode(.scalar(text, quoted: quoted), line: line)
  }

  @Test func blockAndFlowCollectionsScalarsAndComments() throws {
    let text = """
      # a comment
      ---
      ignored:
        - DL3000   # trailing comment
        - 'SC1010'
      override:
        error: [DL3001, "DL3002"]
        style:
        - DL3015
      trustedRegistries: docker.io
      label-schema: {author: text, 'git-revision': hash}
      strict-labels: yes
      empty:
      url: https://example.com/a#b
      quoted: "a # not a comment"
      """
    let root = try YAMLReader.parse(text)
    guard case .mapping(let entries) = root.kind else {
      Issue.record("not a mapping")
      return
    }
    #expect(
      entries.map(\.key) == [
        "ignored", "override", "trustedRegistries", "label-schema", "strict-labels", "empty",
        "url", "quoted",
      ])
    #expect(entries.map(\.line) == [3, 6, 10, 11, 12, 13, 14, 15])
    #expect(
      entries[0].value.kind
        == .sequence([scalar("DL3000", line: 4), scalar("SC1010", quoted: true, line: 5)]))
    guard case .mapping(let levels) = entries[1].value.kind else {
      Issue.record("override is not a mapping")
      return
    }
    #expect(
      levels[0].value.kind
        == .sequence([scalar("DL3001", line: 7), scalar("DL3002", quoted: true, line: 7)]))
    #expect(levels[1].value.kind == .sequence([scalar("DL3015", line: 9)]))
    #expect(entries[2].value == scalar("docker.io", line: 10))
    guard case .mapping(let labels) = entries[3].value.kind else {
      Issue.record("label-schema is not a mapping")
      return
    }
    #expect(labels.map(\.key) == ["author", "git-revision"])
    #expect(labels.map { $0.value.text } == ["text", "hash"])
    #expect(entries[4].value.bool == true)
    #expect(entries[5].value.kind == .null)
    #expect(entries[6].value.text == "https://example.com/a#b")
    #expect(entries[7].value.text == "a # not a comment")
    // Quoted words are never booleans; CRLF files read the same.
    #expect(
      try YAMLReader.parse("a: 'yes'").kind
        == .mapping([
          YAMLEntry(key: "a", value: scalar("yes", quoted: true, line: 1), line: 1)
        ]))
    #expect(try YAMLReader.parse(text.replacingOccurrences(of: "\n", with: "\r\n")) == root)
    #expect(try YAMLReader.parse("# only a comment\n").kind == .null)
  }

  @Test func sequencesOfMappingsAndNestedSequences() throws {
    let root = try YAMLReader.parse("- a: 1\n  b: 2\n- - x\n  - y\n-\n")
    #expect(
      root.kind
        == .sequence([
          YAMLNode(
            .mapping([
              YAMLEntry(key: "a", value: scalar("1", line: 1), line: 1),
              YAMLEntry(key: "b", value: scalar("2", line: 2), line: 2),
            ]), line: 1),
          YAMLNode(.sequence([scalar("x", line: 3), scalar("y", line: 4)]), line: 3),
          YAMLNode(.null, line: 5),
        ]))
  }

  @Test func whatIsNotReadIsAnErrorWithItsLine() {
    let cases: [(String, Int, String)] = [
      ("ignored:\n\t- DL3000\n", 2, "a tab in the indentation (YAML indents with spaces)"),
      ("a: &x 1\n", 1, "anchors and aliases (`&`) are not supported"),
      ("a: 1\nb: *x\n", 2, "anchors and aliases (`*`) are not supported"),
      ("a: !!str 1\n", 1, "tags (`!`) are not supported"),
      ("a: |\n  text\n", 1, "block scalars (`|`) are not supported; write the value on one line"),
      ("a: 'open\n", 1, "a quoted value is not closed (' on one line)"),
      ("a: [x, y\n", 1, "`[` is not closed on its line (write the list on one line)"),
      ("a: 1\na: 2\n", 2, "the key 'a' is given twice"),
      ("a:\n  - x\n   - y\n", 3, "unexpected indentation"),
      ("a: 1\n  b: 2\n", 2, "a value on several lines (write it on one line, or in quotes)"),
      ("a:\n  b: 1\n  - c\n", 3, "unexpected indentation"),
      ("a: 1\n---\nb: 2\n", 2, "a second document (only one is read)"),
      ("a: \"x\" y\n", 1, "unexpected `y` after the value"),
      ("a: \"\\q\"\n", 1, "unknown escape `\\q` in a double-quoted value"),
      ("  a: 1\n", 1, "the document starts indented"),
    ]
    for (text, line, message) in cases {
      #expect(throws: YAMLError(line: line, message: message), "\(text)") {
        try YAMLReader.parse(text)
      }
    }
  }
}

@Suite struct HadolintConfigurationTests {
  static let catalog = BuiltinRules.linter.catalog
  /// Findings from BL3020 (DL3002), BL4003 (DL3006), BL5002 (DL4000), BL1004 (DL3009),
  /// BL5001 (DL3020), BL4042 (DL3000), BL4040 (DL3025).
  static let dockerfile = """
    FROM ubuntu
    MAINTAINER me
    RUN apt-get update && apt-get install -y curl
    ADD app.conf /etc/app.conf
    WORKDIR app
    CMD python app.py

    """

  static func configuration(_ yaml: String) throws -> (Configuration, [String]) {
    var configuration = Configuration()
    var notes: [String] = []
    try HadolintConfigurationFile.load(
      yaml, path: ".hadolint.yaml", catalog: catalog, into: &configuration, notes: &notes)
    return (configuration, notes)
  }

  /// Lints `dockerfile` in a folder holding `files`, from that folder as current folder.
  static func run(
    _ arguments: [String], files: [String: String], variables: [String: String] = [:],
    home: Bool = false
  ) throws -> CommandResult {
    let root = try LintCommandTests.folder(files.merging(["Dockerfile": dockerfile]) { a, _ in a })
    defer { try? FileManager.default.removeItem(atPath: root) }
    var environment = variables
    environment["HOME"] = home ? root + "/home" : root + "/nohome"
    return BallastCommand.run(
      ["-f", "gnu"] + arguments.map { $0.replacingOccurrences(of: "ROOT", with: root) }
        + [root + "/Dockerfile"], input: { .success([]) },
      environment: ProcessEnvironment(currentFolder: root, variables: environment))
  }

  static func lines(_ result: CommandResult) -> [String] {
    result.output.split(separator: "\n").map { line in
      // `path:1.6-1.12: error: … [BL3020 name]` → `1.6 error BL3020`
      let parts = line.split(separator: " ")
      let place = parts[0].split(separator: ":")[1].split(separator: "-")[0]
      let id = line[line.index(after: line.lastIndex(of: "[")!)...].prefix(6)
      return "\(place) \(parts[1].dropLast()) \(id)"
    }
  }

  /// Real configurations, as hadolint's README and users write them, each with the ballast
  /// options that mean the same (reviewed by hand against the rule pages' hadolint ids) and
  /// the notes for what does not carry over.
  ///
  /// `volatile` lists the ids (with their key and line) that had no ballast rule when this
  /// was written: other rules are being added, so each is expected to be a note while it has
  /// no rule, and to act like the same id on the command line once it has one.
  static let examples:
    [(
      name: String, yaml: String, options: [String], notes: [String],
      volatile: [(id: String, key: String, line: Int)]
    )] = [
      (
        "README ignored",
        "ignored:\n  - DL3000\n  - SC1010\n",
        ["--ignore", "BL4042"], [], [("SC1010", "ignored", 3)]
      ),
      (
        "README override",
        """
        override:
          error:
            - DL3001
            - DL3002
          warning:
            - DL3042
            - DL3033
          info:
            - DL3032
          style:
            - DL3015
        """,
        [
          "--severity-override", "BL3020=error", "--severity-override", "BL1006=warning",
          "--severity-override", "BL1009=info", "--severity-override", "BL1003=style",
        ],
        [
          "line 9: DL3032 in 'override.info' is BL1009 rpm-cache-kept, which also stands for hadolint's DL3036 and DL3040; they are set too"
        ],
        [("DL3001", "override.error", 3), ("DL3033", "override.warning", 7)]
      ),
      (
        "README trusted registries and threshold",
        """
        failure-threshold: warning   # error|warning|info|style|ignore|none
        trustedRegistries:
          - docker.io
          - my-company.com:5000
          - "*.gcr.io"
        """,
        [
          "--failure-threshold", "warning", "--trusted-registry", "docker.io",
          "--trusted-registry", "my-company.com:5000", "--trusted-registry", "*.gcr.io",
        ], [], []
      ),
      (
        "a user's flow style with no-fail",
        """
        ---
        ignored: [DL3006, DL3008, DL3018, DL3026]
        override: {error: [DL3020, DL4000]}
        no-fail: true
        format: json
        """,
        [
          "--ignore", "BL4003", "--severity-override", "BL5001=error",
          "--severity-override", "BL5002=error", "--failure-threshold", "none",
        ],
        [
          "line 2: DL3006 in 'ignored' is BL4003 unpinned-base-image, which also stands for hadolint's DL3007; they are ignored too",
          "line 5: 'format' is about hadolint's output and is not read (give -f on the command line)",
        ],
        [("DL3008", "ignored", 2), ("DL3018", "ignored", 2), ("DL3026", "ignored", 2)]
      ),
      (
        "README label schema",
        """
        label-schema:
          author: text
          contact: email
          created: rfc3339
          version: semver
          documentation: url
          git-revision: hash
          license: spdx
        strict-labels: true
        disable-ignore-pragma: true
        """,
        [
          "--require-label", "author:text", "--require-label", "contact:email",
          "--require-label", "created:rfc3339", "--require-label", "version:semver",
          "--require-label", "documentation:url", "--require-label", "git-revision:hash",
          "--require-label", "license:spdx", "--strict-labels", "--disable-ignore-pragma",
        ], [], []
      ),
      (
        "a company registry, a lowered check and an ignore",
        """
        # .hadolint.yaml at the repository's root
        failure-threshold: error
        trustedRegistries:
          - my-company.com:5000
        override:
          warning:
            - DL3026   # images from elsewhere are reviewed, not blocked
        ignored:
          - DL3020
        """,
        [
          "--failure-threshold", "error", "--trusted-registry", "my-company.com:5000",
          "--severity-override", "BL3002=warning", "--ignore", "BL5001",
        ], [], []
      ),
    ]

  /// The options and notes an example implies today: each volatile id a note while no rule
  /// covers it, the same id given on the command line once one does.
  static func expected(_ index: Int) -> (options: [String], notes: [String]) {
    let example = examples[index]
    var options = example.options
    var notes = example.notes
    for (id, key, line) in example.volatile {
      if case .rules = catalog.reference(id) {
        options +=
          key == "ignored"
          ? ["--ignore", id] : ["--severity-override", "\(id)=\(key.dropFirst("override.".count))"]
      } else {
        notes.append(
          "line \(line): hadolint's \(id) has no ballast equivalent, so '\(id)' in '\(key)' changes nothing"
        )
      }
    }
    return (options, notes.sorted())
  }

  /// The notes, leaving out those about volatile ids that now have a rule (whose wording
  /// depends on what else that rule covers).
  static func stableNotes(_ notes: [String], _ index: Int) -> [String] {
    let mapped = examples[index].volatile.map(\.id).filter {
      if case .rules = catalog.reference($0) { return true }
      return false
    }
    return notes.filter { note in !mapped.contains { note.contains(": \($0) in '") } }.sorted()
  }

  @Test func realConfigurationsGiveTheResultsTheirMappingImplies() throws {
    for (index, example) in Self.examples.enumerated() {
      let (options, expectedNotes) = Self.expected(index)
      let (_, notes) = try Self.configuration(example.yaml)
      #expect(Self.stableNotes(notes, index) == expectedNotes, "\(example.name)")
      let viaHadolint = try Self.run([], files: [".hadolint.yaml": example.yaml])
      let viaOptions = try Self.run(["--no-config"] + options, files: [:])
      #expect(Self.lines(viaHadolint) == Self.lines(viaOptions), "\(example.name)")
      #expect(viaHadolint.status == viaOptions.status, "\(example.name)")
      // Each note once on standard error, as a warning naming the file.
      let warnings = viaHadolint.errors.split(separator: "\n").map(String.init)
      #expect(warnings.count == notes.count, "\(example.name)")
      for (warning, note) in zip(warnings, notes) {
        #expect(warning.hasPrefix("ballast: warning: /"), "\(example.name)")
        #expect(warning.hasSuffix("/.hadolint.yaml: " + note), "\(example.name)")
      }
    }
  }

  /// The examples change results, so their equality with the options is not vacuous: the
  /// company registry's file reports `FROM ubuntu` at warning and drops ADD's finding; the
  /// trusted Docker Hub of the README's example reports nothing about registries.
  @Test func theExamplesChangeWhatIsReported() throws {
    let plain = Self.lines(try Self.run(["--no-config"], files: [:]))
    #expect(plain.contains { $0.hasSuffix(" BL5001") })
    #expect(!plain.contains { $0.hasSuffix(" BL3002") })
    let company = try Self.run([], files: [".hadolint.yaml": Self.examples[5].yaml])
    #expect(Self.lines(company).contains("1.6 warning BL3002"))
    #expect(!Self.lines(company).contains { $0.hasSuffix(" BL5001") })
    // Only errors fail, and the registry finding was lowered to a warning.
    let errors = Self.lines(company).filter { $0.contains(" error ") }
    #expect(company.status == (errors.isEmpty ? 0 : 1))
    let readme = try Self.run([], files: [".hadolint.yaml": Self.examples[2].yaml])
    #expect(!Self.lines(readme).contains { $0.hasSuffix(" BL3002") })
  }

  @Test func theMappedConfigurationIsWhatTheFileSays() throws {
    func volatileRules(_ index: Int) -> Set<String> {
      Set(
        Self.examples[index].volatile.flatMap { entry -> [String] in
          guard case .rules(let rules) = Self.catalog.reference(entry.id) else { return [] }
          return rules.map(\.id)
        })
    }
    let (readme, _) = try Self.configuration(Self.examples[1].yaml)
    #expect(
      readme.severities.filter { !volatileRules(1).contains($0.key) } == [
        "BL3020": .error, "BL1006": .warning, "BL1009": .info,
        // DL3015 is BL1003 (heavy recommends) and BL1019 (light or unknown ones).
        "BL1003": .style, "BL1019": .style,
      ])
    let (registries, _) = try Self.configuration(Self.examples[2].yaml)
    #expect(registries.trustedRegistries == ["docker.io", "my-company.com:5000", "*.gcr.io"])
    #expect(registries.failureThreshold == .warning)
    let (flow, _) = try Self.configuration(Self.examples[3].yaml)
    #expect(flow.ignored.subtracting(volatileRules(3)) == ["BL4003"])
    #expect(flow.failureThreshold == nil)
    let (labels, _) = try Self.configuration(Self.examples[4].yaml)
    #expect(
      labels.labelSchema == [
        "author": .text, "contact": .email, "created": .rfc3339, "version": .semver,
        "documentation": .url, "git-revision": .hash, "license": .spdx,
      ])
    #expect(labels.strictLabels)
    #expect(!labels.inlineSuppressions)
    let (company, _) = try Self.configuration(Self.examples[5].yaml)
    #expect(company.trustedRegistries == ["my-company.com:5000"])
    #expect(company.severities["BL3002"] == .warning)
    #expect(company.ignored == ["BL5001"])
    #expect(company.failureThreshold == .error)
    let (single, _) = try Self.configuration(
      "trustedRegistries: docker.io\nfailure-threshold: ignore\n")
    #expect(single.trustedRegistries == ["docker.io"])
    #expect(single.failureThreshold == .style)
  }

  @Test func badValuesAreErrorsWithTheirLine() {
    let cases: [(String, String)] = [
      (
        "ignored:\n  - DL3O20\n",
        "line 2: 'DL3O20' in 'ignored' is not a hadolint rule; did you mean 'DL3020'?"
      ),
      (
        "override:\n  fatal: [DL3020]\n",
        "line 2: 'override.fatal' is not a level: expected error, warning, info or style"
      ),
      (
        "override:\n  warn: [DL3020]\n",
        "line 2: 'override.warn' is not a level; did you mean 'warning'?"
      ),
      (
        "failure-threshold: high\n",
        "line 1: 'failure-threshold' must be error, warning, info, style, ignore or none (got 'high')"
      ),
      ("strict-labels: maybe\n", "line 1: 'strict-labels' must be true or false"),
      (
        "label-schema:\n  author: name\n",
        "line 2: 'label-schema.author' must be one of text, url, semver, hash, rfc3339, spdx or email"
      ),
      ("ignored: {DL3020: x}\n", "line 1: 'ignored' must be a list of words, not a mapping"),
      ("- DL3020\n", "line 1: the file must be a mapping of keys such as `ignored:`"),
      ("ignored: [DL3020\n", "line 1: `[` is not closed on its line (write the list on one line)"),
    ]
    for (yaml, message) in cases {
      #expect(
        throws: ConfigurationError(path: ".hadolint.yaml", message: message), "\(yaml)"
      ) { try Self.configuration(yaml) }
    }
    #expect(throws: Never.self) {
      let (_, notes) = try Self.configuration("ignore:\n  - DL3020\n")
      #expect(
        notes == [
          "line 1: 'ignore' is not a key hadolint reads; did you mean 'ignored'?; it changes nothing"
        ])
    }
  }

  @Test func foundTheWayHadolintFindsIt() throws {
    let environment = ProcessEnvironment(
      currentFolder: "/work/app", variables: ["HOME": "/home/u"])
    #expect(
      HadolintConfigSearch.candidates(in: environment) == [
        "/work/app/.hadolint.yaml", "/work/app/.hadolint.yml", "/home/u/.config/hadolint.yaml",
        "/home/u/.config/hadolint.yml", "/home/u/.hadolint/hadolint.yaml",
        "/home/u/.hadolint/hadolint.yml", "/home/u/.hadolint/config.yaml",
        "/home/u/.hadolint/config.yml", "/home/u/.hadolint.yaml", "/home/u/.hadolint.yml",
      ])
    let xdg = ProcessEnvironment(
      currentFolder: "/w", variables: ["HOME": "/h", "XDG_CONFIG_HOME": "/x"])
    #expect(
      HadolintConfigSearch.candidates(in: xdg)[2...3] == ["/x/hadolint.yaml", "/x/hadolint.yml"])
    // The home folder's file applies when the current folder has none; the current folder's
    // wins over it; a .ballast.json beside the Dockerfile wins over both.
    let ignoreAdd = "ignored: [DL3020]\n"
    let ignoreMaintainer = "ignored: [DL4000]\n"
    let fromHome = try Self.run(
      [], files: ["home/.config/hadolint.yaml": ignoreAdd], home: true)
    #expect(!Self.lines(fromHome).contains { $0.hasSuffix("BL5001") })
    #expect(Self.lines(fromHome).contains { $0.hasSuffix("BL5002") })
    let both = try Self.run(
      [], files: ["home/.hadolint.yaml": ignoreAdd, ".hadolint.yml": ignoreMaintainer],
      home: true)
    #expect(Self.lines(both).contains { $0.hasSuffix("BL5001") })
    #expect(!Self.lines(both).contains { $0.hasSuffix("BL5002") })
    let ballast = try Self.run(
      [], files: [".hadolint.yaml": ignoreAdd, ".ballast.json": #"{"version": 1}"#])
    #expect(Self.lines(ballast).contains { $0.hasSuffix("BL5001") })
    let none = try Self.run(["--no-config"], files: [".hadolint.yaml": ignoreAdd])
    #expect(Self.lines(none).contains { $0.hasSuffix("BL5001") })
    let given = try Self.run(
      ["--config", "ROOT/ci/hadolint.yml"], files: ["ci/hadolint.yml": ignoreAdd])
    #expect(!Self.lines(given).contains { $0.hasSuffix("BL5001") })
    let broken = try Self.run([], files: [".hadolint.yaml": "ignored: [DL3020\n"])
    #expect(broken.status == 2)
    #expect(broken.output == "")
    #expect(
      broken.errors.hasSuffix(
        "/.hadolint.yaml: line 1: `[` is not closed on its line (write the list on one line)\n"))
  }

  @Test func hadolintsEnvironmentVariablesApplyOverItsFile() throws {
    // A check no rule covers, while there is one (taken from the catalog; since BL4070–BL4076
    // every hadolint check has a rule, and PeerIdOptionTests reaches the warning otherwise).
    let unmapped = PeerIdOptionTests.unmapped.first
    let result = try Self.run(
      [],
      files: [".hadolint.yaml": "ignored: [DL3020]\n"],
      variables: [
        "HADOLINT_IGNORE": "DL4000" + (unmapped.map { ",\($0)" } ?? ""),
        "HADOLINT_OVERRIDE_ERROR": "DL3025",
        "HADOLINT_FAILURE_THRESHOLD": "error", "HADOLINT_FORMAT": "json",
      ])
    #expect(
      Self.lines(result) == [
        "1.6 warning BL3020", "1.6 warning BL4003", "3.13 warning BL1004", "5.9 warning BL4042",
        "6.5 error BL4040",
      ])
    #expect(result.status == 1)
    #expect(
      result.errors
        == (unmapped.map {
          "ballast: warning: environment: HADOLINT_IGNORE: hadolint's \($0) has no ballast equivalent, so '\($0)' in 'ignored' changes nothing\n"
        } ?? "") + """
          ballast: warning: environment: HADOLINT_FORMAT: 'format' is about hadolint's output and is not read (give -f on the command line)

          """)
    let noFail = try Self.run([], files: [:], variables: ["HADOLINT_NOFAIL": "1"])
    #expect(noFail.status == 0)
    #expect(!noFail.output.isEmpty)
    // Not where a .ballast.json applies.
    let ballast = try Self.run(
      [], files: [".ballast.json": #"{"version": 1}"#], variables: ["HADOLINT_NOFAIL": "yes"])
    #expect(ballast.status == 1)
  }

  @Test func migratePrintsAnEquivalentBallastJSON() throws {
    for (index, example) in Self.examples.enumerated() {
      let root = try LintCommandTests.folder([".hadolint.yaml": example.yaml])
      defer { try? FileManager.default.removeItem(atPath: root) }
      let result = BallastCommand.run(
        ["migrate"], input: { .success([]) },
        environment: ProcessEnvironment(currentFolder: root, variables: ["HOME": root]))
      #expect(result.status == 0)
      #expect(result.errors == "")
      let comments = result.output.split(separator: "\n").filter { $0.hasPrefix("//") }
      #expect(comments.first == "// From \(root)/.hadolint.yaml (hadolint's configuration).")
      #expect(
        Self.stableNotes(comments.dropFirst().map { String($0.dropFirst(3)) }, index)
          == Self.expected(index).notes, "\(example.name)")
      var migrated = Configuration()
      try ConfigurationFile.load(
        result.output, path: "migrated.json", catalog: Self.catalog, into: &migrated)
      let (expected, _) = try Self.configuration(example.yaml)
      #expect(migrated == expected, "\(example.name)")
    }
    let exact = BallastCommand.run(
      ["migrate", "/nonexistent.yaml"], input: { .success([]) },
      environment: ProcessEnvironment(currentFolder: "/", variables: [:]))
    #expect(exact.status == 2)
    #expect(exact.errors == "ballast: migrate: /nonexistent.yaml: no such file\n")
    let none = BallastCommand.run(
      ["migrate"], input: { .success([]) },
      environment: ProcessEnvironment(currentFolder: "/nonexistent", variables: [:]))
    #expect(
      none.errors
        == "ballast: migrate: no hadolint configuration found (looked for /nonexistent/.hadolint.yaml, /nonexistent/.hadolint.yml)\n"
    )
  }
}
