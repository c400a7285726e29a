import DockerfileSemantics
import DockerfileSyntax
import Testing

@Suite struct ShellReaderTests {
  func script(_ dockerfile: String) -> (AnalyzedDockerfile, ShellScript) {
    let file = analyze(dockerfile)
    let position = file.instructions.lastIndex { $0.kind == .run }!
    return (file, file.scripts[position]!)
  }

  @Test func commandsSeparatorsAndRanges() {
    let (file, shell) = script(
      "FROM a\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl; rm -rf /var/lib/apt/lists/* | tee x\n"
    )
    #expect(shell.commands.map(\.program) == ["apt-get", "apt-get", "rm", "tee"])
    #expect(shell.commands.map(\.separator) == [nil, "&&", ";", "|"])
    #expect(
      shell.commands[1].argumentValues == ["install", "-y", "--no-install-recommends", "curl"])
    #expect(
      file.source.text(shell.commands[1].range) == "apt-get install -y --no-install-recommends curl"
    )
    #expect(file.source.text(shell.commands[1].arguments[3].range) == "curl")
    #expect(span(shell.commands[1].arguments[3].range, in: file) == "3:48-3:52")
    #expect(shell.isFullyParsed)
  }

  @Test func quotesAssignmentsAndRedirections() {
    let (_, shell) = script(
      "FROM a\nRUN CGO_ENABLED=0 GOOS=linux go build -o \"/out/my app\" . > /log 2>&1 && echo '$HOME' \"$HOME\"\n"
    )
    let build = shell.commands[0]
    #expect(build.program == "go")
    #expect(build.assignment("CGO_ENABLED") == "0")
    #expect(build.argumentValues == ["build", "-o", "/out/my app", "."])
    #expect(build.redirections.map(\.value) == ["/log", "1"])
    let echo = shell.commands[1]
    #expect(echo.arguments.map(\.isLiteral) == [true, false])
    #expect(echo.argumentValues == ["$HOME", "$HOME"])
  }

  @Test func shellDashCIsUnwrapped() {
    let (_, shell) = script(
      "FROM a\nRUN [\"/bin/sh\", \"-c\", \"apk add curl && rm -rf /var/cache/apk/*\"]\n")
    #expect(shell.commands.map(\.program) == ["sh", "apk", "rm"])
    #expect(shell.commands[1].nesting == 1)
    let (_, nested) = script("FROM a\nRUN bash -ec 'pip install flask'\n")
    #expect(nested.commands.map(\.program) == ["bash", "pip"])
  }

  @Test func controlStructuresAndSubstitutions() {
    let (_, shell) = script(
      "FROM a\nRUN set -eux; if [ -f x ]; then apt-get update; fi; for p in a b; do pip install $p; done; echo $(uname -m)\n"
    )
    #expect(shell.commands.map(\.program) == ["set", "[", "apt-get", "pip", "echo"])
    #expect(shell.commands.last?.argumentValues == ["$(uname -m)"])
    let (_, broken) = script("FROM a\nRUN echo 'unterminated\n")
    #expect(!broken.isFullyParsed)
  }

  @Test func caseArmsAreReadAndTheirPatternsAreNot() {
    let (file, shell) = script(
      """
      FROM a
      RUN arch="$(uname -m)"; case "$arch" in \\
            x86_64 | amd64) curl -fsSL https://x/a | tar -xz ;; \\
            (aarch64) apt-get install -y b; \\
              case "$v" in 1) echo one ;; esac ;; \\
            *) echo unknown; exit 1 ;; \\
          esac; \\
          rm -rf /tmp/x

      """)
    #expect(
      shell.commands.map(\.program) == ["", "curl", "tar", "apt-get", "echo", "echo", "exit", "rm"])
    // Inside the arms, one level deeper (two in the nested case); after esac, back at 0.
    #expect(shell.commands.map(\.depth) == [0, 1, 1, 1, 2, 1, 1, 0])
    // `x86_64 | amd64)` is a pattern, not a pipe; `curl … | tar` is one.
    #expect(shell.commands.map(\.separator) == [nil, ";", "|", ";", ";", ";", ";", ";"])
    #expect(file.source.text(shell.commands[3].range) == "apt-get install -y b")
    // Every arm's commands are known, as an `if`'s branches are.
    #expect(shell.isFullyParsed)
  }

  @Test func lastArmNeedsNoDoubleSemicolon() {
    let (_, shell) = script(
      "FROM a\nRUN <<EOF\ncase $x in a) echo a;; *) echo b\nesac\necho after\nEOF\n")
    #expect(shell.commands.map(\.program) == ["echo", "echo", "echo"])
    #expect(shell.commands.map(\.depth) == [1, 1, 0])
    #expect(shell.commands.map { $0.argumentValues } == [["a"], ["b"], ["after"]])
  }

  @Test func escapedQuoteInsideAQuotedSubstitution() {
    // redmine's `puma="$(grep -E "[:'\"]puma" Gemfile)"`: the `\"` does not end the inner
    // string, so the substitution ends at its own `)` and the commands after it are seen.
    let (_, shell) = script(
      "FROM a\nRUN puma=\"$(grep -E \"[:'\\\"]puma\" Gemfile)\"; curl -fsSL x | tar -xz\n")
    #expect(shell.commands.map(\.program) == ["", "curl", "tar"])
    #expect(
      shell.commands[0].assignments.first?.value == "puma=$(grep -E \"[:'\\\"]puma\" Gemfile)")
    #expect(shell.isFullyParsed)
  }

  @Test func heredocScripts() {
    let (file, shell) = script("FROM a\nRUN <<EOF\nset -e\napk add --no-cache curl\nEOF\n")
    #expect(shell.commands.map(\.program) == ["set", "apk"])
    #expect(span(shell.commands[1].range, in: file) == "4:1-4:24")
    let (_, data) = script("FROM a\nRUN cat <<EOF > /etc/motd\napk add x\nEOF\n")
    #expect(data.commands.map(\.program) == ["cat"])
  }
}
