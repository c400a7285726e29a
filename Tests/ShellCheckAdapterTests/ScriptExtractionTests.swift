import DockerfileSemantics
import DockerfileSyntax
import Testing

@testable import ShellCheckAdapter

/// What ShellCheck is given for each RUN, and how its positions come back to the Dockerfile.
/// None of these needs the shellcheck program: ShellCheck's positions are written by hand.
@Suite struct ScriptExtractionTests {
  static func scripts(_ text: String) -> (source: [UInt8], scripts: [ShellCheckScript]) {
    let source = SourceFile(path: "Dockerfile", bytes: Array(text.utf8))
    let file = AnalyzedDockerfile(DockerfileParser.parse(source))
    return (source.bytes, ShellCheckScripts.scripts(in: file))
  }

  /// The 1-based ShellCheck line and column (characters) of the first `needle` in `script`'s
  /// text, as ShellCheck would name it.
  static func position(of needle: String, in script: ShellCheckScript) throws -> (Int, Int) {
    let text = String(decoding: script.text, as: UTF8.self)
    let range = try #require(text.range(of: needle))
    let before = text[..<range.lowerBound]
    let line = before.filter { $0 == "\n" }.count + 1
    let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
    return (line, text[lineStart..<range.lowerBound].unicodeScalars.count + 1)
  }

