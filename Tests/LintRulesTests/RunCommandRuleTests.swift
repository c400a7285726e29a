import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintRules
import Testing

/// The hadolint RUN rules: where they report, where hadolint is wrong, and their fixes.
@Suite struct RunCommandRuleTests {
  func lines(_ text: String, _ rule: String) -> [Int] {
    let file = SourceFile(path: "Dockerfile", text: text)
    return findings(text, rule: rule).map { file.location(of: $0.range.start).line }
  }

  func fixed(_ text: String, _ rule: String, unsafe: Bool = false) -> String {
    let outcome = Fixer(
      linter: BuiltinRules.linter, options: FixOptions(includeUnsafe: unsafe, rules: [rule])
    ).fix(SourceFile(path: "Dockerfile", text: text), configuration: .enabling(rule))
    return String(decoding: outcome.fixed.bytes, as: UTF8.self)
  }

  @Test func pipefailIsNeededWhereAPipeCanHideAFailure() {
    let text = """
      FROM debian:12
      RUN curl -fsSL https://x/y.tgz | tar -xz
      RUN echo "abc  f" | sha256sum -c -
      RUN set -o pipefail && curl -fsSL https://x | sh
      RUN curl https://x | grep foo; echo done
      RUN curl https://x | grep foo || true
      RUN bash -o pipefail -c 'curl x | tar x'
      RUN bash -c 'curl x | tar x'
      RUN v=$(curl -s x | head -n1) && echo "$v"
      FROM mcr.microsoft.com/windows/servercore:ltsc2022
      RUN type a | findstr b
      FROM debian:12 AS b
      SHELL ["/bin/bash", "-o", "pipefail", "-c"]
      RUN curl x | tar x
      FROM b
      RUN curl x | tar x
      FROM debian:12
      SHELL ["/bin/dash", "-c"]
      RUN curl x | tar x
      """
    #expect(lines(text, "BL4085") == [2, 8, 9])
    // One finding per RUN, at the first pipe that hides a failure.
    #expect(lines("FROM debian:12\nRUN echo a | b && curl x | tar x && c | d\n", "BL4085") == [2])
    let finding = findings("FROM debian:12\nRUN echo a | b && curl x | tar x\n", rule: "BL4085")
    #expect(finding.first?.range.start == 40)
  }

