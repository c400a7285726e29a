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
