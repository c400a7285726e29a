import DockerfileSemantics
import DockerfileSyntax
import LintRules
import Testing

/// Stage-name and `--platform` rules that match BuildKit's checks, on the cases its linter
/// decides in ways the doc examples do not show.
@Suite struct BuildKitStageRuleTests {
  @Test func asCasingFollowsTheFromKeyword() {
    #expect(flagged("from alpine AS build\n", rule: "BL5005") == ["AS"])
    #expect(flagged("FROM alpine As build\n", rule: "BL5005") == ["As"])
    #expect(flagged("From alpine as build\n", rule: "BL5005").isEmpty)
    #expect(flagged("from alpine as build\n", rule: "BL5005").isEmpty)
    #expect(applyingFixes("from alpine AS b\n", rule: "BL5005") == "from alpine as b\n")
  }

  @Test func stageNamesCompareWithoutCase() {
    let text = "FROM alpine AS Build\nFROM alpine AS build\nFROM alpine AS Context\n"
    #expect(flagged(text, rule: "BL5004") == ["Build", "Context"])
    #expect(flagged(text, rule: "BL4004") == ["build"])
    #expect(flagged(text, rule: "BL4005") == ["Context"])
  }

  /// Trivy's DS-0012 reports the first FROM of a repeated alias; BL4004 reports the repeat and
  /// names the first as its related location, which is how Scripts/compare-peers.py matches them.
  @Test func duplicateStageNamePointsAtTheFirstFrom() {
    let text = "FROM alpine AS tools\nFROM tools AS al_v1\nFROM tools AS AL_V1\n"
    let found = findings(text, rule: "BL4004")
    #expect(found.count == 1)
    let bytes = Array(text.utf8)
    let source = SourceFile(path: "Dockerfile", text: text)
    #expect(found.first.map { source.location(of: $0.range.start).line } == 3)
    let related = found.first?.related ?? []
    #expect(
      related.map { String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self) }
        == ["al_v1"])
    #expect(related.map { source.location(of: $0.range.start).line } == [2])
  }

  @Test func redundantTargetPlatformNeedsTargetPlatformAlone() {
    let text = """
      FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine AS a
      FROM --platform=$TARGETOS/$TARGETARCH alpine AS b
      FROM --platform=$BUILDPLATFORM alpine AS c
      FROM  --platform=$TARGETPLATFORM  alpine AS d

      """
    #expect(
      flagged(text, rule: "BL4006") == [
        "--platform=${TARGETPLATFORM:-linux/amd64}", "--platform=$TARGETPLATFORM",
      ])
    #expect(applyingFixes(text, rule: "BL4006").hasSuffix("FROM  alpine AS d\n"))
  }

  @Test func constantPlatformUnlessTheStageIsNamedForIt() {
    let text = """
      FROM --platform=linux/amd64 alpine
      FROM --platform=linux/x86_64 alpine AS build-amd64
      FROM --platform=linux/arm64 alpine AS build-x86
      FROM --platform=windows/amd64 alpine AS windows-base
      FROM --platform=linux alpine AS linux-tools
      FROM --platform=$BUILDPLATFORM alpine AS tools

      """
    #expect(flagged(text, rule: "BL4007") == ["linux/amd64", "linux/arm64"])
  }

  @Test func platformValuesAreNormalised() {
    #expect(PlatformFlag("linux/aarch64")?.architecture == "arm64")
    #expect(PlatformFlag("windows")?.os == "windows")
    #expect(PlatformFlag("arm64")?.os == "linux")
    #expect(PlatformFlag("linux/$ARCH") == nil)
    #expect(PlatformFlag("a/b/c/d") == nil)
  }
}
