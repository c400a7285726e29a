import BallastCLI
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct LintCommandTests {
  /// Ends with a USER, so the image does not run as root (BL3020) and only the ADD and
  /// MAINTAINER lines are findings.
  static let addAndMaintainer =
    "FROM alpine:3.20\nADD app.conf /etc/app.conf\nMAINTAINER Jane\nUSER 65534\n"

  static func folder(_ files: [String: String]) throws -> String {
    let root = TestFolders.make("ballast-lint")
    for (path, text) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    return root.path
  }

  static func lint(_ arguments: [String], stdin: String = "") -> CommandResult {
    BallastCommand.run(["lint", "--no-config", "--color", "never"] + arguments) {
      Array(stdin.utf8)
    }
  }

  @Test func textOutputHasHeaderFrameAndHelp() {
    let result = Self.lint(
      ["--stdin-filename", "svc/Dockerfile", "-"], stdin: Self.addAndMaintainer)
    #expect(result.status == 1)
    #expect(
      result.output == """
        svc/Dockerfile:2:1: warning BL5001 add-instead-of-copy [*]: ADD copies local files here; COPY does the same and nothing more
          |
        2 | ADD app.conf /etc/app.conf
          | ^^^
          help: use COPY; keep ADD for URLs, git repositories and archives to extract

        svc/Dockerfile:3:1: info BL5002 maintainer-deprecated [*]: MAINTAINER is deprecated and not shown by image tools
          |
        3 | MAINTAINER Jane
          | ^^^^^^^^^^
          help: write `LABEL org.opencontainers.image.authors="…"` instead

        Found 2 problems (1 warning, 1 info) in 1 file.
        [*] 2 fixable with `ballast --fix`.

        """)
  }

  @Test func thresholdDecidesTheExitStatus() {
    #expect(
      Self.lint(["--failure-threshold", "error", "-"], stdin: Self.addAndMaintainer).status == 0)
    #expect(
      Self.lint(["--failure-threshold", "warning", "-"], stdin: Self.addAndMaintainer).status == 1)
    #expect(
      Self.lint(["--failure-threshold", "none", "-"], stdin: Self.addAndMaintainer).status == 0)
    #expect(Self.lint(["-"], stdin: "FROM alpine:3.20\nUSER 65534\n").status == 0)
    #expect(Self.lint(["--failure-threshold", "bogus", "-"]).status == 2)
  }

  @Test func ignoreSelectAndSeverityOverride() {
    let ignored = Self.lint(
      ["--ignore", "add-instead-of-copy", "-f", "gnu", "-"], stdin: Self.addAndMaintainer)
    #expect(!ignored.output.contains("BL5001") && ignored.output.contains("BL5002"))
    let selected = Self.lint(
      ["--select", "BL50", "--only", "BL4", "-f", "gnu", "-"],
      stdin: "FROM node\n" + Self.addAndMaintainer)
    #expect(selected.output.contains("BL4003") && selected.output.contains("BL5001"))
    let onlyOne = Self.lint(["--select", "BL5002", "-f", "gnu", "-"], stdin: Self.addAndMaintainer)
    #expect(onlyOne.output.split(separator: "\n").count == 1)
    let raised = Self.lint(
      ["--severity-override", "BL5002=error", "-f", "gnu", "-"], stdin: Self.addAndMaintainer)
    #expect(raised.output.contains("3.1-3.11: error: MAINTAINER"))
    #expect(Self.lint(["--ignore", "BL9999", "-"]).status == 2)
  }

  @Test func inlineSuppressionsAndStaleOnes() {
    let text = """
      # ballast global ignore=maintainer-deprecated
      FROM alpine:3.20
      # ballast ignore=BL5001,BL4003
      ADD app.conf /etc/app.conf
      # hadolint ignore=DL3020
      ADD other.conf /etc/other.conf
      MAINTAINER Jane
      USER 65534

      """
    let result = Self.lint(["-f", "gnu", "-"], stdin: text)
    #expect(
      result.output
        == "-:3.25-3.31: note: ignore of `BL4003` matched no finding; remove it [BL5003 unused-suppression]\n"
    )
  }

  @Test func directoriesAreWalkedAndOrderIsDeterministic() throws {
    let root = try Self.folder([
      "b/Dockerfile": Self.addAndMaintainer, "a/api.Dockerfile": Self.addAndMaintainer,
      "a/Containerfile": "FROM alpine:3.20\nUSER 65534\n", "node_modules/x/Dockerfile": "FROM x\n",
      ".git/Dockerfile": "FROM x\n", "c/Dockerfile.prod": "FROM node\n", "c/notes.txt": "FROM x\n",
    ])
    let first = Self.lint(["-f", "gnu", root])
    let files = Set(first.output.split(separator: "\n").map { String($0.split(separator: ":")[0]) })
    #expect(
      files == ["\(root)/a/api.Dockerfile", "\(root)/b/Dockerfile", "\(root)/c/Dockerfile.prod"])
    for _ in 0..<5 { #expect(Self.lint(["-f", "gnu", root]).output == first.output) }
  }

  @Test func configFileIsFoundAndCheckedStrictly() throws {
    let root = try Self.folder([
      ".ballast.json":
        #"{"version": 1, "ignore": ["BL5002"], "rules": {"add-instead-of-copy": {"severity": "error"}}}"#,
      "svc/Dockerfile": Self.addAndMaintainer,
    ])
    let result = BallastCommand.run(["lint", "-f", "gnu", "\(root)/svc/Dockerfile"])
    #expect(
      result.output
        == "\(root)/svc/Dockerfile:2.1-2.4: error: ADD copies local files here; COPY does the same and nothing more [BL5001 add-instead-of-copy]\n"
    )

    let bad = try Self.folder([
      ".ballast.json": #"{"version": 1, "ignroe": []}"#, "Dockerfile": "FROM a:1\n",
    ])
    let failed = BallastCommand.run(["lint", "\(bad)/Dockerfile"])
    #expect(failed.status == 2)
    #expect(
      failed.errors
        == "ballast: \(bad)/.ballast.json: unknown key 'ignroe'; did you mean 'ignore'?\n"
    )
    let unknownRule = try Self.folder([
      ".ballast.json": #"{"rules": {"BL0999": {}}}"#, "Dockerfile": "FROM a:1\n",
    ])
    #expect(
      BallastCommand.run(["lint", "\(unknownRule)/Dockerfile"]).errors.contains(
        "unknown rule 'BL0999'"))
    let printed = BallastCommand.run(["config", "--print", "\(root)/svc/Dockerfile"])
    #expect(printed.output.contains("\"ignore\": [\n    \"BL5002\"\n  ]"))
  }

  @Test func missingFileIsExitTwoAndOthersStillLinted() {
    let result = BallastCommand.run([
      "lint", "--no-config", "-f", "gnu", "/nonexistent/Dockerfile", "-",
    ]) {
      Array(Self.addAndMaintainer.utf8)
    }
    #expect(result.status == 2)
    #expect(result.errors == "ballast: /nonexistent/Dockerfile: no such file\n")
    #expect(result.output.contains("BL5001"))
  }

  /// Once a trap: the exit status looked thresholds up in a dictionary keyed by file name.
  @Test func sameFileNamedTwiceIsLintedTwice() throws {
    let root = try Self.folder(["Dockerfile": Self.addAndMaintainer])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let path = root + "/Dockerfile"
    let result = BallastCommand.run(["lint", "--no-config", "-f", "gnu", path, path]) { nil }
    #expect(result.status == 1)
    #expect(result.errors.isEmpty)
    #expect(result.output.split(separator: "\n").filter { $0.contains("BL5001") }.count == 2)
  }

  @Test func doubleDashEndsOptions() throws {
    let root = try Self.folder(["-f": Self.addAndMaintainer])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let result = BallastCommand.run(["lint", "--no-config", "-f", "gnu", "--", root + "/-f"]) {
      nil
    }
    #expect(result.status == 1)
    #expect(result.output.contains("BL5001"))
    let relative = BallastCommand.run(["lint", "--no-config", "--", "-f"]) { nil }
    #expect(relative.errors == "ballast: -f: no such file\n")
  }

  @Test func explainNamesAnUnknownRule() {
    let result = BallastCommand.run(["explain", "BL9999"]) { nil }
    #expect(result.status == 2)
    #expect(result.errors.contains("'BL9999' is not a rule id or name"))
  }

  /// Many findings on one long line printed the whole line for each (quadratic output).
  @Test func longLinesAreCutAroundTheFinding() throws {
    let line =
      "RUN echo " + String(repeating: "x", count: 2000) + " && apt-get install -y git && echo "
      + String(repeating: "y", count: 2000)
    let output = Self.lint(["-"], stdin: "FROM debian:12-slim\n" + line + "\n").output
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let code = try #require(lines.firstIndex { $0.hasPrefix("2 | ") })
    #expect(lines[code].count < 320)
    #expect(lines[code].hasPrefix("2 | ...x") && lines[code].hasSuffix("y..."))
    let caret = try #require(lines[code + 1].firstIndex(of: "^"))
    let offset = lines[code + 1].distance(from: lines[code + 1].startIndex, to: caret)
    let marked = lines[code].dropFirst(offset)
    #expect(marked.hasPrefix("apt-get") || marked.hasPrefix("install"))
  }

  /// A suppression comment inside a RUN's continuation lines belongs to the next
  /// instruction; the one above the RUN still covers every line of it.
  @Test func suppressionsAroundContinuationComments() {
    let text = """
      FROM debian
      # ballast ignore=apt-install-recommends
      RUN apt-get update && \\
      # ballast ignore=maintainer-deprecated
          apt-get install -y git && rm -rf /var/lib/apt/lists/*
      MAINTAINER Jane
      # ballast global ignore=BL4003

      """
    let output = Self.lint(["-f", "gnu", "-"], stdin: text).output
    #expect(!output.contains("BL1003"))
    #expect(!output.contains("BL5002"))
    #expect(!output.contains("BL4003"))
    #expect(!output.contains("BL5003"), "every suppression was used")
  }

  @Test func terminalEscapesFromTheFileAreNeutralised() {
    let result = Self.lint(["-"], stdin: "FROM alpine:3.20\nADD \u{1B}[2Jevil /x\n")
    #expect(!result.output.contains("\u{1B}"))
    #expect(result.output.contains("\\x1B[2Jevil"))
  }

  @Test func relatedPlacesInJSONAndSARIF() throws {
    let input = "FROM debian:12-slim\nCOPY app.tar.gz /tmp/app.tar.gz\nRUN rm /tmp/app.tar.gz\n"
    let json = Self.lint(["-f", "json", "--select", "BL1007", "-"], stdin: input).output
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let finding = try #require((object["findings"] as? [[String: Any]])?.first)
    let related = try #require((finding["related"] as? [[String: Any]])?.first)
    #expect(related["line"] as? Int == 2 && related["column"] as? Int == 17)
    #expect(related["endColumn"] as? Int == 32)
    #expect(related["message"] as? String == "added here, in an earlier layer")
    let sarif = Self.lint(["-f", "sarif", "--select", "BL1007", "-"], stdin: input).output
    let log = try #require(
      try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
    let result = try #require(
      ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
    let location = try #require((result["relatedLocations"] as? [[String: Any]])?.first)
    let region = (location["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
    #expect(region?["startLine"] as? Int == 2 && region?["startColumn"] as? Int == 17)
    #expect(
      (location["message"] as? [String: Any])?["text"] as? String
        == "added here, in an earlier layer")
  }

  @Test func machineFormatsParse() throws {
    let input = "FROM node\nADD \"quo\"te<&>.conf /x\nUSER 1000\n"
    let json = Self.lint(["-f", "json", "-"], stdin: input).output
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let findings = try #require(object["findings"] as? [[String: Any]])
    #expect(findings.map { $0["rule"] as? String } == ["BL1014", "BL4003", "BL5001"])
    #expect(findings[1]["line"] as? Int == 1 && findings[1]["column"] as? Int == 6)
    #expect(findings[1]["endColumn"] as? Int == 10)
    let sarif = Self.lint(["-f", "sarif", "--stdin-filename", "dir/Dockerfile", "-"], stdin: input)
      .output
    let log = try #require(
      try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    #expect(sarif.contains("\"uri\": \"dir/Dockerfile\""))
    let gitlab = Self.lint(["-f", "gitlab", "-"], stdin: input).output
    #expect(try JSONSerialization.jsonObject(with: Data(gitlab.utf8)) is [Any])
    let checkstyle = Self.lint(["-f", "checkstyle", "-"], stdin: input).output
    #expect(XMLParser(data: Data(checkstyle.utf8)).parse())
    let github = Self.lint(["-f", "github", "--stdin-filename", "a,b:c", "-"], stdin: input).output
    #expect(github.contains("::warning file=a%2Cb%3Ac,line=1,col=6,"))
  }

  @Test func rulesAndExplain() {
    #expect(BallastCommand.run(["rules"]).output.contains("BL5001  add-instead-of-copy"))
    let explained = BallastCommand.run(["explain", "add-instead-of-copy"])
    #expect(explained.output.hasPrefix("# BL5001 add-instead-of-copy\n"))
    #expect(BallastCommand.run(["explain", "nope"]).status == 2)
  }
}

