import Foundation
import Testing

@testable import BallastCLI

/// Issue 11, items 1–3: usage and configuration errors are found once, before any linting,
/// print one line on standard error that says what was expected, nothing on standard output,
/// and exit 2.
@Suite struct CommandLineErrorTests {
  static let addAndMaintainer = LintCommandTests.addAndMaintainer

  /// A folder of 20 Dockerfiles in 20 subfolders: an error repeated per file or per folder shows.
  static func twentyDockerfiles(extra: [String: String] = [:]) throws -> String {
    var files = extra
    for index in 0..<20 { files["svc\(index)/Dockerfile"] = addAndMaintainer }
    return try LintCommandTests.folder(files)
  }

  static func expectUsageError(
    _ arguments: [String], _ expected: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let result = BallastCommand.run(arguments) { Array(addAndMaintainer.utf8) }
    #expect(result.status == 2, sourceLocation: sourceLocation)
    #expect(result.output == "", sourceLocation: sourceLocation)
    #expect(result.errors == "ballast: \(expected)\n", sourceLocation: sourceLocation)
  }

  @Test func badValuesAreReportedOnceWithNothingOnStandardOutput() throws {
    let root = try Self.twentyDockerfiles()
    defer { try? FileManager.default.removeItem(atPath: root) }
    for format in ["text", "json"] {
      let base = ["--no-config", "-f", format]
      Self.expectUsageError(
        base + ["--ignore", "BL9999", root],
        "--ignore: 'BL9999' is not a rule id or name, or a peer's id (see `ballast rules`)")
      Self.expectUsageError(
        base + ["--select", "nosuchrule", root],
        "--select: 'nosuchrule' is not a rule id, id prefix (BL1), group or name (see `ballast rules`)"
      )
      Self.expectUsageError(
        base + ["--severity-override", "BL1003=fatal", root],
        "--severity-override: 'fatal' is not a severity: expected error, warning, info or style")
      Self.expectUsageError(
        base + ["--failure-threshold", "bogus", root],
        "--failure-threshold: 'bogus' is not a level: expected error, warning, info, style, none "
          + "or ignore")
      Self.expectUsageError(
        ["-f", format, "--config", "/nonexistent.json", root],
        "--config: /nonexistent.json: no such file")
    }
  }

  @Test func closestValidNameIsSuggested() {
    Self.expectUsageError(
      ["--ignore", "add-insted-of-copy", "-"],
      "--ignore: 'add-insted-of-copy' is not a rule id or name, or a peer's id; did you mean 'add-instead-of-copy'?"
    )
    Self.expectUsageError(
      ["--select", "bl50O1", "-"],
      "--select: 'bl50O1' is not a rule id, id prefix (BL1), group or name; did you mean 'BL5001'?")
    Self.expectUsageError(
      ["--failure-threshold", "warn", "-"],
      "--failure-threshold: 'warn' is not a level; did you mean 'warning'?")
    Self.expectUsageError(
      ["-f", "jsno", "-"],
      "--format: 'jsno' is not a format; did you mean 'json'?")
    Self.expectUsageError(
      ["--severity-override", "add-instead-of-copy=eror", "-"],
      "--severity-override: 'eror' is not a severity; did you mean 'error'?")
    Self.expectUsageError(
      ["--severity-override", "BL5001", "-"],
      "--severity-override needs RULE=LEVEL, such as BL5001=error (got 'BL5001')")
    Self.expectUsageError(
      ["--frmat", "json", "-"], "unknown option '--frmat'; did you mean '--format'?")
    Self.expectUsageError(["--bogus", "-"], "unknown option '--bogus' (see `ballast --help`)")
  }

  // Peers' ids in rule options (`--ignore DL3020`): PeerIdOptionTests.

  @Test func optionsThatNeedAValueSaySoInsteadOfTakingTheNextArgument() throws {
    let root = try LintCommandTests.folder(["Dockerfile": Self.addAndMaintainer])
    defer { try? FileManager.default.removeItem(atPath: root) }
    Self.expectUsageError(
      ["--ignore"], "--ignore needs a rule id or name, or a peer's id such as DL3020")
    Self.expectUsageError(
      ["--ignore", "--no-config", root],
      "--ignore needs a rule id or name, or a peer's id such as DL3020")
    Self.expectUsageError(
      ["--ignore", root + "/Dockerfile"],
      "--ignore needs a rule id or name, or a peer's id such as DL3020, not the path '\(root)/Dockerfile'"
    )
    Self.expectUsageError(["-j"], "--jobs needs a positive number")
    Self.expectUsageError(["-j", "0", "-"], "--jobs: '0' is not a positive number")
    Self.expectUsageError(
      ["-f"],
      "--format needs a format: text, json, sarif, gnu, checkstyle, github, gitlab, junit, "
        + "sonarqube, codeclimate, gitlab_codeclimate or tty")
    Self.expectUsageError(["--config"], "--config needs a file")
    Self.expectUsageError(["--context"], "--context needs a folder")
    Self.expectUsageError(["--no-config=yes", "-"], "--no-config takes no value")
  }

