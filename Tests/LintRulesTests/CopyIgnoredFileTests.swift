import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintRules
import Testing

/// BL4010 with real ignore files, and BL4011 on the platforms names tell.
@Suite struct CopyIgnoredFileTests {
  /// The context's own files, so the context folder is found.
  static let sources = [
    "repo/config/app.json": "{}", "repo/build/out": "x", "repo/docs/readme.md": "x",
  ]

  func flaggedInContext(_ dockerfile: String, _ files: [String: String]) -> [String] {
    let bytes = Array(dockerfile.utf8)
    let all = Self.sources.merging(files) { $1 }
    return findingsInContext(dockerfile, rule: "BL4010", files: all).map {
      String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self)
    }
  }

  static let dockerfile = """
    FROM alpine:3.20
    COPY config/app.json build/ docs/readme.md /app/
    COPY --from=golang:1.22 /usr/local/go/bin/go /usr/bin/go
    COPY <<EOF /etc/motd
    hi
    EOF
    COPY . /src/

    """

  @Test func excludedSourcesAreReportedWithTheirPattern() {
    let files = Self.sources.merging(["repo/.dockerignore": "*.json\n**/*.json\nbuild\n"]) { $1 }
    #expect(flaggedInContext(Self.dockerfile, files) == ["config/app.json", "build/"])
    let found = findingsInContext(Self.dockerfile, rule: "BL4010", files: files)
    #expect(
      found.first?.message
        == "`config/app.json` is excluded by `.dockerignore` (`**/*.json`, line 2), so it is not in the build context and this instruction cannot copy it"
    )
  }

  @Test func exceptionsAreFollowed() {
    // `!config/app.json` brings the file back; `!build/keep` may bring back part of build/.
    let files = ["repo/.dockerignore": "**/*.json\n!config/app.json\nbuild\n!build/keep\ndocs\n"]
    #expect(flaggedInContext(Self.dockerfile, files) == ["docs/readme.md"])
    let wildcard = ["repo/.dockerignore": "docs\n!docs/*.md\n"]
    #expect(flaggedInContext(Self.dockerfile, wildcard).isEmpty)
  }

  @Test func theWholeContextOnlyWhenEveryRootEntryIsExcluded() {
    #expect(flaggedInContext(Self.dockerfile, ["repo/.dockerignore": "*\n"]).count == 4)
    #expect(flaggedInContext(Self.dockerfile, ["repo/.dockerignore": ".git\n"]).isEmpty)
    // `!config` sends config/ again, so `COPY .` copies it; config/app.json is back too.
    #expect(
      flaggedInContext(Self.dockerfile, ["repo/.dockerignore": "*\n!config\n"])
        == ["build/", "docs/readme.md"])
  }

  @Test func thePerDockerfileIgnoreFileWins() {
    let files = [
      "repo/.dockerignore": "docs\n", "repo/Dockerfile.dockerignore": "build\n",
    ]
    #expect(flaggedInContext(Self.dockerfile, files) == ["build/"])
  }

  @Test func noContextNoFinding() {
    #expect(flagged(Self.dockerfile, rule: "BL4010").isEmpty)
  }

  @Test func platformsTheNameTells() {
    let text = """
      ARG PLATFORM=linux/arm64
      FROM --platform=linux/amd64 arm64v8/alpine:3.20 AS a
      FROM --platform=$PLATFORM arm64v8/alpine:3.20 AS b
      FROM --platform=$PLATFORM amd64/debian:12 AS c
      FROM --platform=$BUILDPLATFORM arm64v8/alpine:3.20 AS d
      FROM --platform=linux/amd64 mcr.microsoft.com/windows/servercore:ltsc2022 AS e
      FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS f
      FROM --platform=linux/arm64/v8 arm64v8/node:22 AS g
      FROM --platform=linux/amd64 quay.io/arm64v8/alpine:3.20 AS h
      FROM --platform=linux/amd64 alpine:3.20 AS i
      FROM arm64v8/alpine:3.20 AS j

      """
    #expect(flagged(text, rule: "BL4011") == ["linux/amd64", "$PLATFORM", "linux/amd64"])
  }
}