@Suite struct ShellIntegrationTests {
  @Test func completionsListCommandsFormatsAndRules() {
    for shell in ["bash", "zsh", "fish"] {
      let script = BallastCommand.run(["completions", shell]).output
      #expect(
        script.contains("sarif") && script.contains("add-instead-of-copy")
          && script.contains("explain"))
    }
    #expect(BallastCommand.run(["completions", "tcsh"]).status == 2)
  }

  @Test func manPageComesFromTheHelpText() {
    let page = BallastCommand.run(["man"]).output
    #expect(page.hasPrefix(".TH BALLAST 1"))
    #expect(page.contains(".SH \"EXIT STATUS\"\n0 no finding"))
    #expect(page.contains(".TP\n.B \\-t, \\-\\-failure\\-threshold LEVEL\nexit 1 only"))
    #expect(page.contains("BL1001 final\\-stage\\-build\\-image"))
  }
}

@Suite struct HostileNameTests {
  @Test func fileNamesAreEscapedInEveryFormat() throws {
    let name = "we<ird> & \"quoted\"\nname\u{1B}[31m.Dockerfile"
    let input = "FROM node\nADD a b\n"
    func run(_ format: String) -> String {
      BallastCommand.run([
        "lint", "--no-config", "--color", "never", "-f", format, "--stdin-filename", name, "-",
      ]) {
        Array(input.utf8)
      }.output
    }
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(run("json").utf8)) as? [String: Any])
    let findings = try #require(json["findings"] as? [[String: Any]])
    #expect(findings.allSatisfy { $0["file"] as? String == name })
    #expect(XMLParser(data: Data(run("checkstyle").utf8)).parse())
    #expect(try JSONSerialization.jsonObject(with: Data(run("sarif").utf8)) is [String: Any])
    #expect(try JSONSerialization.jsonObject(with: Data(run("gitlab").utf8)) is [Any])
    for format in ["text", "gnu", "github"] {
      let output = run(format)
      #expect(!output.contains("\u{1B}"), "\(format) lets an escape sequence through")
      #expect(
        output.split(separator: "\n").allSatisfy { !$0.hasPrefix("name") },
        "\(format) breaks a line")
    }
  }
}
