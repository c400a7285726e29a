import BallastCLI
import Foundation
import Testing

/// `--context` and `--no-context` on real folders: the layouts of `docker build dir/` and
/// `docker build -f dir/Dockerfile .` from the repository root.
@Suite struct ContextOptionTests {
  static let dockerfile =
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n"
  static let bigGit = String(repeating: "x", count: 1_500_000)

  static func lint(_ arguments: [String], stdin: String = "") -> CommandResult {
    BallastCommand.run(["lint", "--no-config", "--select", "BL1002", "-f", "gnu"] + arguments) {
      Array(stdin.utf8)
    }
  }

  @Test func contextDefaultsToTheDockerfileFolder() throws {
    let root = try LintCommandTests.folder([
      "svc/Dockerfile": Self.dockerfile, "svc/app.py": "", "svc/.git/pack": Self.bigGit,
    ])
    let found = Self.lint([root + "/svc/Dockerfile"])
    #expect(found.output.contains("`.git` (1.5 MB)"))
    #expect(found.output.contains("there is no .dockerignore"))
  }

  @Test func contextOptionChoosesTheFolderAndItsIgnoreFile() throws {
    let root = try LintCommandTests.folder([
      "svc/Dockerfile": Self.dockerfile, "svc/app.py": "", "svc/.git/pack": Self.bigGit,
      ".dockerignore": ".git\n", "app.py": "",
    ])
    let everywhere = try LintCommandTests.folder([
      "svc/Dockerfile": Self.dockerfile, "svc/.git/pack": Self.bigGit, ".dockerignore": "**/.git\n",
    ])
    #expect(Self.lint(["--context", everywhere, everywhere + "/svc/Dockerfile"]).output.isEmpty)
    // `.git` at the root is excluded, not `svc/.git`: patterns are anchored at the root.
    let anchored = Self.lint(["--context", root, root + "/svc/Dockerfile"]).output
    #expect(anchored.contains("`svc/.git` (1.5 MB)"))
    #expect(anchored.contains(".dockerignore does not exclude them"))
    let unseen = Self.lint(["--no-context", root + "/svc/Dockerfile"])
    #expect(unseen.output.contains("unless a .dockerignore excludes them"))
    let stdin = Self.lint(["--context", root + "/svc", "-"], stdin: Self.dockerfile)
    #expect(stdin.output.contains("`.git` (1.5 MB)"))
  }

  @Test func contextMustBeAFolder() throws {
    let root = try LintCommandTests.folder(["Dockerfile": Self.dockerfile])
    let result = Self.lint(["--context", root + "/Dockerfile", root + "/Dockerfile"])
    #expect(result.status == 2)
    #expect(result.output.isEmpty)
    #expect(result.errors.contains("--context: '\(root)/Dockerfile' is not a folder"))
    #expect(Self.lint(["--context", root, "--no-context", root]).status == 2)
  }
}
