import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintFormatters
import LintRules
import Testing

/// Secrets found by value, and never shown: not in messages, code frames or any format.
@Suite struct SecretTests {
  static func analyzed(_ text: String) -> AnalyzedDockerfile {
    AnalyzedDockerfile(DockerfileParser.parse(SourceFile(path: "Dockerfile", text: text)))
  }

  static func kinds(_ text: String) -> [String] {
    analyzed(text).secrets.map(\.kind)
  }

  // Bodies made up for the tests: right alphabet and length, no issuer's checksum.
  static let github = "ghp_" + "Zx8Kq2Lm4Np6Rs8Tv0Wy2Ab4Cd6Ef8Gh0Ij2"
  static let aws = "AKIA" + "Z7Q2W9E4R6T8Y1U3"
  static let keyBody = String(repeating: "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn", count: 4)

  @Test func eachFormatIsFound() {
    #expect(Self.kinds("FROM a\nENV T=\(Self.github)\n") == ["GitHub token"])
    #expect(Self.kinds("FROM a\nARG K=\(Self.aws)\n") == ["AWS access key id"])
    #expect(
      Self.kinds("FROM a\nLABEL k=\"xoxb-1234567890-abcdefghijklmnopQR\"\n") == ["Slack bot token"])
    #expect(
      Self.kinds("FROM a\nRUN git clone https://ci:p4ss-W0rd@git.example.com/r.git\n")
        == ["Password in a URL"])
    #expect(
      Self.kinds(
        "FROM a\nRUN <<EOF\ncat > /k <<KEY\n-----BEGIN RSA PRIVATE KEY-----\n\(Self.keyBody)\n"
          + "-----END RSA PRIVATE KEY-----\nKEY\nEOF\n") == ["RSA private key"])
  }

  @Test func lookalikesAreNot() {
    // AWS's documentation key, a too-long run, a token inside a word, variables and
    // placeholders as URL passwords, a key marker without key material.
    #expect(Self.kinds("FROM a\nENV K=AKIAIOSFODNN7EXAMPLE\n").isEmpty)
    #expect(Self.kinds("FROM a\nENV K=AKIAZ7Q2W9E4R6T8Y1U3ABCD\n").isEmpty)
    #expect(Self.kinds("FROM a\nENV K=xghp_Zx8Kq2Lm4Np6Rs8Tv0Wy2Ab4Cd6Ef8Gh0Ij2\n").isEmpty)
    #expect(Self.kinds("FROM a\nRUN git clone https://ci:$TOKEN@git.example.com/r.git\n").isEmpty)
    #expect(Self.kinds("FROM a\nRUN git clone https://ci:${TOKEN}@github.com/r.git\n").isEmpty)
    #expect(Self.kinds("FROM a\nENV U=postgres://postgres:postgres@db/app\n").isEmpty)
    #expect(Self.kinds("FROM a\nENV U=https://user:password@proxy:3128\n").isEmpty)
    #expect(Self.kinds("FROM a\nENV U=https://<user>:<password>@proxy:3128\n").isEmpty)
    #expect(Self.kinds("FROM a\nRUN grep -q 'BEGIN RSA PRIVATE KEY' /k\n").isEmpty)
    #expect(Self.kinds("FROM a\nRUN test \"-----BEGIN PRIVATE KEY-----\" = x\n").isEmpty)
  }

  @Test func aValueSplitOverLinesIsFoundWhole() throws {
    let text = "FROM a\nENV T=\(Self.github.prefix(20))\\\n\(Self.github.dropFirst(20))\n"
    let secret = try #require(Self.analyzed(text).secrets.first)
    #expect(secret.kind == "GitHub token")
    let source = SourceFile(path: "Dockerfile", text: text)
    #expect(source.location(of: secret.range.start).line == 2)
    #expect(source.location(of: secret.range.end).line == 3)
  }

  static let leaky = """
    FROM alpine:3.20
    ARG GH=\(github)
    ADD https://deploy:Qw3rty-Zx8@files.example.com/tool.tar.gz /opt/
    ENV K=\(aws[..<aws.index(aws.startIndex, offsetBy: 10)])\\
    \(aws[aws.index(aws.startIndex, offsetBy: 10)...])
    RUN echo "-----BEGIN OPENSSH PRIVATE KEY-----\\n\(keyBody)\\n-----END OPENSSH PRIVATE KEY-----" > /k
    """ + "\n"

  @Test func noOutputFormatShowsASecret() {
    let result = BuiltinRules.linter.lint(
      SourceFile(path: "Dockerfile", text: Self.leaky), configuration: Configuration())
    #expect(result.findings.filter { $0.ruleID == "BL3050" }.count == 4)
    // BL3031 reports the same ADD line, and quotes its URL.
    #expect(result.findings.contains { $0.ruleID == "BL3031" })
    let report = LintReport(files: [result], catalog: BuiltinRules.linter.catalog, toolVersion: "t")
    let parts = [
      String(Self.github.dropFirst(4)), "Qw3rty-Zx8", String(Self.aws.dropFirst(4)),
      String(Self.aws.dropFirst(10)), String(Self.keyBody.prefix(24)),
    ]
    for format in OutputFormat.allCases {
      let output = format.render(report)
      for part in parts {
        #expect(!output.contains(part), "\(format) output shows a secret")
      }
    }
    let text = OutputFormat.text.render(report)
    #expect(text.contains("ghp_****"))
    #expect(text.contains("https://deploy:****@files.example.com"))
  }

  @Test func aFixThatWouldQuoteTheSecretIsNotShown() {
    let source = SourceFile(path: "Dockerfile", text: "FROM a\nENV T \(Self.github)\n")
    let secret = Self.analyzed(source.text(SourceRange(start: 0, end: source.bytes.count)))
      .secrets[0]
    let fix = Fix(
      title: "use the = form",
      edits: [Fix.Edit(range: secret.range, replacement: "T=" + Self.github)], safety: .safe)
    let finding = Finding(
      ruleID: "BL5001", severity: .warning, message: "m", range: secret.range, fix: fix)
    let result = FileResult(source: source, findings: [finding], redactions: [secret.hidden])
    #expect(result.findings[0].fix != nil)
    #expect(result.displayFindings[0].fix == nil)
    #expect(!String(decoding: result.displaySource.bytes, as: UTF8.self).contains(Self.github))
  }
}
