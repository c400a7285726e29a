import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintRules
import Testing

/// Cases of the security rules too detailed for their pages.
@Suite struct SecurityRuleTests {
  static func messages(_ rule: String, _ text: String, path: String = "Dockerfile") -> [String] {
    var configuration = Configuration.enabling(rule)
    configuration.selected = [rule]
    return BuiltinRules.linter.lint(
      SourceFile(path: path, text: text), configuration: configuration
    )
    .findings.filter { $0.ruleID == rule }.map(\.message)
  }

  @Test(arguments: [
    // Base images that declare a user, or step down in their entrypoint.
    ("FROM bitnami/redis:7.2\n", 0),
    ("FROM docker.io/bitnami/postgresql:16\n", 0),
    ("FROM bitnami/minideb:bookworm\n", 1),
    ("FROM gcr.io/distroless/base-debian12:debug-nonroot\n", 0),
    ("FROM gcr.io/distroless/base-debian12:debug\n", 1),
    ("FROM cgr.dev/chainguard/python:latest\n", 0),
    ("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n", 0),
    ("FROM quay.io/keycloak/keycloak:24.0\n", 0),
    ("FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n", 0),
    ("FROM postgres:16\nENTRYPOINT [\"/run.sh\"]\n", 1),
    ("FROM lscr.io/linuxserver/nginx:latest\n", 0),
    ("FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\n", 0),
    // USER values.
    ("FROM alpine:3.20\nUSER 0:0\n", 1),
    ("FROM alpine:3.20\nUSER root:app\n", 1),
    ("FROM alpine:3.20\nUSER 1000:0\n", 0),
    ("FROM alpine:3.20\nARG U\nUSER $U\n", 0),
    ("FROM alpine:3.20\nENV U=app\nUSER ${U:-root}\n", 0),
    ("FROM alpine:3.20\nUSER app\nFROM alpine:3.20\nCOPY --from=0 /x /x\n", 1),
    ("FROM alpine:3.20 AS base\nUSER app\nFROM base\nUSER root\nFROM base\n", 0),
    ("FROM alpine:3.20 AS base\nUSER root\nFROM base AS final\nUSER app\n", 0),
    ("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerAdministrator\n", 1),
    // Privileges dropped at start.
    ("FROM alpine:3.20\nRUN apk add --no-cache su-exec\nENTRYPOINT [\"/entrypoint.sh\"]\n", 0),
    ("FROM debian:12\nCMD [\"setpriv\", \"--reuid=1000\", \"--init-groups\", \"/app\"]\n", 0),
    ("FROM debian:12\nCMD exec gosu app /app\n", 0),
  ])
  func finalImageRunsAsRoot(_ text: String, _ expected: Int) {
    #expect(Self.messages("BL3020", text).count == expected, "\(text)")
  }

  @Test func rootMessagesSayWhatIsKnown() {
    #expect(
      Self.messages("BL3020", "FROM myorg/base:1\n")
        == [
          "no USER in the final image: the container runs as root unless `myorg/base:1` sets a user"
        ])
    #expect(
      Self.messages("BL3020", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n")
        == [
          "no USER in the final image: `mcr.microsoft.com/windows/servercore:ltsc2022` runs as "
            + "ContainerAdministrator by default, so the container does too"
        ])
    #expect(
      Self.messages("BL3020", "FROM alpine:3.20 AS base\nUSER root\nFROM base\n")
        == [
          "`USER root` of stage `base`, which the final image builds on, is the last USER of "
            + "the final image: the container runs as root"
        ])
    // Dev containers set their user in devcontainer.json.
    #expect(Self.messages("BL3020", "FROM alpine:3.20\n", path: ".devcontainer/Dockerfile").isEmpty)
  }

  @Test(arguments: [
    ("FROM a\nEXPOSE 22\n", 1), ("FROM a\nEXPOSE 2222 80\n", 0), ("FROM a\nEXPOSE 20-30/udp\n", 1),
    ("FROM a\nEXPOSE 22\nFROM b\nEXPOSE 80\n", 0), ("FROM a\nARG P\nEXPOSE $P\n", 0),
  ])
  func sshPortExposed(_ text: String, _ expected: Int) {
    #expect(Self.messages("BL3022", text).count == expected, "\(text)")
  }

  @Test(arguments: [
    ("FROM a\nCMD [\"/usr/sbin/sshd\", \"-D\", \"-e\"]\n", 1),
    ("FROM a\nCMD [\"sh\", \"-c\", \"/etc/init.d/ssh start && exec app\"]\n", 1),
    ("FROM a\nENTRYPOINT rc-service sshd restart; exec app\n", 1),
    ("FROM a\nCMD [\"ssh\", \"-N\", \"tunnel@host\"]\n", 0),
    ("FROM a\nRUN service ssh start\nCMD [\"app\"]\n", 0),
  ])
  func sshServerStarted(_ text: String, _ expected: Int) {
    #expect(Self.messages("BL3023", text).count == expected, "\(text)")
  }

  @Test(arguments: [
    ("FROM a\nWORKDIR /proc\n", 1), ("FROM a\nWORKDIR /process\n", 0),
    ("FROM a\nARG D=/sys/x\nWORKDIR $D\n", 1), ("FROM a\nWORKDIR /dev\nCOPY x ../etc/\n", 1),
    ("FROM a\nCOPY x /lost+found/x\n", 1), ("FROM a\nCOPY x /devices/\n", 0),
  ])
  func systemFolderTarget(_ text: String, _ expected: Int) {
    #expect(Self.messages("BL3024", text).count == expected, "\(text)")
  }

  @Test(arguments: [
    ("FROM a\nADD https://x.example/f.tgz /f\n", 1),
    ("FROM a\nADD --checksum=sha256:abc https://x.example/f.tgz /f\n", 0),
    ("FROM a\nADD https://github.com/moby/buildkit.git#v0.13.0 /src\n", 0),
    ("FROM a\nARG U=http://x.example/f\nADD $U /f\n", 1),
    ("FROM a\nADD local.tgz /f\n", 0),
  ])
  func remoteAddWithoutChecksum(_ text: String, _ expected: Int) {
    #expect(Self.messages("BL3031", text).count == expected, "\(text)")
  }

  @Test func plainHTTPIsCalledOut() {
    #expect(
      Self.messages("BL3031", "FROM a\nADD http://x.example/f /f\n").first?.contains("plain HTTP")
        == true)
  }
}
