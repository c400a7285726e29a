import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintRules
import Testing

/// Lints `dockerfile` (at `path`) with its build context read from `files` (paths under the
/// same in-memory tree), as the command line reads it from disk.
func findingsInContext(
  _ dockerfile: String, rule: String, files: [String: String], path: String = "repo/Dockerfile",
  root: String? = nil
) -> [Finding] {
  let system = InMemoryContextFileSystem(files.merging([path: dockerfile]) { $1 })
  let loader = BuildContextLoader(fileSystem: system)
  return BuiltinRules.linter.lint(
    SourceFile(path: path, text: dockerfile), configuration: .enabling(rule)
  ) { analyzed in
    loader.load(for: analyzed, dockerfilePath: path, root: root)
  }
  .findings.filter { $0.ruleID == rule }
}

/// Bytes of a given size, for files whose size matters.
func blob(_ bytes: Int) -> String { String(repeating: "x", count: bytes) }

@Suite struct WholeContextCopyInContextTests {
  static let dockerfile =
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n"

  @Test func allowListDockerignoreShipsNothingUnwanted() {
    let files = [
      "repo/.dockerignore": "*\n!app.py\n!requirements.txt\n",
      "repo/app.py": "print(1)\n", "repo/requirements.txt": "flask\n",
      "repo/.git/objects/pack/p.pack": blob(3_000_000),
    ]
    #expect(findingsInContext(Self.dockerfile, rule: "BL1002", files: files).isEmpty)
  }

  @Test func pythonProjectIsNotToldAboutNodeModules() {
    let files = [
      "repo/.dockerignore": ".git\n", "repo/app.py": "print(1)\n",
      "repo/.git/objects/pack/p.pack": blob(3_000_000),
    ]
    #expect(findingsInContext(Self.dockerfile, rule: "BL1002", files: files).isEmpty)
  }

  @Test func shippedGitIsWeighed() throws {
    let files = [
      "repo/app.py": "print(1)\n", "repo/.git/objects/pack/p.pack": blob(2_500_000),
      "repo/.git/HEAD": "ref: refs/heads/main\n",
    ]
    let finding = try #require(
      findingsInContext(Self.dockerfile, rule: "BL1002", files: files).first)
    #expect(finding.message.contains("`.git` (2.5 MB)"))
    #expect(finding.message.contains("there is no .dockerignore"))
    #expect(!finding.message.contains("node_modules"))
  }

  @Test func dockerignoreThatMissesNodeModulesIsNamed() throws {
    let files = [
      "repo/.dockerignore": ".git\n", "repo/index.js": "",
      "repo/web/node_modules/react/index.js": blob(1_200_000),
    ]
    let finding = try #require(
      findingsInContext(Self.dockerfile, rule: "BL1002", files: files).first)
    #expect(finding.message.contains("`web/node_modules` (1.2 MB)"))
    #expect(finding.message.contains(".dockerignore does not exclude them"))
  }

  /// BuildKit reads `.dockerignore` at the context root, not beside a Dockerfile in a
  /// subfolder, and `<name>.dockerignore` beside the Dockerfile wins over it.
  @Test func ignoreFileIsTheOneBuildKitReads() {
    let dockerfile = "FROM python:3.12-slim\nCOPY services/api/app.py /app/\nCOPY . /src\n"
    let files = [
      "repo/.dockerignore": ".git\nnode_modules\n",
      "repo/services/api/.dockerignore": "*\n",
      "repo/services/api/app.py": "", "repo/.git/pack": blob(2_000_000),
      "repo/node_modules/x/y.js": blob(2_000_000),
    ]
    let path = "repo/services/api/Dockerfile"
    #expect(findingsInContext(dockerfile, rule: "BL1002", files: files, path: path).isEmpty)
    var specific = files
    specific["repo/services/api/Dockerfile.dockerignore"] = ".git\n"
    let found = findingsInContext(dockerfile, rule: "BL1002", files: specific, path: path)
    #expect(found.first?.message.contains("`node_modules` (2.0 MB)") == true)
    #expect(found.first?.message.contains("Dockerfile.dockerignore does not exclude") == true)
  }

  @Test func smallLeftoversAreNotWorthAWarning() {
    let files = ["repo/app.py": "", "repo/.git/HEAD": "ref: refs/heads/main\n"]
    #expect(findingsInContext(Self.dockerfile, rule: "BL1002", files: files).isEmpty)
  }
}

@Suite struct BuildContextLoaderTests {
  @Test func contextRootIsInferredFromCopySources() {
    let dockerfile = "FROM alpine:3.20\nCOPY docker/entrypoint.sh /\nCOPY go.mod /src/\n"
    let system = InMemoryContextFileSystem([
      "repo/docker/Dockerfile": dockerfile, "repo/docker/entrypoint.sh": "#!/bin/sh\n",
      "repo/go.mod": "module x\n", "repo/.git/HEAD": "",
    ])
    let file = AnalyzedDockerfile(
      DockerfileParser.parse(path: "repo/docker/Dockerfile", text: dockerfile))
    let context = BuildContextLoader(fileSystem: system).load(
      for: file, dockerfilePath: "repo/docker/Dockerfile")
    #expect(context.root == "repo")
    #expect(context.origin == .inferred)
    #expect(context.ignoreFile == .absent)
    #expect(context.listing?.entry("go.mod")?.bytes == 9)
  }

