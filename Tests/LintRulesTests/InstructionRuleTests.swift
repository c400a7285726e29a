import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintRules
import Testing

/// The text each finding of `rule` points at.
func flagged(_ text: String, rule: String) -> [String] {
  let bytes = Array(text.utf8)
  return findings(text, rule: rule).map {
    String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self)
  }
}

/// `text` with the fixes of `rule`'s findings applied (edits from the end, so offsets hold).
func applyingFixes(_ text: String, rule: String) -> String {
  var bytes = Array(text.utf8)
  let edits = findings(text, rule: rule).compactMap(\.fix).flatMap(\.edits)
    .sorted { $0.range.start > $1.range.start }
  for edit in edits {
    bytes.replaceSubrange(edit.range.start..<edit.range.end, with: Array(edit.replacement.utf8))
  }
  return String(decoding: bytes, as: UTF8.self)
}

@Suite struct SecretNameTests {
  @Test(arguments: [
    ("GITHUB_TOKEN", true), ("api_key", true), ("AUTH", true), ("DB_PassWord", true),
    ("AWS_ACCESS_KEY_ID", true), ("secret_MESSAGE", true), ("KEYS", false),
    ("MONKEY", false), ("PUBLIC_KEY", false), ("PASSWORD_FILE", false),
    ("COMMIT_TOKEN", true), ("TOKEN_VERSION", false), ("TIKTOKEN_ENCODING", false),
    ("USERNAME", false),
  ])
  func buildkitWords(_ name: String, _ secret: Bool) {
    let verdict = SecretNames.verdict(name)
    #expect((verdict == .secret) == secret, "\(name): \(verdict)")
  }

  @Test(arguments: [
    "GPG_KEY", "SWIFT_SIGNING_KEY", "NODE_PGP_KEY", "KEY_DIR", "SA_PASSWORD_PATH",
    "OPENVPN_PASSWORD_SECRETFILE", "PG_AUTH_MON_COMMIT",
  ])
  func publicOrIndirectNamesAreNotSecrets(_ name: String) {
    guard case .notSecret = SecretNames.verdict(name) else {
      Issue.record("\(name) should not count as a secret")
      return
    }
  }

  @Test func onlyStageInstructionsAndEveryName() {
    let text = """
      ARG GLOBAL_TOKEN
      FROM alpine:3.20
      ARG NPM_TOKEN=x OTHER=1
      ENV A=1 DB_PASSWORD=secret
      ONBUILD ENV LATER_SECRET=1
      """
    #expect(flagged(text, rule: "BL3001") == ["NPM_TOKEN", "DB_PASSWORD"])
  }
}

@Suite struct ExposeTests {
  @Test func partsFollowBuildKitsSplit() {
    let port = ExposedPort("127.0.0.1:8080:80/TCP")
    #expect(port.ip?.text == "127.0.0.1" && port.hostPort?.text == "8080")
    #expect(port.containerPort.text == "80" && port.proto?.text == "TCP")
    #expect(port.problem == nil && port.mapping?.text == "127.0.0.1:8080:")
    #expect(ExposedPort("[::1]:80:80").problem == nil)
  }

  @Test(arguments: [
    "65536", "80/tpc", "abc", "9000-8000", "/tcp", "300.1.1.1:80:80", "80-82:90-91", "-1",
  ])
  func invalidPortsFailTheBuild(_ spec: String) {
    #expect(ExposedPort(spec).problem != nil, "\(spec)")
  }

  @Test(arguments: ["0", "65535", "8000-9000", "80/udp", "80/SCTP", "+80", "80-80", "1-5:8000"])
  func validPorts(_ spec: String) {
    #expect(ExposedPort(spec).problem == nil, "\(spec)")
  }

  @Test func variablesAreExpandedAndMayHoldSeveralPorts() {
    let text = """
      FROM alpine:3.20
      ARG PORTS="80 70000"
      EXPOSE $PORTS ${UNKNOWN}
      """
    #expect(
      findings(text, rule: "BL0040").map(\.message) == [
        "EXPOSE `$PORTS` is invalid: `70000` is out of range: ports go from 0 to 65535"
      ])
  }

  @Test func fixesKeepTheRestOfTheWord() {
    let text = "FROM alpine:3.20\nEXPOSE 0.0.0.0:8080:80/UDP\n"
    #expect(applyingFixes(text, rule: "BL4046") == "FROM alpine:3.20\nEXPOSE 80/UDP\n")
    #expect(applyingFixes(text, rule: "BL5033") == "FROM alpine:3.20\nEXPOSE 0.0.0.0:8080:80/udp\n")
  }
}

