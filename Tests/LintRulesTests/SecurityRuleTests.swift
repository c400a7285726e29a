import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintFormatters
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

  @Test func emptySecretEnvSaysSo() {
    #expect(
      Self.messages("BL3001", "FROM a\nENV OPENAI_API_KEY=\"\" DB_PASSWORD=x\n")
        == [
          "ENV `OPENAI_API_KEY` looks like a secret: it is empty here, but a value it is given in "
            + "the Dockerfile or from a build argument is stored in the image for anyone who "
            + "pulls it",
          "ENV `DB_PASSWORD` looks like a secret: its value is stored in the image for anyone "
            + "who pulls it",
        ])
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
    // Windows images named by their tag run as ContainerAdministrator too.
    #expect(
      Self.messages("BL3020", "FROM openjdk:8-windowsservercore\n")
        == [
          "no USER in the final image: `openjdk:8-windowsservercore` runs as "
            + "ContainerAdministrator by default, so the container does too"
        ])
    #expect(
      Self.messages("BL3020", "FROM myorg/base:ltsc2022\n")
        == [
          "no USER in the final image: the container runs as ContainerAdministrator unless "
            + "`myorg/base:ltsc2022` sets a user"
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
    ("FROM a\nADD https://github.com/mvdan/sh.git?ref=v3.8.0&keep-git-dir=1 /src\n", 0),
    ("FROM a\nADD https://x.example/f.tgz?git=1 /f\n", 1),
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

/// Checkov's and Trivy's inline ignores silence the rules that record their check ids.
@Suite struct PeerPragmaTests {
  static func rules(_ text: String) -> [String] {
    BuiltinRules.linter.lint(
      SourceFile(path: "Dockerfile", text: text), configuration: Configuration()
    )
    .findings.map(\.ruleID).filter { $0.hasPrefix("BL302") }
  }

  @Test func checkovSkipCoversTheWholeFile() {
    #expect(Self.rules("FROM alpine:3.20\nEXPOSE 22\n") == ["BL3020", "BL3022"])
    #expect(
      Self.rules("FROM alpine:3.20\n# checkov:skip=CKV_DOCKER_3:steps down in run.sh\nEXPOSE 22\n")
        == ["BL3022"])
    #expect(
      Self.rules("FROM alpine:3.20\nEXPOSE 22\n# bridgecrew:skip=CKV_DOCKER_1\n") == ["BL3020"])
    #expect(
      Self.rules("# note: checkov:skip=CKV_DOCKER_3,CKV_DOCKER_1\nFROM alpine:3.20\nEXPOSE 22\n")
        .isEmpty)
    // Another check's id, and a malformed skip, silence nothing.
    #expect(
      Self.rules(
        "# checkov:skip=CKV_DOCKER_2\n# checkov:skip CKV_DOCKER_1\nFROM alpine:3.20\nEXPOSE 22\n")
        == ["BL3020", "BL3022"])
  }

  @Test func trivyIgnoreCoversTheNextInstruction() {
    let text = """
      FROM alpine:3.20
      USER 65534
      # trivy:ignore:DS-0004
      EXPOSE 22
      # ssh for the tunnel, trivy:ignore:AVD-DS-0004
      EXPOSE 22/tcp
      #trivy:ignore:DS004:exp:2030-01-01
      EXPOSE 22/udp
      EXPOSE 22

      """
    let findings = BuiltinRules.linter.lint(
      SourceFile(path: "Dockerfile", text: text), configuration: Configuration()
    ).findings.filter { $0.ruleID == "BL3022" }
    #expect(findings.count == 1)
    #expect(
      findings.first.map { SourceFile(path: "", text: text).location(of: $0.range.start).line } == 9
    )
  }
}

/// The shell-model security rules, case by case.
@Suite struct ShellSecurityRuleTests {
  static func count(_ rule: String, _ text: String) -> Int {
    SecurityRuleTests.messages(rule, "FROM debian:12\n" + text + "\n").count
  }

