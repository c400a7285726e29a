import Foundation
import Testing

@testable import BallastCLI

/// Issue 11, item 8: one definition of a Dockerfile's name for folder search, the pre-commit
/// hook and the README.
@Suite struct DockerfileNameTests {
  static let repository = OptionTableTests.repository

  static let dockerfiles = [
    "Dockerfile", "dockerfile", "DOCKERFILE", "Containerfile", "Dockerfile.prod", "Dockerfile-dev",
    "Dockerfile_prod", "Dockerfile.arm64.v8", "api.Dockerfile", "api.dockerfile",
    "app.containerfile", "prod.Containerfile", "Containerfile.fedora", "Dockerfile.in",
  ]
  static let others = [
    "Dockerfile.dockerignore", "api.Dockerfile.dockerignore", "Dockerfile.template",
    "Dockerfile.j2", "api.Dockerfile.tmpl", "dockerfile.go",
    "dockerfile_test.go", "dockerfile-parser.js", "Dockerfile.md", "dockerfile.py",
    "Dockerfile.swp", "Dockerfile.orig", "Dockerfile~", "Dockerfiles", "MyDockerfile",
    "notes.txt", "docker-compose.yml", "Dockerfile.sh", ".dockerignore", "dockerfile.rs",
  ]

  @Test func namesPeopleUse() {
    for name in Self.dockerfiles { #expect(DockerfileName.matches(name), "\(name)") }
    for name in Self.others { #expect(!DockerfileName.matches(name), "\(name)") }
  }

  /// The hook's regular expressions (pre-commit matches them with Python's `re.search` on the
  /// path) agree with the definition, on bare names and on paths.
  @Test func preCommitPatternsAgreeWithTheDefinition() throws {
    let files = try NSRegularExpression(pattern: DockerfileName.preCommitFiles)
    let exclude = try NSRegularExpression(pattern: DockerfileName.preCommitExclude)
    func hookMatches(_ path: String) -> Bool {
      let range = NSRange(path.startIndex..., in: path)
      return files.firstMatch(in: path, range: range) != nil
        && exclude.firstMatch(in: path, range: range) == nil
    }
    for name in Self.dockerfiles + Self.others {
      for path in [name, "services/web/\(name)", "Dockerfile.d/\(name)"] {
        #expect(hookMatches(path) == DockerfileName.matches(name), "\(path)")
      }
    }
  }

  @Test func hookFileAndReadmeUseTheDefinition() throws {
    let hooks = try String(
      contentsOf: Self.repository.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
    // Every hook, with booleans, so a failure does not print the whole file.
    let lines = hooks.split(separator: "\n").map(String.init)
    let hookCount = lines.filter { $0.hasPrefix("- id: ") }.count
    let files = lines.filter { $0.hasPrefix("  files: ") }
    let excludes = lines.filter { $0.hasPrefix("  exclude: ") }
    #expect(
      files.count == hookCount && excludes.count == hookCount, "a hook lacks files: or exclude:")
    let hookFiles = files.allSatisfy { $0 == "  files: '\(DockerfileName.preCommitFiles)'" }
    let hookExclude = excludes.allSatisfy {
      $0 == "  exclude: '\(DockerfileName.preCommitExclude)'"
    }
    #expect(hookFiles, "files: in .pre-commit-hooks.yaml is not DockerfileName.preCommitFiles")
    #expect(
      hookExclude, "exclude: in .pre-commit-hooks.yaml is not DockerfileName.preCommitExclude")
    let readme = try String(
      contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
    let readmeFiles = readme.contains("        files: '\(DockerfileName.preCommitFiles)'\n")
    let readmeExclude = readme.contains("        exclude: '\(DockerfileName.preCommitExclude)'\n")
    #expect(readmeFiles, "the README's local hook has another files: pattern")
    #expect(readmeExclude, "the README's local hook has another exclude: pattern")
    let prose = readme.split(separator: "\n", omittingEmptySubsequences: false).joined(
      separator: " ")
    let described = prose.components(separatedBy: DockerfileName.markdown).count - 1
    #expect(
      described == 2,
      "the README should describe the names as DockerfileName.markdown, for folder search and the hook"
    )
  }

  @Test func folderSearchFindsThemAll() throws {
    var files: [String: String] = [:]
    for (index, name) in (Self.dockerfiles + Self.others).enumerated() {
      files["d\(index)/\(name)"] = "FROM alpine:3.20\n"
    }
    let root = try LintCommandTests.folder(files)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let found = FileDiscovery.dockerfiles(under: root).files.map {
      String($0.split(separator: "/").last ?? "")
    }
    #expect(found.sorted() == Self.dockerfiles.sorted())
  }
}
