import DockerfileSemantics
import DockerfileSyntax
import LintEngine
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