@Suite struct LegacyKeyValueTests {
  @Test(arguments: [
    ("ENV A b", "ENV A=b"),
    ("ENV A hello world", "ENV A=\"hello world\""),
    ("ENV A \"hello world\"", "ENV A=\"hello world\""),
    ("ENV A hello\\ world", "ENV A=hello\\ world"),
    ("ENV A B=C", "ENV A=B=C"),
    ("LABEL version 1.0", "LABEL version=1.0"),
    ("ENV A \"x y\" z", "ENV A \"x y\" z"),
    ("ENV A it's", "ENV A=it's"),
  ])
  func fixKeepsTheValue(_ line: String, _ fixed: String) {
    #expect(applyingFixes("FROM alpine\n\(line)\n", rule: "BL5031") == "FROM alpine\n\(fixed)\n")
  }

  @Test func continuationLinesKeepTheirBreak() {
    let text = "FROM alpine\nENV A one \\\n  two\n"
    #expect(applyingFixes(text, rule: "BL5031") == "FROM alpine\nENV A=\"one \\\n  two\"\n")
  }
}

@Suite struct InstructionCasingTests {
  @Test func majorityDecidesAndTiesGoUpper() {
    #expect(flagged("from a\nrun b\nRUN c\n", rule: "BL5030") == ["RUN"])
    #expect(flagged("FROM a\nrun b\n", rule: "BL5030") == ["run"])
    #expect(flagged("FROM a\nRun b\nrun c\n", rule: "BL5030") == ["Run", "run"])
    #expect(flagged("FROM a\nONBUILD run b\n", rule: "BL5030") == ["run"])
  }

  @Test func fixUsesTheMajorityCase() {
    #expect(applyingFixes("from a\nRUN b\nrun c\n", rule: "BL5030") == "from a\nrun b\nrun c\n")
  }
}

@Suite struct StartupCommandTests {
  @Test func shellSetByAnEarlierStageCounts() {
    let text = """
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base
      SHELL ["powershell", "-Command"]
      FROM base
      CMD Write-Host hi
      """
    #expect(findings(text, rule: "BL4040").isEmpty)
  }

  @Test func aShellAfterTheCommandDoesNotCount() {
    let text = "FROM alpine\nCMD run me\nSHELL [\"pwsh\", \"-c\"]\n"
    #expect(flagged(text, rule: "BL4040") == ["run me"])
  }

  @Test func execEndingTheScriptIsFine() {
    for command in ["exec node app.js", "cd /app && exec ./server --port 80"] {
      #expect(findings("FROM node\nCMD \(command)\n", rule: "BL4040").isEmpty, "\(command)")
    }
    for command in ["exec node app.js | tee log", "exec 3>&1; node app.js"] {
      #expect(!findings("FROM node\nCMD \(command)\n", rule: "BL4040").isEmpty, "\(command)")
    }
  }

  @Test func fixSafetyFollowsTheOtherInstruction() throws {
    let cases: [(String, Fix.Safety?)] = [
      ("FROM alpine\nCMD app --serve\n", .safe),
      ("FROM alpine\nENTRYPOINT [\"tini\", \"--\"]\nCMD app --serve\n", .unsafe),
      ("FROM alpine\nCMD app --serve\nENTRYPOINT [\"tini\", \"--\"]\n", .unsafe),
      ("FROM alpine\nENTRYPOINT app --serve\n", .safe),
      ("FROM alpine\nENTRYPOINT app --serve\nCMD [\"--debug\"]\n", .unsafe),
      ("FROM alpine\nCMD app \"$HOME\"\n", nil),
      ("FROM alpine\nCMD A=1 app\n", nil),
    ]
    for (text, safety) in cases {
      let found = try #require(findings(text, rule: "BL4040").first, "\(text)")
      #expect(found.fix?.safety == safety, "\(text)")
    }
    #expect(
      applyingFixes("FROM alpine\nCMD app --port=80\n", rule: "BL4040")
        == "FROM alpine\nCMD [\"app\", \"--port=80\"]\n")
  }

  @Test func healthchecksOfPlainWordsOnly() throws {
    let text = """
      FROM alpine
      HEALTHCHECK --interval=5s \\
        CMD /app/check.sh --quiet
      HEALTHCHECK CMD curl -f http://localhost/ || exit 1
      HEALTHCHECK CMD "$APP_HOME/check"
      HEALTHCHECK CMD exec /app/check
      HEALTHCHECK CMD ["/app/check"]
      HEALTHCHECK NONE
      HEALTHCHECK CONNECT tcp 7000
      HEALTHCHECK CMD a b
      """
    #expect(flagged(text, rule: "BL4040") == ["/app/check.sh --quiet", "a b"])
    let found = try #require(findings(text, rule: "BL4040").first)
    #expect(found.fix?.safety == .safe)
    #expect(
      applyingFixes("FROM alpine\nHEALTHCHECK CMD node check.js\n", rule: "BL4040")
        == "FROM alpine\nHEALTHCHECK CMD [\"node\", \"check.js\"]\n")
    // Under a PowerShell SHELL the shell form is meant, for probes too.
    #expect(
      findings(
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nHEALTHCHECK CMD ping localhost\n",
        rule: "BL4040"
      ).isEmpty)
  }
}

