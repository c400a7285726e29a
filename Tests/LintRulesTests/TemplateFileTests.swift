import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintRules
import Testing

@Suite struct TemplateFileTests {
  @Test func aJinjaTemplateIsReportedOnceWithTheErrorTheBuildStopsAt() throws {
    var text = "FROM {{ base_image }}\n"
    for index in 0..<30 {
      text += "{% if feature_\(index) %}\nRUN apt-get install -y pkg\(index)\n{% endif %}\n"
    }
    let result = BuiltinRules.linter.lint(
      SourceFile(path: "Dockerfile", text: text), configuration: Configuration())
    // `FROM {{ base_image }}` has three words and no `AS`: BuildKit stops there.
    #expect(result.findings.map(\.ruleID) == ["BL0090", "BL0001"])
    #expect(result.findings.last?.range == SourceRange(start: 8, end: 18))
    let finding = try #require(result.findings.first)
    #expect(finding.range == SourceRange(start: 5, end: 7))
    #expect(finding.message.contains("`{{` here and on 61 lines in all"))
  }

  @Test func aGoTemplateIsATemplate() {
    let text = "{{ range .Images }}\nFROM {{ .Name }}\n{{ end }}\n"
    #expect(ruleIDs(text) == ["BL0001", "BL0090"])
  }

  @Test func bracesInValuesAreNoTemplate() {
    let text = "FROM alpine:3.20\nENV GREETING=\"{{ hello }}\"\nRUN echo '{% raw %}'\n"
    #expect(!ruleIDs(text).contains("BL0090"))
  }
}