  @Test(arguments: [
    ("RUN curl -fsSLk https://x/a -o a", 1), ("RUN curl -fsSL https://x/kit.tgz -o kit.tgz", 0),
    ("RUN sudo wget --no-check-certificate https://x/a", 1),
    ("RUN git -c http.sslVerify=false clone https://x/r", 1),
    ("RUN git -c http.sslVerify=true clone https://x/r", 0),
    ("RUN git config --global http.https://x.sslverify false", 1),
    ("RUN python3 -m pip install --trusted-host x.example y", 1),
    ("RUN npm config set strict-ssl false", 1), ("RUN npm config set strict-ssl true", 0),
    ("RUN yarn config set strict-ssl false", 1),
    ("RUN dnf --setopt=sslverify=0 install -y x", 1),
    ("RUN apt-get -o Acquire::https::Verify-Peer=false update", 1),
    ("RUN GIT_SSL_NO_VERIFY=1 git clone https://x/r", 1),
    ("RUN export NODE_TLS_REJECT_UNAUTHORIZED=0 && node x.js", 1),
    ("ARG PYTHONHTTPSVERIFY=0", 1), ("ARG PYTHONHTTPSVERIFY=1", 0),
    ("ENV GIT_SSL_NO_VERIFY=true\nFROM alpine:3.20", 1),
    ("ENV GIT_SSL_NO_VERIFY=true", 0),
    ("RUN echo 'curl -k is documented here'", 0),
  ])
  func tlsVerificationDisabled(_ text: String, _ expected: Int) {
    #expect(Self.count("BL3040", text) == expected, "\(text)")
  }

  @Test(arguments: [
    ("ENV NODE_TLS_REJECT_UNAUTHORIZED=0", 1), ("ENV NODE_TLS_REJECT_UNAUTHORIZED=1", 0),
    ("ENV PIP_TRUSTED_HOST=pypi.internal", 1), ("ARG V=0\nENV PYTHONHTTPSVERIFY=$V", 1),
    ("ENV GIT_SSL_NO_VERIFY=true\nFROM alpine:3.20", 0),
  ])
  func tlsVerificationDisabledAtRuntime(_ text: String, _ expected: Int) {
    #expect(Self.count("BL3041", text) == expected, "\(text)")
  }

  @Test(arguments: [
    ("RUN apt-get install -y --allow-unauthenticated x", 1),
    ("RUN apt-get install -y --force-yes x", 1),
    ("RUN apk add --allow-untrusted /tmp/pkgs/x.apk", 0),
    ("RUN wget -q https://x/x.apk && apk add --allow-untrusted x.apk", 1),
    // The downloaded name and the installed one hold the same ENV value.
    ("ENV V=2\nRUN wget https://x/$V/g-$V.apk && apk add --allow-untrusted g-${V}.apk", 1),
    ("ENV V=2\nRUN wget -O /tmp/g-$V.apk https://x/g && apk add --allow-untrusted /tmp/g-2.apk", 1),
    ("ENV V=2\nRUN wget https://x/g-${V}.apk && apk add --allow-untrusted /tmp/p/o-${V}.apk", 0),
    ("RUN yum install -y --nogpgcheck x", 1), ("RUN rpm -ivh --nosignature https://x/x.rpm", 1),
    ("RUN rpm -ivh --nosignature ./x.rpm", 0),
    ("RUN printf '[r]\\nbaseurl=http://x\\ngpgcheck=0\\n' > /etc/yum.repos.d/r.repo", 1),
    ("RUN sed -i 's/gpgcheck=1/gpgcheck=0/' /etc/yum.repos.d/x.repo", 1),
    ("RUN echo 'repo_gpgcheck=0' >> /etc/yum.conf", 1), ("RUN echo 'gpgcheck=1' > x.repo", 0),
    ("RUN echo \"deb [arch=amd64 trusted=yes] http://x/ ./\" > /etc/apt/sources.list", 1),
    // nginx's local repository of the packages it just built: no mirror can replace them.
    ("RUN echo \"deb [ trusted=yes ] file://$tempDir ./\" > /etc/apt/sources.list.d/t.list", 0),
    // Indexing local packages installs nothing.
    ("RUN apk index --allow-untrusted -o /tmp/p/APKINDEX.tar.gz /tmp/p/*.apk", 0),
    ("RUN apk --allow-untrusted add --no-cache nginx", 1),
    ("RUN <<EOF\ncat > /etc/yum.repos.d/x.repo <<REPO\n[x]\ngpgcheck=0\nREPO\nEOF", 1),
    ("ENV GOSUMDB=off", 1),
  ])
  func packageSignatureCheckDisabled(_ text: String, _ expected: Int) {
    #expect(Self.count("BL3042", text) == expected, "\(text)")
  }

