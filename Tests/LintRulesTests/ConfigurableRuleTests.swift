import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintRules
import Testing

/// Reports the trusted registries it was handed, once per file.
private struct RegistryEchoRule: ConfigurableRule {
  static let descriptor = RuleDescriptor(
    id: "BL4999", name: "registry-echo", severity: .info, summary: "test rule")
  var registries: [String] = []

  func configured(by configuration: Configuration) -> Self {
    Self(registries: configuration.trustedRegistries)
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    findings.append(finding(SourceRange(start: 0, end: 0), registries.joined(separator: ",")))
  }
}

@Suite struct ConfigurableRuleTests {
  @Test func eachLintSeesItsOwnConfiguration() {
    let linter = Linter(rules: [RegistryEchoRule()])
    let source = SourceFile(path: "Dockerfile", text: "FROM alpine:3.20\n")
    var configuration = Configuration()
    #expect(linter.lint(source, configuration: configuration).findings.map(\.message) == [""])
    configuration.trustedRegistries = ["ghcr.io", "*.example.com"]
    #expect(
      linter.lint(source, configuration: configuration).findings.map(\.message)
        == ["ghcr.io,*.example.com"])
    #expect(
      linter.lint(source, configuration: Configuration()).findings.map(\.message) == [""])
  }
}

/// BL3002's registry forms, one FROM at a time.
@Suite struct TrustedRegistryFormTests {
  static func reported(_ image: String, trusting registries: [String]) -> Bool {
    var configuration = Configuration()
    configuration.trustedRegistries = registries
    let text = "FROM \(image)\nUSER 10001\n"
    return LintRules.BuiltinRules.linter.lint(
      SourceFile(path: "Dockerfile", text: text), configuration: configuration
    ).findings.contains { $0.ruleID == "BL3002" }
  }

  @Test(arguments: [
    ("alpine:3.20", ["docker.io"], false), ("alpine:3.20", ["hub.docker.com"], false),
    ("docker.io/library/alpine:3.20", ["docker.io"], false),
    ("alpine:3.20", ["ghcr.io"], true), ("scratch", ["ghcr.io"], false),
    ("ghcr.io/acme/api:1", ["ghcr.io"], false), ("ghcr.io/acme/api:1", ["GHCR.io"], false),
    ("ghcr.io/acme/api:1", ["ghcr.io/acme"], false),
    ("ghcr.io/other/api:1", ["ghcr.io/acme"], true),
    ("ghcr.io/acmeco/api:1", ["ghcr.io/acme"], true),
    ("registry.acme.example/base:1", ["*.acme.example"], false),
    ("acme.example/base:1", ["*.acme.example"], true),
    ("quay.io/x/y:1", ["quay*"], false), ("quay.io/x/y:1", ["*"], false),
    ("gcr.io/x/y:1", ["quay*", "*.acme.example"], true),
    ("localhost:5000/app:1", ["localhost:5000"], false),
  ])
  func form(image: String, registries: [String], expected: Bool) {
    #expect(Self.reported(image, trusting: registries) == expected, "\(image) with \(registries)")
  }

  @Test func nothingIsCheckedWithoutTrustedRegistries() {
    #expect(!Self.reported("quay.io/x/y:1", trusting: []))
  }
}

/// BL5036-BL5038 (hadolint's label-schema rules): silent without a schema, and the cases the
/// pages do not show.
@Suite struct LabelSchemaRuleTests {
  static func findings(
    _ text: String, schema: [String: LabelFormat], strict: Bool = false
  ) -> [String] {
    var configuration = Configuration()
    configuration.labelSchema = schema
    configuration.strictLabels = strict
    return LintRules.BuiltinRules.linter.lint(
      SourceFile(path: "Dockerfile", text: text), configuration: configuration
    ).findings.filter { ["BL5036", "BL5037", "BL5038"].contains($0.ruleID) }
      .map { "\($0.ruleID) \($0.message)" }
  }

  @Test func nothingIsCheckedWithoutASchema() {
    #expect(Self.findings("FROM alpine:3.20\nLABEL version=\"\" x=1\n", schema: [:]).isEmpty)
  }

  @Test func strictWithoutASchemaReportsEveryLabel() {
    #expect(
      Self.findings("FROM alpine:3.20\nLABEL a=1\n", schema: [:], strict: true)
        == ["BL5038 label `a` is not in the label schema, which is empty"])
  }

  @Test func onlyTheBuiltImageNeedsTheLabels() {
    // The build stage has no label: only copied from, it is not part of the image.
    let text = """
      FROM golang:1.22 AS build
      RUN go build -o /app .
      FROM alpine:3.20
      LABEL org.opencontainers.image.source=https://github.com/acme/app
      COPY --from=build /app /app

      """
    #expect(Self.findings(text, schema: ["org.opencontainers.image.source": .url]).isEmpty)
    #expect(
      Self.findings(
        text + "FROM alpine:3.20 AS last\n", schema: ["org.opencontainers.image.source": .url])
        == [
          "BL5036 no LABEL of the final stage `last` or the stages it is built on sets the "
            + "required label `org.opencontainers.image.source` (url)"
        ])
  }

  @Test func variablesAreExpandedOrLeftAlone() {
    let schema: [String: LabelFormat] = ["version": .semver]
    #expect(
      Self.findings("FROM alpine:3.20\nARG V=1.2\nLABEL version=$V\n", schema: schema)
        == ["BL5037 label `version` is `1.2`, which is not a semantic version (`1.2.3`)"])
    #expect(Self.findings("FROM alpine:3.20\nARG V\nLABEL version=$V\n", schema: schema).isEmpty)
    // A key ballast cannot expand may be the required one.
    #expect(Self.findings("FROM alpine:3.20\nARG K\nLABEL $K=1.2.3\n", schema: schema).isEmpty)
  }
}