  @Test func attachedValuesAreAccepted() {
    for arguments in [
      ["-fgnu", "-"], ["-f", "gnu", "-"], ["-f=gnu", "-"], ["--format=gnu", "-"],
      ["-j1", "-fgnu", "-"], ["-j", "1", "--format", "gnu", "-"], ["--jobs=1", "-fgnu", "-"],
    ] {
      let result = BallastCommand.run(["--no-config"] + arguments) {
        Array(Self.addAndMaintainer.utf8)
      }
      #expect(result.status == 1, "\(arguments)")
      #expect(result.errors == "", "\(arguments)")
      #expect(result.output.hasPrefix("-:2.1-2.4: warning: ADD copies"), "\(arguments)")
    }
  }

  @Test func contradictoryOptionsAreRejected() throws {
    let root = try LintCommandTests.folder([
      "Dockerfile": Self.addAndMaintainer, "c.json": #"{"version": 1}"#,
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    Self.expectUsageError(
      ["--config", root + "/c.json", "--no-config", root],
      "--config and --no-config contradict each other; give one")
    Self.expectUsageError(
      ["--no-config", "--stdin-filename", "svc/Dockerfile", root + "/Dockerfile"],
      "--stdin-filename names standard input, but no `-` is among the paths")
  }

  @Test func commandsThatLookLikePathsAreCommandsOrClearErrors() {
    let version = BallastCommand.run(["version"]) { nil }
    #expect(version.output == "ballast \(BallastCommand.version)\n")
    #expect(version.status == 0)
    #expect(BallastCommand.run(["--version"]) { nil }.output == version.output)
    Self.expectUsageError(
      ["rulez"], "'rulez' is neither a file nor a command; did you mean `ballast rules`?")
    Self.expectUsageError(
      ["--no-config", "Dockerfile", "explain"],
      "'explain' is a command, not a file: write it first (`ballast explain …`)")
    Self.expectUsageError(
      ["rules", "--format", "sarif"],
      "rules --format: 'sarif' is not a format: expected text or json")
    Self.expectUsageError(["rules", "extra"], "rules takes no operand (got 'extra')")
    Self.expectUsageError(
      ["parse", "-f", "gnu", "-"],
      "parse --format: 'gnu' is not a format: expected buildkit or json")
  }

  @Test func invalidConfigurationFilesAreReportedOncePerFileBeforeLinting() throws {
    let root = try Self.twentyDockerfiles(extra: [
      ".ballast.json": #"{"version": 1, "ignroe": []}"#,
      "svc3/.ballast.json": #"{"rules": {"BL0999": {}}}"#,
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    for format in ["text", "json"] {
      let result = BallastCommand.run(["-f", format, root]) { nil }
      #expect(result.status == 2)
      #expect(result.output == "")
      #expect(
        result.errors == """
          ballast: \(root)/.ballast.json: unknown key 'ignroe'; did you mean 'ignore'?
          ballast: \(root)/svc3/.ballast.json: unknown rule 'BL0999' in 'rules'; did you mean 'BL0009'?

          """)
    }
  }

  @Test func failureThresholdErrorInTheFileListsNone() throws {
    let root = try LintCommandTests.folder([
      ".ballast.json": #"{"failureThreshold": "all"}"#, "Dockerfile": "FROM alpine:3.20\n",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let result = BallastCommand.run([root]) { nil }
    #expect(
      result.errors
        == "ballast: \(root)/.ballast.json: 'failureThreshold' must be one of error, warning, info, style or none\n"
    )
  }

  @Test func labelSchemaAndStrictLabelsAreCheckedAndPrinted() throws {
    let cases: [(String, String)] = [
      (
        #"{"labelSchema": {"org.opencontainers.image.created": "date"}}"#,
        "'labelSchema.org.opencontainers.image.created' must be one of text, url, semver, hash, rfc3339, spdx or email"
      ),
      (
        #"{"labelSchema": ["maintainer"]}"#,
        "'labelSchema' must be an object of label names and formats"
      ),
      (#"{"labelSchema": {"": "text"}}"#, "'labelSchema' has an empty label name"),
      (#"{"strictLabels": "yes"}"#, "'strictLabels' must be true or false"),
      (#"{"strictLabel": true}"#, "unknown key 'strictLabel'; did you mean 'strictLabels'?"),
    ]
    for (config, message) in cases {
      let root = try LintCommandTests.folder([
        ".ballast.json": config, "Dockerfile": "FROM alpine:3.20\n",
      ])
      defer { try? FileManager.default.removeItem(atPath: root) }
      let result = BallastCommand.run([root]) { nil }
      #expect(result.status == 2)
      #expect(result.output == "")
      #expect(result.errors == "ballast: \(root)/.ballast.json: \(message)\n")
    }
    let root = try LintCommandTests.folder([
      ".ballast.json":
        #"{"labelSchema": {"version": "semver", "author": "email"}, "strictLabels": true}"#,
      "Dockerfile": "FROM alpine:3.20\n",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let printed = BallastCommand.run(["config", "--print", "\(root)/Dockerfile"]) { nil }
    #expect(printed.status == 0)
    #expect(
      printed.output.contains(
        """
          "labelSchema": {
            "author": "email",
            "version": "semver"
          },
          "strictLabels": true,
        """))
  }

  @Test func anEmptyFolderSaysSo() throws {
    let root = try LintCommandTests.folder(["notes.txt": "FROM x\n"])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let result = BallastCommand.run(["--no-config", root]) { nil }
    #expect(result.status == 0)
    #expect(result.errors.hasPrefix("ballast: no Dockerfile found in \(root) (looked for "))
    #expect(result.output == "No problems found in 0 files.\n")
  }
}

/// Issue 11, item 7: parsing, `--help`, the man page and the completions come from one table.
@Suite struct OptionTableTests {
  @Test func everyOptionOfEveryCommandIsInHelpManAndCompletions() {
    let help = BallastCommand.run(["--help"]) { nil }.output
    let manPage = BallastCommand.run(["man"]) { nil }.output
    let scripts = ["bash", "zsh", "fish"].map { shell in
      (shell, BallastCommand.run(["completions", shell]) { nil }.output)
    }
    for command in CommandTable.commands {
      let commandHelp = BallastCommand.run([command.name, "--help"]) { nil }
      #expect(commandHelp.status == 0, "\(command.name) --help")
      #expect(commandHelp.output.contains("usage: ballast \(command.name)"))
      #expect(help.contains(HelpText.synopsis(command)))
      for option in command.options {
        #expect(commandHelp.output.contains("--\(option.long)"), "\(command.name) --\(option.long)")
        #expect(
          manPage.contains(HelpText.roff("--\(option.long)")),
          "man: \(command.name) --\(option.long)")
        for (shell, script) in scripts {
          let written = shell == "fish" ? "-l \(option.long)" : "--\(option.long)"
          #expect(script.contains(written), "\(shell): \(command.name) --\(option.long)")
        }
      }
    }
  }

  @Test func formatCompletionOffersOnlyWhatTheCommandAccepts() {
    let lint = CommandTable.lint.option(named: "format")
    let offered = lint?.value?.kind.completions(catalog: LintCommand.linter.catalog) ?? []
    #expect(offered.contains("sarif") && !offered.contains("buildkit"))
    for shell in ["zsh", "fish"] {
      let script = BallastCommand.run(["completions", shell]) { nil }.output
      #expect(script.contains("jobs"), "\(shell) lacks --jobs")
    }
  }

  /// Runs the bash completion for real: what `ballast … <TAB>` offers.
  static func bashCompletion(
    _ words: [String], in directory: String = FileManager.default.temporaryDirectory.path
  ) throws -> [String] {
    let script = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ballast-completion-\(UUID().uuidString).bash")
    defer { try? FileManager.default.removeItem(at: script) }
    try Data(BallastCommand.run(["completions", "bash"]) { nil }.output.utf8).write(to: script)
    let quoted = words.map { "'\($0)'" }.joined(separator: " ")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [
      "-c",
      "source '\(script.path)'; COMP_WORDS=(ballast \(quoted)); COMP_CWORD=\(words.count); _ballast; printf '%s\\n' \"${COMPREPLY[@]}\"",
    ]
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
  }

  @Test func bashCompletionFollowsTheCommand() throws {
    #expect(try Self.bashCompletion(["-f", ""]).contains("sarif"))
    #expect(try !Self.bashCompletion(["-f", ""]).contains("buildkit"))
    #expect(try Self.bashCompletion(["parse", "-f", ""]).sorted() == ["buildkit", "json"])
    #expect(try Self.bashCompletion(["rules", "--format", ""]).sorted() == ["json", "text"])
    #expect(try Self.bashCompletion(["--fail"]) == ["--failure-threshold"])
    #expect(try Self.bashCompletion(["--failure-threshold", ""]).contains("none"))
    #expect(try Self.bashCompletion(["--ign"]) == ["--ignore"])
    #expect(try Self.bashCompletion(["--ignore", "add-inst"]) == ["add-instead-of-copy"])
    #expect(try Self.bashCompletion(["explain", "BL500"]).contains("BL5001"))
    #expect(try Self.bashCompletion(["completions", ""]).sorted() == ["bash", "fish", "zsh"])
    #expect(try Self.bashCompletion(["ver"]).contains("version"))
    // Folders only where a folder is wanted, in a folder of this test's own.
    let root = try LintCommandTests.folder(["src/Dockerfile": "FROM x\n", "notes.txt": "x\n"])
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(try Self.bashCompletion(["--context", ""], in: root) == ["src"])
    #expect(try Self.bashCompletion(["--config", ""], in: root).sorted() == ["notes.txt", "src"])
  }
}

extension OptionTableTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test func readmeOptionTableListsEveryLintOption() throws {
    let readme = try String(
      contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
    let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `-") }
    for option in CommandTable.lint.options {
      for name in option.names {
        #expect(rows.contains { $0.contains("`--\(name)") }, "README lacks --\(name)")
      }
      if let short = option.short {
        #expect(rows.contains { $0.contains("`-\(short)`") }, "README lacks -\(short)")
      }
    }
  }
}