@Suite struct StageScopedInstructionTests {
  @Test func overriddenInstructionsPerStage() {
    let text = """
      FROM alpine AS a
      CMD ["one"]
      ENTRYPOINT ["x"]
      CMD ["two"]
      HEALTHCHECK NONE
      HEALTHCHECK CMD ["true"]
      FROM a
      CMD ["three"]
      """
    #expect(
      findings(text, rule: "BL4041").map(\.message) == [
        "this CMD has no effect: the CMD on line 4 of the same stage replaces it",
        "this HEALTHCHECK has no effect: the HEALTHCHECK on line 6 of the same stage replaces it",
      ])
    #expect(
      applyingFixes("FROM a\nCMD [\"x\"]\nCMD [\"y\"]\n", rule: "BL4041") == "FROM a\nCMD [\"y\"]\n"
    )
  }

  @Test func workdirOfTheBaseStageCarriesOver() {
    let text = """
      FROM alpine AS base
      WORKDIR /srv
      FROM base
      WORKDIR app
      COPY x .
      FROM alpine
      ARG DIR=opt
      WORKDIR $DIR
      WORKDIR later
      FROM alpine
      WORKDIR $FROM_BASE_IMAGE
      WORKDIR C:\\app
      """
    #expect(flagged(text, rule: "BL4042") == ["$DIR"])
  }

  @Test func relativeWorkdirAfterAnAbsoluteOneNamesItsPath() {
    let text = """
      FROM alpine AS base
      WORKDIR /srv
      FROM base
      WORKDIR app/../web/
      COPY x .
      FROM alpine
      ARG DIR=opt
      WORKDIR $DIR
      WORKDIR later
      FROM alpine
      ARG ROOT=/opt
      WORKDIR $ROOT
      WORKDIR tool
      WORKDIR /abs
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      WORKDIR C:\\app
      WORKDIR bin
      """
    // `later` follows a relative WORKDIR (BL4042's): its path is the base image's to decide.
    let found = findings(text, rule: "BL5080")
    #expect(flagged(text, rule: "BL5080") == ["app/../web/", "tool"])
    #expect(
      found.map(\.message) == [
        "WORKDIR `app/../web/` is relative to the WORKDIR of line 2: it is `/srv/web`",
        "WORKDIR `tool` is relative to the WORKDIR of line 12: it is `/opt/tool`",
      ])
    // A variable in the chain may take another value with --build-arg: no fix then.
    #expect(found.map { $0.fix != nil } == [true, false])
    #expect(
      applyingFixes("FROM a\nWORKDIR /srv\nWORKDIR app\n", rule: "BL5080")
        == "FROM a\nWORKDIR /srv\nWORKDIR /srv/app\n")
  }

  @Test func relativeCopyDestinations() {
    let text = """
      FROM alpine AS base
      COPY a .
      ADD b c/
      COPY d /abs/
      WORKDIR /w
      COPY e .
      FROM base
      COPY f .
      FROM scratch
      COPY --from=base /w/e $UNKNOWN
      """
    #expect(flagged(text, rule: "BL4045") == [".", "c/"])
  }

  @Test func copyDestinationsThatAreNotFolders() {
    let text = """
      FROM alpine
      COPY a b /dir
      COPY a b ./
      COPY a b .
      COPY ["a", "b", "/json"]
      COPY a /file
      COPY <<EOF <<EOG /two
      x
      EOF
      y
      EOG
      """
    #expect(flagged(text, rule: "BL4044") == ["/dir", "\"/json\"", "/two"])
  }
}

