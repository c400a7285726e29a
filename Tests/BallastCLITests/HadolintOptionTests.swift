import Foundation
import Testing

@testable import BallastCLI

/// Issue 19, options CI scripts use: each with its exit code and output.
@Suite struct HadolintOptionTests {
  static let twoStages = """
    FROM golang:1.22 AS build
    RUN go build -o /app .
    FROM alpine:3.20 AS final
    COPY --from=build /app /app
    USER 65534
    ADD a.conf /a.conf
    MAINTAINER me

    """

  static func gnu(_ arguments: [String]) -> CommandResult {
    BallastCommand.run(["--no-config", "-f", "gnu"] + arguments + ["-"]) {
      Array(Self.twoStages.utf8)
    }
  }

  static func ids(_ result: CommandResult) -> [String] {
    PeerIdOptionTests.rules(result)
  }

  @Test func severityOptionsAndNoFail() {
    let result = Self.gnu(["--error", "DL3020", "--style", "MaintainerDeprecated"])
    #expect(result.status == 1)
    #expect(result.output.contains("-:6.1-6.4: error: ADD copies"))
    #expect(result.output.contains("-:7.1-7.11: note: MAINTAINER"))
    let quiet = Self.gnu(["--no-fail", "--failure-threshold", "style"])
    #expect(quiet.status == 0)
    #expect(Self.ids(quiet).contains("BL5001"))
  }

  @Test func warningAndInfoOptions() {
    let result = Self.gnu(["--info", "DL3020", "--warning", "DL4000"])
    #expect(result.output.contains("-:6.1-6.4: note: ADD copies"))
    #expect(result.output.contains("-:7.1-7.11: warning: MAINTAINER"))
    // The default threshold is info: both still fail; at warning only MAINTAINER does.
    #expect(result.status == 1)
    let onlyInfo = Self.gnu([
      "--info", "DL3020", "--info", "DL4000", "--failure-threshold", "warning",
      "--select", "DL3020", "--select", "DL4000",
    ])
    #expect(Self.ids(onlyInfo) == ["BL5001", "BL5002"])
    #expect(onlyInfo.status == 0)
  }

