import DockerfileSemantics
import DockerfileSyntax
import Foundation
import LintEngine
import LintRules
import Testing

/// Issue 11, items 10–14: messages that were wrong for the file they were about.
@Suite struct MessageTests {
  // MARK: item 10, BL4003

  @Test(arguments: [
    ("FROM ghcr.io/acme/tool\n", "ghcr.io/acme/tool:<version>"),
    ("FROM localhost:5000/myimg\n", "localhost:5000/myimg:<version>"),
    ("FROM localhost:5000/myimg:latest\n", "localhost:5000/myimg:<version>"),
    (
      "FROM registry.example.com:8443/team/app:latest\n",
      "registry.example.com:8443/team/app:<version>"
    ),
    ("FROM docker.io/library/golang\n", "docker.io/library/golang:<version>"),
    ("FROM node\n", "node:<version>"),
    ("FROM bitnami/redis:latest\n", "bitnami/redis:<version>"),
  ])
  func unpinnedImageHelpKeepsTheRegistry(_ text: String, _ suggested: String) throws {
    let found = try #require(findings(text, rule: "BL4003").first)
    #expect(found.help == "pin a version such as `\(suggested)`, or a digest with `@sha256:…`")
  }

  // MARK: item 11, BL1004 names the command that ran

  @Test(arguments: [
    ("apt-get update && apt-get install -y curl", "`apt-get update`"),
    ("apt update && apt install -y curl", "`apt update`"),
    ("apt-get -q update && apt-get install -y curl", "`apt-get update`"),
  ])
  func aptListsMessageNamesTheCommandRun(_ run: String, _ named: String) throws {
    let found = try #require(findings("FROM debian:12\nRUN \(run)\n", rule: "BL1004").first)
    #expect(found.message == "\(named) leaves ~20–50 MB of package lists in this layer")
  }

  // MARK: item 12, BL1004 recognises the ways lists are removed

  @Test(arguments: [
    "rm -rf /var/lib/apt/lists/*",
    "rm -r /var/lib/apt/lists",
    "rm -rf /var/lib/apt/lists/",
    "find /var/lib/apt/lists -type f -delete",
    "find /var/lib/apt/lists/ -mindepth 1 -delete",
    "find /var/lib/apt/lists -type f -exec rm -f {} +",
    "find /var/lib/apt/lists -type f -exec rm {} \\;",
    "apt-get dist-clean",
    "apt dist-clean",
  ])
  func aptListRemovalsAreRecognised(_ removal: String) {
    let text = "FROM debian:12\nRUN apt-get update && apt-get install -y curl && \(removal)\n"
    #expect(findings(text, rule: "BL1004").isEmpty, "\(removal)")
  }

  @Test(arguments: [
    "apt-get clean",
    "apt-get autoclean",
    "find /var/lib/apt/lists -name '*.gz'",
    "find /var/lib/apt/lists -type f -print",
    "rm -rf /var/lib/apt/lists.bak",
    "find /var/cache/apt -type f -delete",
  ])
  func thingsThatKeepTheListsStillCount(_ other: String) {
    let text = "FROM debian:12\nRUN apt-get update && apt-get install -y curl && \(other)\n"
    #expect(findings(text, rule: "BL1004").count == 1, "\(other)")
  }

  // MARK: item 13, BL1008 says what is at stake

  static func context(_ entries: [ContextListing.Entry]) -> BuildContext {
    BuildContext(
      origin: .commandLine, root: ".", ignoreFile: .absent, listing: ContextListing(entries))
  }

  @Test func oneSmallFileIsNotWorthAWarning() {
    let text = """
      FROM mysql:8.4
      COPY my.cnf /etc/mysql/my.cnf
      RUN chmod -R 644 /etc/mysql/my.cnf

      """
    let known = Self.context([ContextListing.Entry(path: "my.cnf", isDirectory: false, bytes: 912)])
    #expect(findings(text, rule: "BL1008", context: known).isEmpty)
  }