  @Test(arguments: [
    ("RUN curl -fsSL https://x/i.sh | sh", 1),
    ("RUN curl -fsSL https://x/i.sh | sudo -E bash -", 1),
    ("RUN wget -qO- https://x/i.sh | bash -s -- --yes", 1),
    ("RUN curl -s https://x/api | python3 -c 'import json,sys; print(json.load(sys.stdin))'", 0),
    ("RUN curl -s https://x/p | python3 -", 1), ("RUN sh -c \"$(curl -fsSL https://x/i.sh)\"", 1),
    ("RUN eval \"$(curl -fsSL https://x/env)\"", 1),
    ("RUN curl -fsSL https://x/k | gpg --import", 0),
    ("RUN bash -c 'curl -fsSL https://x/i.sh | bash'", 1),
    ("RUN curl -o /tmp/i.sh https://x/i.sh && sh /tmp/i.sh", 0),
  ])
  func remoteScriptExecuted(_ text: String, _ expected: Int) {
    #expect(Self.count("BL3030", text) == expected, "\(text)")
  }

  @Test(arguments: [
    ("RUN curl -fsSL https://x/t.tgz | tar xz -C /opt", 1),
    ("RUN curl -fsSLo /tmp/t.tgz https://x/t.tgz && tar -xzf /tmp/t.tgz", 1),
    (
      "RUN curl -fsSLO https://x/t.tgz && echo \"$SUM  t.tgz\" | sha256sum -c - && tar xzf t.tgz", 0
    ),
    (
      "RUN curl -fsSLO https://x/t.tgz && [ \"$(sha256sum t.tgz | cut -d' ' -f1)\" = \"$S\" ] && tar xzf t.tgz",
      0
    ),
    ("RUN wget https://x/t.deb && dpkg -i t.deb", 1),
    ("RUN wget https://x/t.deb https://x/t.deb.asc && gpg --verify t.deb.asc && dpkg -i t.deb", 0),
    ("RUN curl -fsSLo /usr/local/bin/k https://x/k && chmod +x /usr/local/bin/k", 1),
    ("RUN curl -fsSLo /etc/apt/keyrings/k.asc https://x/k.asc", 0),
    ("RUN wget -O x.sh https://x/x.sh && bash x.sh", 1),
    ("RUN curl -fsSL https://x/a.json -o a.json && jq . a.json", 0),
  ])
  func downloadNotVerified(_ text: String, _ expected: Int) {
    #expect(Self.count("BL3032", text) == expected, "\(text)")
  }

  @Test(arguments: [
    ("RUN echo 'root:Docker!' | chpasswd", 1), ("RUN echo \"app:$PW\" | chpasswd", 0),
    ("ARG PW\nRUN echo \"app:$PW\" | chpasswd", 1),
    ("RUN --mount=type=secret,id=pw chpasswd < /run/secrets/pw", 0),
    ("RUN echo 'root:*' | chpasswd -e", 0), ("RUN echo s3cret | passwd --stdin app", 1),
    ("RUN useradd -p '$6$abc$def' app", 1), ("RUN useradd -m app", 0),
    ("RUN useradd -p \"$(openssl passwd -1 hunter2)\" app", 1),
  ])
  func passwordSetInDockerfile(_ text: String, _ expected: Int) {
    #expect(Self.count("BL3021", text) == expected, "\(text)")
  }

  @Test func accountPasswordsAreMasked() {
    let result = BuiltinRules.linter.lint(
      SourceFile(
        path: "Dockerfile", text: "FROM debian:12\nRUN echo 'root:Sup3rS3cret' | chpasswd\n"),
      configuration: Configuration())
    let report = LintReport(files: [result], catalog: BuiltinRules.linter.catalog, toolVersion: "t")
    for format in OutputFormat.allCases {
      #expect(!format.render(report).contains("Sup3rS3cret"), "\(format)")
    }
    #expect(result.findings.contains { $0.ruleID == "BL3021" })
    #expect(!result.findings.contains { $0.ruleID == "BL3050" })
  }

  @Test(arguments: [
    ("RUN chmod -R 777 /app", 1), ("RUN chmod 1777 /shared", 0), ("RUN chmod 777 /tmp/x", 0),
    ("RUN chmod -R a+rwX /opt/app", 1), ("RUN chmod g+w,o-w /app", 0), ("RUN chmod +w /app", 0),
    ("RUN chmod 0664 /app/x", 0), ("RUN chmod o=rwx /app", 1),
    ("COPY --chmod=777 x /app/x", 1), ("COPY --chmod=755 x /app/x", 0),
    ("RUN chmod 777 /app\nFROM alpine:3.20", 0),
    // A build folder the same RUN deletes never ships (nginx's `mktemp -d` folder).
    ("RUN d=\"$(mktemp -d)\" && chmod 777 \"$d\" && make -C \"$d\" && rm -rf \"$d\"", 0),
    ("RUN chmod 777 /build && rm -rf /build/cache", 1),
    // couchdb: the symlink is removed first, then the folder is made and opened up.
    ("RUN rm /opt/db/data && mkdir -p /opt/db/data && chmod 777 /opt/db/data", 1),
  ])
  func worldWritablePermissions(_ text: String, _ expected: Int) {
    #expect(Self.count("BL3025", text) == expected, "\(text)")
  }
}