  /// The Dockerfile text ballast marks for `needle` as ShellCheck would name it.
  static func marked(_ needle: String, in script: ShellCheckScript, source: [UInt8]) throws
    -> String
  {
    let (line, column) = try position(of: needle, in: script)
    let range = try #require(
      script.sourceRange(
        line: line, column: column, endLine: line,
        endColumn: column + needle.unicodeScalars.count))
    return String(decoding: source[range.start..<range.end], as: UTF8.self)
  }

  @Test func continuationLinesAreJoinedAndPositionsComeBack() throws {
    let (source, scripts) = Self.scripts(
      "FROM debian:12\nRUN apt-get update && \\\n    echo é $x \\\n  && \\\n\t$y done\n")
    let script = try #require(scripts.first)
    #expect(scripts.count == 1)
    #expect(script.dialect == "sh")
    #expect(String(decoding: script.body, as: UTF8.self).contains("\n") == false)
    #expect(try Self.marked("$x", in: script, source: source) == "$x")
    let (line, column) = try Self.position(of: "$y", in: script)
    let range = try #require(
      script.sourceRange(line: line, column: column, endLine: line, endColumn: column + 2))
    let location = SourceFile(path: "Dockerfile", bytes: source).location(of: range.start)
    #expect(location.line == 5)
    #expect(location.column == 2)
  }

  @Test func theEscapeDirectiveIsFollowed() throws {
    let (source, scripts) = Self.scripts(
      "# escape=`\nFROM alpine:3\nRUN echo a `\n    $b\n")
    let script = try #require(scripts.first)
    #expect(try Self.marked("$b", in: script, source: source) == "$b")
  }

  @Test func aHeredocFedToACommandFollowsItAsTheShellReadsIt() throws {
    let (source, scripts) = Self.scripts(
      "FROM alpine:3\nRUN cat <<EOF > /etc/app.conf\nname=$NAME\nport=$port\nEOF\n")
    let script = try #require(scripts.first)
    #expect(
      String(decoding: script.body, as: UTF8.self)
        == "cat <<EOF > /etc/app.conf\nname=$NAME\nport=$port\nEOF")
    #expect(try Self.marked("$port", in: script, source: source) == "$port")
  }

  @Test func aHeredocThatIsTheScriptIsCheckedInItsShebangsDialect() throws {
    let (source, scripts) = Self.scripts(
      "FROM alpine:3\nRUN <<EOF\n#!/usr/bin/env bash\nset -e\n[[ -n $v ]] && echo $v\nEOF\n"
        + "RUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n"
        + "RUN bash -e <<EOF\necho $w\nEOF\n")
    #expect(scripts.count == 2, "the python heredoc is not a shell script")
    #expect(scripts[0].dialect == "bash")
    #expect(String(decoding: scripts[0].body, as: UTF8.self) == "set -e\n[[ -n $v ]] && echo $v\n")
    #expect(try Self.marked("$v ]]", in: scripts[0], source: source) == "$v ]]")
    #expect(scripts[1].dialect == "bash")
    #expect(try Self.marked("$w", in: scripts[1], source: source) == "$w")
  }

  @Test func execFormShellStringsAreMappedThroughJSONEscapes() throws {
    let (source, scripts) = Self.scripts(
      #"FROM alpine:3\#nRUN ["/bin/bash", "-ec", "echo \"a\" \u00e9 $z"]\#nRUN ["echo", "$q"]\#n"#)
    #expect(scripts.count == 1, "exec form without a shell runs no script")
    let script = try #require(scripts.first)
    #expect(script.dialect == "bash")
    #expect(String(decoding: script.body, as: UTF8.self) == "echo \"a\" é $z")
    #expect(try Self.marked("$z", in: script, source: source) == "$z")
    #expect(try Self.marked("\"a\"", in: script, source: source) == #"\"a\"#)
  }

  @Test func theShellComesFromSHELLAndCarriesThroughFromStage() {
    let (_, scripts) = Self.scripts(
      """
      FROM debian:12 AS base
      SHELL ["/bin/bash", "-o", "pipefail", "-c"]
      RUN echo one
      FROM base AS next
      RUN echo two
      FROM debian:12
      RUN echo three
      SHELL ["pwsh", "-Command"]
      RUN Write-Host four
      SHELL ["/bin/zsh", "-c"]
      RUN echo five
      SHELL ["/bin/mksh", "-c"]
      RUN echo six

      """)
    #expect(scripts.map(\.dialect) == ["bash", "bash", "sh", "ksh"])
  }

  @Test func aWindowsImageRunsCmdUnlessSHELLSaysOtherwise() {
    let (_, scripts) = Self.scripts(
      """
      # escape=`
      FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win
      RUN mkdir C:\\app && echo %PATH%
      RUN ["sh", "-c", "echo exec"]
      FROM win
      RUN echo still cmd
      SHELL ["C:/msys64/usr/bin/bash.exe", "-c"]
      RUN echo bash
      FROM debian:12
      RUN echo linux

      """)
    #expect(
      scripts.map { String(decoding: $0.body, as: UTF8.self) } == [
        "echo exec", "echo bash", "echo linux",
      ])
    #expect(scripts.map(\.dialect) == ["sh", "bash", "sh"])
  }

  @Test func onbuildRunsAreCheckedWithTheImagesShellAndENVNames() throws {
    let (source, scripts) = Self.scripts(
      """
      FROM debian:12
      ARG BUILD_ONLY
      ONBUILD RUN echo $APP_HOME $BUILD_ONLY \\
        && cp -r . "$APP_HOME"
      ENV APP_HOME=/app
      SHELL ["/bin/bash", "-c"]
      ONBUILD COPY . /src
      RUN echo now

      """)
    #expect(scripts.count == 2)
    let trigger = scripts[0]
    #expect(trigger.dialect == "bash", "the trigger runs with the SHELL the image ends with")
    #expect(trigger.exported.contains("APP_HOME"), "the image keeps every ENV")
    #expect(!trigger.exported.contains("BUILD_ONLY"), "this build's ARGs are not the child's")
    #expect(try Self.marked("$BUILD_ONLY", in: trigger, source: source) == "$BUILD_ONLY")
    #expect(try Self.marked("\"$APP_HOME\"", in: trigger, source: source) == "\"$APP_HOME\"")
    #expect(scripts[1].dialect == "bash")
    #expect(scripts[1].exported.contains("APP_HOME"))
  }

  @Test func argAndEnvNamesInScopeAreExported() {
    let (_, scripts) = Self.scripts(
      """
      ARG GLOBAL=1
      FROM debian:12 AS base
      ARG VERSION
      ENV app_home=/app other.name=x
      RUN echo 1
      FROM base
      ARG LOCAL=2
      RUN echo 2

      """)
    #expect(scripts.count == 2)
    #expect(scripts[0].exported.contains("VERSION"))
    #expect(scripts[0].exported.contains("app_home"))
    #expect(scripts[0].exported.contains("HTTP_PROXY"))
    #expect(!scripts[0].exported.contains("GLOBAL"), "a global ARG needs ARG in the stage")
    #expect(!scripts[0].exported.contains("other.name"), "not a shell name")
    #expect(scripts[1].exported.contains("app_home"), "ENV carries through FROM base")
    #expect(!scripts[1].exported.contains("VERSION"), "ARG ends with its stage")
    #expect(scripts[1].exported.contains("LOCAL"))
    let text = String(decoding: scripts[1].text, as: UTF8.self)
    #expect(text.hasPrefix("#!/bin/sh\nexport HTTP_PROXY=1 "))
    #expect(text.hasSuffix("\necho 2"))
  }

  @Test func positionsInTheHeaderOrPastTheScriptHaveNoPlaceButItsEndHasOne() throws {
    let (_, scripts) = Self.scripts("FROM a\nRUN echo $x\n")
    let script = try #require(scripts.first)
    #expect(script.sourceRange(line: 1, column: 1, endLine: 1, endColumn: 3) == nil)
    #expect(script.sourceRange(line: 2, column: 1, endLine: 2, endColumn: 3) == nil)
    #expect(script.sourceRange(line: 9, column: 1, endLine: 9, endColumn: 3) == nil)
    // The script's end (ShellCheck's "unexpected end of file"): just after `$x`.
    #expect(
      script.sourceRange(line: 3, column: 8, endLine: 3, endColumn: 8)
        == SourceRange(start: 18, end: 18))
    #expect(script.sourceRange(line: 3, column: 1, endLine: 3, endColumn: 5) != nil)
  }
}