  @Test func withoutTheContextTheSizeIsACondition() throws {
    let text = """
      FROM mysql:8.4
      COPY my.cnf /etc/mysql/my.cnf
      RUN chmod -R 644 /etc/mysql/my.cnf

      """
    let found = try #require(findings(text, rule: "BL1008").first)
    #expect(
      found.message
        == "`chmod -R` on `/etc/mysql/my.cnf` rewrites the file the COPY on line 2 added; if it is large, the new layer stores a second copy of it"
    )
  }

  @Test func aKnownSizeIsNamed() throws {
    let text = """
      FROM node:22-slim
      COPY app/ /app/
      RUN chown -R node:node /app

      """
    let known = Self.context([
      ContextListing.Entry(path: "app", isDirectory: true, bytes: 48_000_000, fileCount: 1_200)
    ])
    let found = try #require(findings(text, rule: "BL1008", context: known).first)
    #expect(
      found.message
        == "`chown -R` on `/app` rewrites the 48 MB (1,200 files) the COPY on line 2 added; the new layer stores all of it a second time"
    )
    let small = Self.context([
      ContextListing.Entry(path: "app", isDirectory: true, bytes: 40_000, fileCount: 3)
    ])
    #expect(findings(text, rule: "BL1008", context: small).isEmpty)
  }

  @Test func aFolderOfUnknownSizeSaysWhatIsStored() throws {
    let text = """
      FROM node:22-slim
      COPY app/ /app/
      RUN chown -R node:node /app

      """
    let found = try #require(findings(text, rule: "BL1008").first)
    #expect(
      found.message
        == "`chown -R` on `/app` rewrites every file the COPY on line 2 added; the new layer stores them all a second time, as many bytes again as that COPY"
    )
  }

  // MARK: item 14, BL1015 covers go install

  @Test(arguments: [
    ("RUN go install ./cmd/server", "/go/bin/server"),
    ("RUN go install example.com/tools/server@v1.4.0", "/go/bin/server"),
    ("ENV GOBIN=/out\nRUN go install ./cmd/server", "/out/server"),
    ("ENV GOPATH=/work\nRUN go install ./cmd/server", "/work/bin/server"),
  ])
  func goInstallIntoTheCopiedBinFolder(_ run: String, _ copied: String) throws {
    let text =
      "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\n\(run)\n"
      + "FROM gcr.io/distroless/static-debian12\nCOPY --from=build \(copied) /server\n"
      + "CMD [\"/server\"]\n"
    let found = try #require(findings(text, rule: "BL1015").first)
    let command = try #require(text.range(of: "go install"))
    #expect(
      found.range.start == text.utf8.distance(from: text.startIndex, to: command.lowerBound) + 3)
    let folder = (copied as NSString).deletingLastPathComponent
    #expect(
      found.message
        == "`go install` builds this binary into `\(folder)` with its symbol table and DWARF debug data, typically 25–30% of its size"
    )
  }

  @Test func goInstallOfAToolTheFinalImageDoesNotCopy() {
    let text = """
      FROM golang:1.22 AS build
      RUN go install github.com/swaggo/swag/cmd/swag@v1.16.3
      WORKDIR /src
      COPY . .
      RUN swag init && CGO_ENABLED=0 go build -ldflags="-s -w" -o /server .
      FROM scratch
      COPY --from=build /server /server
      CMD ["/server"]

      """
    #expect(findings(text, rule: "BL1015").isEmpty)
  }

  /// From the corpus: argo-cd copies goreman but not godepgraph; minio copies `minio*`, `mc*`
  /// and `cur*` but not minisign (here `mini*` does take it).
  @Test func onlyTheInstalledBinariesTheFinalImageCopies() {
    let text = """
      FROM golang:1.26 AS go
      RUN go install github.com/mattn/goreman@latest && \\
          go install github.com/kisielk/godepgraph@latest && \\
          go install aead.dev/minisign/cmd/minisign@v0.2.1
      FROM debian:12-slim
      COPY --from=go /go/bin/goreman /usr/local/bin/goreman
      COPY --from=go /go/bin/mini* /usr/bin/

      """
    let lines = findings(text, rule: "BL1015").map {
      SourceFile(path: "Dockerfile", text: text).location(of: $0.range.start).line
    }
    // goreman (line 2) and minisign, which `mini*` takes (line 4); not godepgraph.
    #expect(lines == [2, 4])
  }

  @Test func goInstallThatStripsIsFine() {
    let text = """
      FROM golang:1.22 AS build
      RUN go install -ldflags="-s -w" example.com/tools/server@v1.4.0
      FROM scratch
      COPY --from=build /go/bin/server /server

      """
    #expect(findings(text, rule: "BL1015").isEmpty)
  }
}
