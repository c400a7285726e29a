import DockerfileSyntax
import LintEngine
import LintRules
import Testing

/// BuildKit's `# check=` directive, for the rules with a BuildKit equivalent.
@Suite struct BuildKitCheckDirectiveTests {
  static let body = "FROM alpine:3.20 as build\nADD app.conf /etc/app.conf\nCMD app\n"

  /// (rule, severity) of the findings of BL5005 (FromAsCasing), BL4040 (JSONArgsRecommended)
  /// and BL5001 (no BuildKit equivalent).
  static func lint(_ text: String) -> [String] {
    var configuration = Configuration()
    configuration.selected = ["BL5005", "BL4040", "BL5001"]
    return BuiltinRules.linter.lint(
      SourceFile(path: "Dockerfile", text: text), configuration: configuration
    ).findings.map { "\($0.ruleID) \($0.severity)" }
  }

  @Test func withoutTheDirective() {
    #expect(Self.lint(Self.body) == ["BL5005 style", "BL5001 warning", "BL4040 warning"])
  }

  @Test func skipNamesBuildKitChecks() {
    #expect(
      Self.lint("# check=skip=JSONArgsRecommended, FromAsCasing\n" + Self.body) == [
        "BL5001 warning"
      ])
    // BuildKit compares names with their case.
    #expect(Self.lint("# check=skip=jsonargsrecommended\n" + Self.body).count == 3)
  }

  @Test func skipAllLeavesRulesWithoutABuildKitEquivalent() {
    #expect(Self.lint("# check=skip=all\n" + Self.body) == ["BL5001 warning"])
  }

  @Test func errorTrueMakesTheirFindingsErrors() {
    #expect(
      Self.lint("# check=skip=FromAsCasing;error=true\n" + Self.body) == [
        "BL5001 warning", "BL4040 error",
      ])
  }

  @Test func onlyAtTheTopOfTheFile() {
    #expect(Self.lint("# a comment\n# check=skip=all\n" + Self.body).count == 3)
    #expect(Self.lint("FROM alpine:3.20\n# check=skip=all\nCMD app\n") == ["BL4040 warning"])
  }
}
