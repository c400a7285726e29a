import DockerfileSemantics
import DockerfileSyntax
import Foundation
import LintEngine
import LintRules
import Testing

/// The three misses found while reading findings on unseen repositories (issue 12).
@Suite struct IssueMissesTests {
  /// Installing git proves nothing about the image's use; only what it runs at start does.
  @Test func goAlpineFinalImageThatInstallsGitIsReported() {
    let text = """
      FROM golang:1.22-alpine
      RUN apk add --no-cache git
      WORKDIR /src
      COPY . .
      RUN go build -o /app .
      CMD ["/app"]
      """
    #expect(findings(text, rule: "BL1001").count == 1)
    let runsTheToolchain = text.replacingOccurrences(
      of: "CMD [\"/app\"]", with: "CMD [\"go\", \"run\", \".\"]")
    #expect(findings(runsTheToolchain, rule: "BL1001").isEmpty)
    // A final stage named for development is a workspace; make beside a startup script likely
    // serves that script.
    #expect(findings("FROM golang:1.22 AS dev\nCMD [\"/app\"]\n", rule: "BL1001").isEmpty)
    #expect(
      findings(
        "FROM golang:1.22\nRUN apt-get update && apt-get install -y make\nCMD [\"/run.sh\"]\n",
        rule: "BL1001"
      ).isEmpty)
  }

  /// `wget URL` saves under the address's last path segment, in the working directory.
  @Test func wgetDownloadUnpackedInALaterLayer() throws {
    let text = """
      FROM debian:12-slim
      WORKDIR /opt
      RUN wget https://example.com/releases/tool-1.4.tar.gz
      RUN tar -xzf tool-1.4.tar.gz && ./tool-1.4/install
      CMD ["/opt/tool"]
      """
    let finding = try #require(findings(text, rule: "BL1012").first)
    #expect(finding.message.contains("`tool-1.4.tar.gz` came in with the download on line 3"))
    let prefixed = """
      FROM debian:12-slim
      RUN wget -P /tmp https://example.com/t.tgz?raw=1 && curl -O https://example.com/u.tgz
      RUN tar -xzf /tmp/t.tgz && tar -xzf /u.tgz
      """
    #expect(findings(prefixed, rule: "BL1012").count == 2)
  }

  /// A package cache an earlier RUN left is part of that layer.
  @Test func apkCacheDeletedInALaterLayer() throws {
    let text = "FROM alpine:3.20\nRUN apk add curl\nRUN rm -rf /var/cache/apk/*\nCMD [\"/app\"]\n"
    let finding = try #require(findings(text, rule: "BL1007").first)
    #expect(finding.message.contains("written by `apk add` in the layer of line 2"))
    #expect(
      findings(
        "FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN rm -rf /var/cache/apk/*\n",
        rule: "BL1007"
      ).isEmpty)
    #expect(
      findings(
        "FROM fedora:40\nRUN dnf install -y git\nRUN rm -rf /var/cache/dnf\n", rule: "BL1007"
      ).count == 1)
    #expect(
      findings(
        "FROM fedora:40\nRUN dnf install -y git && dnf clean all\nRUN rm -rf /var/cache/dnf\n",
        rule: "BL1007"
      ).isEmpty)
  }
}