  @Test func dockerfileFolderIsTheContextOfDockerBuildDir() {
    let dockerfile = "FROM alpine:3.20\nCOPY app.sh /\n"
    let system = InMemoryContextFileSystem([
      "repo/svc/Dockerfile": dockerfile, "repo/svc/app.sh": "", "repo/app.sh": "",
    ])
    let file = AnalyzedDockerfile(
      DockerfileParser.parse(path: "repo/svc/Dockerfile", text: dockerfile))
    let context = BuildContextLoader(fileSystem: system).load(
      for: file, dockerfilePath: "repo/svc/Dockerfile")
    #expect(context.root == "repo/svc")
  }

  @Test func aDockerfileAloneHasNoContext() {
    let dockerfile = "FROM alpine:3.20\nCOPY . /app\n"
    let system = InMemoryContextFileSystem([
      "corpus/a__Dockerfile": dockerfile, "corpus/b__Dockerfile": "FROM x\n",
    ])
    let file = AnalyzedDockerfile(
      DockerfileParser.parse(path: "corpus/a__Dockerfile", text: dockerfile))
    let context = BuildContextLoader(fileSystem: system).load(
      for: file, dockerfilePath: "corpus/a__Dockerfile")
    #expect(!context.isKnown)
    let missing = "FROM alpine:3.20\nCOPY build/app /app\n"
    let lone = AnalyzedDockerfile(
      DockerfileParser.parse(path: "corpus/a__Dockerfile", text: missing))
    #expect(
      !BuildContextLoader(fileSystem: system).load(
        for: lone, dockerfilePath: "corpus/a__Dockerfile"
      )
      .isKnown)
  }

  @Test func copiedScriptsAndPackageJSONAreRead() {
    let dockerfile = """
      FROM node:20-slim
      WORKDIR /srv
      COPY scripts /scripts
      COPY package*.json ./
      RUN npm ci && /scripts/cleanup.sh
      """
    let system = InMemoryContextFileSystem([
      "repo/Dockerfile": dockerfile, "repo/scripts/cleanup.sh": "rm -rf /var/lib/apt/lists/*\n",
      "repo/package.json": "{}", "repo/README.md": "",
    ])
    let file = AnalyzedDockerfile(DockerfileParser.parse(path: "repo/Dockerfile", text: dockerfile))
    let context = BuildContextLoader(fileSystem: system).load(
      for: file, dockerfilePath: "repo/Dockerfile")
    #expect(context.files["scripts/cleanup.sh"] == "rm -rf /var/lib/apt/lists/*\n")
    #expect(context.files["package.json"] == "{}")
    #expect(context.files["README.md"] == nil)
  }
}

@Suite struct CopiedScriptTests {
  static let dockerfile = """
    FROM debian:bookworm-slim
    COPY scripts/ /scripts/
    RUN apt-get update && apt-get install -y --no-install-recommends curl && /scripts/cleanup.sh
    """

  @Test func aCleanupScriptThatRemovesTheListsIsRead() {
    let files = [
      "repo/scripts/cleanup.sh": "#!/bin/sh\napt-get clean\nrm -rf /var/lib/apt/lists/*\n"
    ]
    #expect(findingsInContext(Self.dockerfile, rule: "BL1004", files: files).isEmpty)
  }

  @Test func aCleanupScriptThatKeepsTheListsIsReported() {
    let files = ["repo/scripts/cleanup.sh": "#!/bin/sh\napt-get clean\n"]
    #expect(findingsInContext(Self.dockerfile, rule: "BL1004", files: files).count == 1)
  }

  @Test func anUnseenScriptIsNotJudged() {
    // No context: the script may remove the lists.
    #expect(findings(Self.dockerfile, rule: "BL1004").isEmpty)
    // `sh script` and `. script` run files too; a system program does not.
    #expect(
      findings(
        "FROM debian:12\nCOPY . /src\nWORKDIR /src\nRUN apt-get update && apt-get install -y x && sh ./cleanup.sh\n",
        rule: "BL1004"
      ).isEmpty)
    // A script no COPY brought (downloaded, built) is no cleanup script.
    #expect(
      findings(
        "FROM debian:12\nRUN apt-get update && apt-get install -y x && curl -fsSL https://e.com/i | bash /dev/stdin\n",
        rule: "BL1004"
      ).count == 1)
    #expect(
      findings(
        "FROM debian:12\nRUN apt-get update && apt-get install -y x && /usr/bin/env true\n",
        rule: "BL1004"
      ).count == 1)
    // A script run before the update cannot remove what the update fetches.
    #expect(
      findings(
        "FROM debian:12\nRUN ./setup.sh && apt-get update && apt-get install -y x\n",
        rule: "BL1004"
      ).count == 1)
  }
}

@Suite struct PackageJSONTests {
  static let dockerfile = """
    FROM node:20-slim
    WORKDIR /app
    COPY package*.json ./
    RUN npm ci
    COPY . .
    CMD ["node", "server.js"]
    """

  @Test func noDevDependenciesNothingToReport() {
    let files = ["repo/package.json": #"{"name": "x", "dependencies": {"express": "^4"}}"#]
    #expect(findingsInContext(Self.dockerfile, rule: "BL1018", files: files).isEmpty)
  }

  @Test func devDependenciesAreNamedAndCounted() throws {
    let files = [
      "repo/package.json":
        #"{"dependencies": {"express": "^4"}, "devDependencies": {"typescript": "5", "jest": "29", "eslint": "9", "vite": "5"}}"#
    ]
    let finding = try #require(
      findingsInContext(Self.dockerfile, rule: "BL1018", files: files).first)
    #expect(
      finding.message.contains(
        "the 4 devDependencies of package.json (`typescript`, `jest`, `eslint` and 1 more)"))
  }

  @Test func withoutTheFileTheMessageIsACondition() throws {
    let finding = try #require(findings(Self.dockerfile, rule: "BL1018").first)
    #expect(finding.message.contains("devDependencies of package.json, if it has any"))
  }
}