  @Test func pipefailFixInsertsAShellWhereTheShellExists() {
    #expect(
      fixed(
        "FROM debian:12\n# fetch\nRUN curl x | tar x\nRUN curl y | sh\n", "BL4085", unsafe: true)
        == "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n# fetch\n"
        + "RUN curl x | tar x\nRUN curl y | sh\n")
    #expect(
      fixed("from alpine:3\n  run wget -qO- x | tar x\n", "BL4085", unsafe: true)
        == "from alpine:3\n  shell [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\n  run wget -qO- x | tar x\n"
    )
    // The shell must be there: unknown images get no fix, nor do SHELLs with other options.
    let unknown = "FROM myorg/base:1\nRUN curl x | tar x\n"
    #expect(fixed(unknown, "BL4085", unsafe: true) == unknown)
    let installed = "FROM myorg/base:1\nRUN apt-get install -y bash\nRUN curl x | tar x\n"
    #expect(fixed(installed, "BL4085", unsafe: true).contains("SHELL [\"/bin/bash\""))
    let custom = "FROM debian:12\nSHELL [\"/bin/bash\", \"-x\", \"-c\"]\nRUN curl x | tar x\n"
    #expect(fixed(custom, "BL4085", unsafe: true) == custom)
    // Unsafe: `--fix` alone leaves it.
    #expect(
      fixed("FROM debian:12\nRUN curl x | tar x\n", "BL4085")
        == "FROM debian:12\nRUN curl x | tar x\n")
  }

  @Test func installWithoutYes() {
    let text = """
      FROM debian:12
      RUN apt-get install curl
      RUN apt-get -qq install curl
      RUN yes | apt-get install curl
      RUN apt-get update
      RUN apt-get remove curl
      RUN microdnf install python3
      RUN zypper -n install curl && zypper install curl
      RUN apt-get install $OPTS curl
      """
    #expect(lines(text, "BL4086") == [2, 6, 8])
    #expect(
      fixed("FROM debian:12\nRUN apt-get install --no-install-recommends curl\n", "BL4086")
        == "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n")
  }

  @Test func aptFixOnlyWhereApttGetIsTheSame() {
    #expect(
      lines("FROM ubuntu:24.04\nRUN apt update && apt upgrade -y && apt list\n", "BL5078") == [
        2, 2, 2,
      ])
    #expect(
      fixed("FROM ubuntu:24.04\nRUN apt update && apt upgrade -y && apt install -y x\n", "BL5078")
        == "FROM ubuntu:24.04\nRUN apt-get update && apt upgrade -y && apt-get install -y x\n")
    #expect(lines("FROM ubuntu:24.04\nRUN apt-get update && apt-cache show x\n", "BL5078").isEmpty)
  }

  @Test func wgetProgressOnGNUWgetOnly() {
    let text = """
      FROM debian:12
      RUN wget https://x/f
      RUN wget -q https://x/f
      RUN wget $WGET_OPTS https://x/f
      RUN wget "$URL"
      FROM alpine:3
      RUN wget https://x/f
      RUN apk add --no-cache wget && wget https://x/f
      """
    #expect(lines(text, "BL5077") == [2, 5, 8])
    #expect(
      fixed("FROM debian:12\nRUN wget -O f https://x/f\n", "BL5077")
        == "FROM debian:12\nRUN wget --progress=dot:giga -O f https://x/f\n")
    // Unknown images may have BusyBox wget: reported, not fixed.
    let unknown = "FROM myorg/base:1\nRUN wget -O f https://x/f\n"
    #expect(lines(unknown, "BL5077") == [2])
    #expect(fixed(unknown, "BL5077") == unknown)
  }

  @Test func useraddHighUIDs() {
    let text = """
      FROM debian:12
      ARG BIG=2000000
      ARG SMALL=1000
      RUN useradd -u 1000001 app
      RUN useradd -l -u 1000001 app
      RUN useradd --uid=$BIG app
      RUN useradd -u $SMALL app
      RUN useradd -u $UNKNOWN app
      RUN useradd -u 34000 app
      """
    #expect(lines(text, "BL1040") == [4, 6])
    #expect(
      fixed("FROM debian:12\nRUN useradd -m -u 1000001 app\n", "BL1040")
        == "FROM debian:12\nRUN useradd -l -m -u 1000001 app\n")
  }

  @Test func consecutiveRunsKeptApartOnPurpose() {
    let text = """
      FROM debian:12
      RUN a
      RUN b
      RUN c && d && e
      RUN f

      RUN g
      # why
      RUN h
      RUN --network=none i
      RUN <<EOF
      j
      EOF
      RUN k

      RUN l
      # hadolint ignore=DL3008
      RUN m
      """
    #expect(lines(text, "BL2001") == [3, 18])
  }

  @Test func cdThatWorkdirCanReplace() {
    let text = """
      FROM debian:12
      ENV APP=/srv/app
      RUN cd /app && make
      RUN mkdir -p /data && cd /data && touch x
      RUN git clone https://x/repo.git /src && cd /src && make
      RUN cd /tmp/build && make
      RUN cd / && ls
      RUN (cd /app && make)
      RUN cd $APP && make
      RUN cd /opt/x && make && rm -rf /opt/x
      RUN apt-get update && cd /var/www && composer install
      RUN cd /u01 && jar xf /u01/kit.jar && rm /u01/kit.jar
      RUN cd /opt/y && make && rm -rf /opt/y/*
      """
    // Removing a file from the folder (Oracle's installers) leaves it in use: still reported;
    // emptying it or deleting it is what WORKDIR would not do.
    #expect(lines(text, "BL5075") == [3, 4, 9, 11, 12])
  }

  @Test func curlAndWgetInOneStage() {
    let text = """
      FROM debian:12
      RUN curl -o a https://x/a
      RUN wget https://x/b
      RUN curl -o c https://x/c
      FROM debian:12
      RUN wget https://x/d
      """
    #expect(lines(text, "BL5076") == [3, 4])
  }

  @Test func curlAndWgetFirstFindingNamesEveryEarlierDownload() {
    let text = """
      FROM debian:12
      RUN wget https://x/a
      RUN wget https://x/b
      RUN curl -o c https://x/c
      RUN wget https://x/d
      """
    #expect(lines(text, "BL5076") == [4, 5])
    let found = findings(text, rule: "BL5076")
    let source = SourceFile(path: "Dockerfile", text: text)
    #expect(found[0].related.map { source.location(of: $0.range.start).line } == [2, 3])
    #expect(found[1].related.isEmpty)
  }

  @Test func pointlessCommands() {
    let text = """
      FROM debian:12
      RUN service nginx start
      RUN service postgresql start && psql -f x && service postgresql stop
      RUN ps aux
      RUN ps aux | grep x
      RUN vim +PlugInstall +qall
      RUN vim /etc/x
      RUN shutdown -h now
      RUN kill 1
      RUN mount
      RUN mount -t tmpfs none /mnt
      """
    #expect(lines(text, "BL5079") == [2, 4, 7, 8, 10])
  }

  @Test func zypperDistUpgrade() {
    #expect(lines("FROM opensuse/leap:15.6\nRUN zypper -n dup\n", "BL4087") == [2])
    #expect(lines("FROM opensuse/tumbleweed\nRUN zypper -n dup\n", "BL4087").isEmpty)
    #expect(lines("FROM debian:12\nRUN apt-get dist-upgrade -y\n", "BL4087").isEmpty)
  }
}