  @Test func trustedRegistryReportsImagesFromElsewhere() {
    // No registry configured: nothing to check.
    #expect(!Self.ids(Self.gnu([])).contains("BL3002"))
    let untrusted = Self.gnu(["--trusted-registry", "my-company.com:5000"])
    #expect(untrusted.status == 1)
    #expect(
      untrusted.output.contains(
        "-:1.6-1.17: error: `golang:1.22` comes from `docker.io`, which is not a trusted registry (`my-company.com:5000`)"
      ))
    #expect(untrusted.output.contains("-:3.6-3.17: error: `alpine:3.20` comes from `docker.io`"))
    let trusted = Self.gnu([
      "--trusted-registry", "my-company.com:5000", "--trusted-registry", "docker.io",
    ])
    #expect(!Self.ids(trusted).contains("BL3002"))
  }

  /// hadolint's spellings CI scripts and editors use: `-t LEVEL` (with its `ignore`), `-c FILE`
  /// and `--no-color`.
  @Test func hadolintsShortOptionsAndNoColor() throws {
    let info = ["--select", "DL4000"]
    #expect(Self.gnu(info + ["-t", "warning"]).status == 0)
    #expect(Self.gnu(info + ["-t", "info"]).status == 1)
    let ignore = Self.gnu(info + ["-t", "ignore"])
    #expect(ignore.status == 1)
    #expect(Self.ids(ignore) == ["BL5002"])
    let styleOnly = Self.gnu(info + ["--style", "DL4000", "-t", "ignore"])
    #expect(styleOnly.status == 1)
    #expect(Self.gnu(info + ["--style", "DL4000", "-t", "info"]).status == 0)
    let root = try LintCommandTests.folder(["hadolint.yaml": "ignored:\n  - DL3020\n"])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let configured = BallastCommand.run(["-f", "gnu", "-c", root + "/hadolint.yaml", "-"]) {
      Array(Self.twoStages.utf8)
    }
    #expect(configured.status == 1)
    #expect(!Self.ids(configured).contains("BL5001"))
    #expect(Self.ids(configured).contains("BL5002"))
    let plain = BallastCommand.run(["--no-config", "--color", "always", "--no-color", "-"]) {
      Array(Self.twoStages.utf8)
    }
    #expect(plain.status == 1)
    #expect(plain.output.contains("-:6:1: warning BL5001 add-instead-of-copy"))
    #expect(!plain.output.contains("\u{1B}["))
    let coloured = BallastCommand.run(["--no-config", "--no-color", "--color", "always", "-"]) {
      Array(Self.twoStages.utf8)
    }
    #expect(coloured.output.contains("\u{1B}["), "the later option wins")
  }

  @Test func targetMakesThatStageTheFinalImage() {
    #expect(!Self.ids(Self.gnu([])).contains("BL3020"))
    let build = Self.gnu(["--target", "build"])
    #expect(Self.ids(build).contains("BL3020"))
    #expect(build.output.contains("`golang:1.22` runs as root"))
    #expect(build.status == 1)
    let missing = Self.gnu(["--target", "nope"])
    #expect(!Self.ids(missing).contains("BL3020"))
    #expect(
      missing.errors
        == "ballast: warning: -: --target nope: no stage is named nope; the last stage is judged as the image\n"
    )
  }

  @Test func outputGoesToAFileAndThePathInTheReportIsRenamed() throws {
    let root = try LintCommandTests.folder(["Dockerfile": Self.twoStages])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let report = root + "/reports.txt"
    let result = BallastCommand.run([
      "--no-config", "-f", "gnu", "-o", report, "--file-path-in-report", "svc/Dockerfile",
      root + "/Dockerfile",
    ]) { nil }
    #expect(result.status == 1)
    #expect(result.output == "")
    let written = try String(contentsOfFile: report, encoding: .utf8)
    #expect(written.hasPrefix("svc/Dockerfile:"))
    #expect(written.contains("[BL5001 add-instead-of-copy]"))
    // No temporary file is left beside it.
    let left = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
    #expect(left == ["Dockerfile", "reports.txt"])
    let unwritable = BallastCommand.run([
      "--no-config", "-o", "/nonexistent/r.txt", root + "/Dockerfile",
    ]) { nil }
    #expect(unwritable.status == 2)
    #expect(unwritable.errors.hasPrefix("ballast: /nonexistent/r.txt: cannot write the report"))
    CommandLineErrorTests.expectUsageError(
      ["--file-path-in-report", "x", root + "/Dockerfile", root + "/Dockerfile"],
      "--file-path-in-report names one file, but 2 are linted")
    CommandLineErrorTests.expectUsageError(
      ["-o", report, "--fix", "-"], "--output and --fix contradict each other; give one")
  }

  @Test func labelAndRegistryOptionsAreChecked() {
    CommandLineErrorTests.expectUsageError(
      ["--require-label", "a:bogus", "-"],
      "--require-label: 'bogus' is not a label format: expected text, url, semver, hash, rfc3339, spdx or email"
    )
    CommandLineErrorTests.expectUsageError(
      ["--require-label", "nolabel", "-"],
      "--require-label needs LABEL:FORMAT, FORMAT one of text, url, semver, hash, rfc3339, spdx or email (got 'nolabel')"
    )
    let result = BallastCommand.run([
      "config", "--print", "--no-config", "--trusted-registry", "ghcr.io/acme",
      "--require-label", "org.opencontainers.image.source:url", "--strict-labels",
      "--disable-ignore-pragma",
    ]) { nil }
    #expect(result.status == 0)
    #expect(result.output.contains("\"ghcr.io/acme\""))
    #expect(result.output.contains("\"org.opencontainers.image.source\": \"url\""))
    #expect(result.output.contains("\"strictLabels\": true"))
    #expect(result.output.contains("\"disableIgnorePragma\": true"))
  }
}