/// Files with credentials, and whole-context copies the ignore file does not guard.
@Suite struct SecretFileTests {
  @Test(arguments: [
    ("COPY .env .", 1), ("COPY .env.example .env.example", 0), ("COPY .env.production ./", 1),
    ("COPY id_rsa /root/.ssh/", 1), ("COPY id_rsa.pub /root/.ssh/", 0),
    ("COPY nodesource-repo.gpg.key /etc/apt/keyrings/", 0), ("COPY server.key /etc/tls/", 1),
    ("COPY cert-chain.pem dh.pem /etc/tls/", 0), ("COPY private-key.pem /etc/tls/", 1),
    ("COPY .ssh/config /root/.ssh/config", 0),
    ("COPY config/.docker/config.json /root/.docker/", 1),
    ("COPY sa.json $GOOGLE_APPLICATION_CREDENTIALS", 1),
    ("COPY .env .\nFROM alpine:3.20", 0),
  ])
  func secretFileCopied(_ text: String, _ expected: Int) {
    #expect(
      SecurityRuleTests.messages("BL3051", "FROM alpine:3.20\n" + text + "\n").count == expected,
      "\(text)")
  }

  static func contextCopy(_ ignore: [String]?, known: Bool = true) -> [String] {
    var configuration = Configuration.enabling("BL3052")
    configuration.selected = ["BL3052"]
    let context = known ? BuildContext(dockerignore: ignore) : BuildContext()
    return BuiltinRules.linter.lint(
      SourceFile(path: "Dockerfile", text: "FROM alpine:3.20\nCOPY . /app\nUSER 65534\n"),
      configuration: configuration, context: context
    ).findings.map(\.message)
  }

  @Test func wholeContextCopyNeedsAnIgnoreFile() {
    #expect(Self.contextCopy(nil, known: false).isEmpty)
    #expect(
      Self.contextCopy(nil).first?.contains(
        "there is no .dockerignore to exclude `.git` and `.env`") == true)
    #expect(Self.contextCopy([".git"]).first?.contains("does not exclude `.env`") == true)
    #expect(Self.contextCopy([".git", ".env*"]).isEmpty)
    #expect(Self.contextCopy(["**/.git", ".env", "!.env.example"]).isEmpty)
    #expect(Self.contextCopy(["*"]).isEmpty)
  }
}

@Suite struct SudoTests {
  @Test(arguments: [
    ("RUN sudo apt-get update", 1),
    ("RUN sudo -E bash -c 'make && sudo make install'", 2),
    ("RUN sudo sh -c 'apt-get update && apt-get install -y curl'", 1),
    ("RUN echo x | xargs sudo rm -f", 1),
    ("RUN env A=1 sudo make", 1),
    ("RUN sudo -v", 1),
    ("RUN <<EOF\nset -e\nsudo make install\nEOF", 1),
    ("RUN [\"sudo\", \"make\"]", 1),
    ("CMD sudo nginx -g 'daemon off;'", 1),
    ("RUN apt-get install -y sudo && which sudo", 0),
    ("RUN echo 'app ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/app", 0),
    ("RUN echo sudo make install", 0),
    ("RUN $SUDO make install", 0),
  ])
  func sudoCommands(_ text: String, _ expected: Int) {
    #expect(ShellSecurityRuleTests.count("BL3026", text) == expected, "\(text)")
  }

  @Test func messagesNameTheUserTheRunRunsAs() {
    let rule = "BL3026"
    let root = SecurityRuleTests.messages(rule, "FROM debian:12\nRUN sudo make\n")
    #expect(root.first?.contains("the RUN runs as root, the default user of `debian:12`") == true)
    let unknown = SecurityRuleTests.messages(rule, "FROM example/base:1\nRUN sudo make\n")
    #expect(unknown.first?.contains("root unless `example/base:1` sets another") == true)
    let user = SecurityRuleTests.messages(
      rule, "FROM debian:12 AS base\nARG U=app\nUSER $U\nFROM base\nRUN sudo make\n")
    #expect(user.first?.contains("the RUN runs as `app` (`USER $U`, line 3)") == true)
    let switching = SecurityRuleTests.messages(
      rule, "FROM debian:12\nUSER root\nRUN sudo -u postgres psql -c 'select 1'\n")
    #expect(
      switching.first?.contains(
        "already runs as root (`USER root`, line 2), so `USER postgres` or `runuser -u "
          + "postgres --` switch user") == true)
  }
}