@Suite struct UserAndShellTests {
  @Test func onlyTheUserTheImageRunsAsCounts() {
    let text = """
      FROM alpine AS build
      USER builder
      FROM alpine
      USER app
      USER app:app
      """
    #expect(flagged(text, rule: "BL4049") == ["app"])
    #expect(findings("FROM alpine\nUSER app\nUSER 1000:app\n", rule: "BL4049").isEmpty)
    #expect(findings("FROM alpine\nUSER root\n", rule: "BL4049").isEmpty)
    #expect(findings("FROM alpine\nUSER $APP_UID\n", rule: "BL4049").isEmpty)
    #expect(flagged("FROM alpine\nARG NAME=svc\nUSER ${NAME}\n", rule: "BL4049") == ["${NAME}"])
    #expect(
      findings("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER someone\n", rule: "BL4049")
        .isEmpty)
  }

  @Test func forcedLinksOverTheShell() {
    #expect(flagged("FROM a\nRUN ln -sf bash /bin/sh\n", rule: "BL4048") == ["/bin/sh"])
    #expect(flagged("FROM a\nRUN ln -s -f /usr/bin/zsh /usr/bin/sh\n", rule: "BL4048").count == 1)
    #expect(findings("FROM a\nRUN ln -s /busybox/sh /bin/sh\n", rule: "BL4048").isEmpty)
    #expect(findings("FROM a\nRUN ln -sf /bin/sh /usr/local/bin/sh2\n", rule: "BL4048").isEmpty)
  }

  @Test func labelKeys() {
    #expect(
      flagged(
        "FROM a\nLABEL ok.key=1 Bad=1 org.dockerproject.x=1 a..b=1 x-=1 under_score/ok=1\n",
        rule: "BL5034") == ["Bad", "org.dockerproject.x", "a..b", "x-"])
  }

  @Test func healthcheckOfTheFinalImageOnly() {
    let text = "FROM alpine AS base\nHEALTHCHECK NONE\nFROM base\nFROM alpine\n"
    #expect(findings(text, rule: "BL4047").map { $0.range.start } == [text.utf8.count - 12])
    #expect(findings("FROM alpine AS base\nHEALTHCHECK NONE\nFROM base\n", rule: "BL4047").isEmpty)
  }

  @Test func descriptionComments() {
    let text = """
      # base is the runtime
      FROM alpine AS Base
      # hadolint ignore=DL3006
      FROM alpine AS other
      # VERSION
      # not it
      ARG VERSION
      #
      ARG B
      # A or B
      ARG A B
      RUN true \\
        # inside a continuation
        && true
      ARG C
      """
    #expect(flagged(text, rule: "BL5032") == ["# not it"])
  }
}

@Suite struct StageReferenceAndEnvRuleTests {
  @Test func envReferencesOnlyCountNamesSetNowhereBefore() {
    // Its own name, a name set before in the stage or a base stage: silent.
    #expect(flagged("FROM alpine:3.20\nENV PATH=$PATH:/x A=1\n", rule: "BL4051").isEmpty)
    #expect(flagged("FROM alpine:3.20\nARG A\nENV A=1 B=$A\n", rule: "BL4051").isEmpty)
    #expect(
      flagged("FROM alpine:3.20 AS base\nENV A=0\nFROM base\nENV A=1 B=$A\n", rule: "BL4051")
        .isEmpty)
    // A later pair and braces count; a longer name does not.
    #expect(flagged("FROM alpine:3.20\nENV B=${A}x A=1\n", rule: "BL4051") == ["${A}"])
    #expect(flagged("FROM alpine:3.20\nENV A=1 B=$AB\n", rule: "BL4051").isEmpty)
    // A global ARG is not seen by the stage unless declared in it.
    #expect(flagged("ARG A=0\nFROM alpine:3.20\nENV A=1 B=$A\n", rule: "BL4051") == ["$A"])
  }

  @Test func stageReferences() {
    let text = """
      FROM alpine:3.20 AS Build
      RUN --mount=from=final,target=/x true
      FROM alpine:3.20 AS final
      COPY --from=build /a /a
      COPY --from=0 /a /a
      COPY --from=1 /a /a
      COPY --from=2 /a /a
      COPY --from=$SRC /a /a
      COPY --from=nginx:1.27 /a /a
      COPY --from=ghcr.io/acme/tools /a /a
      COPY --from=buidl /a /a

      """
    #expect(flagged(text, rule: "BL0041") == ["from=final,target=/x", "1", "2"])
    #expect(flagged(text, rule: "BL4050") == ["ghcr.io/acme/tools", "buidl"])
  }
}

@Suite struct AddInsteadOfCopyTests {
  @Test(arguments: [
    ("ADD app.jar /opt/", 1), ("ADD https://x.example/app.jar /opt/", 0), ("ADD kit.tgz /opt/", 0),
    // Variables are read with the values the file gives them.
    ("ENV JAR=fmw_12.2.1.4.0_soa.jar\nADD $JAR /u01/", 1),
    ("ARG MODEL=\"tacotron.json\"\nADD \"${MODEL}\" /models/", 1),
    ("ARG URL=https://github.com/x/releases/download/v1/tool\nADD $URL /usr/local/bin/tool", 0),
    ("ENV PKG=server-jre-8u112-windows-x64.tar.gz\nADD $PKG /", 0),
    // No known value: it may be a URL or an archive.
    ("ARG BUILDDIR\nADD ${BUILDDIR}/etcd /usr/local/bin/", 0),
  ])
  func variablesAreReadBeforeDeciding(_ text: String, _ expected: Int) {
    let found = SecurityRuleTests.messages("BL5001", "FROM alpine:3.20\n" + text + "\n")
    #expect(found.count == expected, "\(text)")
  }
}
