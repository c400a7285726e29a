import DockerfileSyntax
import Testing

@Suite struct DirectiveTests {
  @Test func readsDirectivesWithRanges() throws {
    let file = parse(
      "# syntax=docker/dockerfile:1\n#  ESCAPE = `\n# check=skip=all;error=true\nFROM a\n")
    #expect(file.directives.map(\.name) == ["syntax", "escape", "check"])
    #expect(file.directives.map(\.value) == ["docker/dockerfile:1", "`", "skip=all;error=true"])
    #expect(file.escapeCharacter == "`")
    let escape = try #require(file.directive("escape"))
    #expect(span(escape.nameRange, in: file) == "2:4-2:10")
    #expect(span(escape.valueRange, in: file) == "2:13-2:14")
    #expect(file.diagnostics.isEmpty)
  }

  @Test func blankLineEndsDirectivesAndLaterOnesAreFlagged() {
    let file = parse("# syntax=a\n\n# escape=`\nFROM a\nRUN echo \\\n  hi\n")
    #expect(file.directives.map(\.name) == ["syntax"])
    #expect(file.escapeCharacter == "\\")
    #expect(file.instructions[1].original == "RUN echo   hi")
    let warning = file.diagnostics.first { $0.severity == .warning }
    #expect(warning.map { span($0.range, in: file) } == "3:1-3:11")
    #expect(file.comments.map(\.text) == ["syntax=a", "escape=`"])
  }

  @Test func unknownDirectiveEndsTheDirectiveBlock() {
    let file = parse("# foo=bar\n# escape=`\nFROM a\n")
    #expect(file.directives.isEmpty)
    #expect(file.escapeCharacter == "\\")
  }

  @Test func duplicateAndInvalidDirectivesAreRejected() {
    let duplicate = parse("# escape=\\\n# escape=\\\nFROM a\n")
    #expect(
      duplicate.diagnostics.map(\.message) == ["only one escape parser directive can be used"])
    #expect(duplicate.diagnostics[0].rejectsFile)
    #expect(span(duplicate.diagnostics[0].range, in: duplicate) == "2:1-2:11")
    let invalid = parse("# escape=x\nFROM a\n")
    #expect(
      invalid.diagnostics.map(\.message) == ["invalid escape token 'x' does not match ` or \\"])
  }

  @Test func byteOrderMarkIsDroppedBeforeDirectives() throws {
    let file = parse("\u{FEFF}# escape=`\nFROM a\n")
    #expect(file.escapeCharacter == "`")
    let from = try #require(file.instructions.first)
    #expect(span(from.keywordRange, in: file) == "2:1-2:5")
    let bomOnly = parse("\u{FEFF}FROM a\n")
    #expect(span(bomOnly.instructions[0].keywordRange, in: bomOnly) == "1:1-1:5")
  }
}

@Suite struct LineTests {
  @Test func continuationsJoinLinesAndKeepRanges() throws {
    let file = parse(
      "FROM a\nRUN apt-get update \\\n    # a comment\n\n    && apt-get install -y curl\n")
    let run = file.instructions[1]
    #expect(run.startLine == 2 && run.endLine == 5)
    #expect(run.original == "RUN apt-get update     && apt-get install -y curl")
    #expect(span(run.range, in: file) == "2:1-5:31")
    guard case .text(let command) = run.arguments else {
      Issue.record("expected shell form")
      return
    }
    #expect(span(command.range, in: file) == "2:5-5:31")
    #expect(file.comments.map(\.text) == ["a comment"])
    #expect(file.diagnostics.map(\.severity) == [.warning])
  }

  @Test func whitespaceAfterEscapeStillContinues() {
    let file = parse("RUN a \\  \t\n b\n")
    #expect(file.instructions.map(\.original) == ["RUN a  b"])
  }

  @Test func doubledEscapeDoesNotContinue() {
    let file = parse("RUN a \\\\\nRUN b\n")
    #expect(file.instructions.count == 2)
  }

  @Test func crlfEndingsGiveTheSameText() throws {
    let file = parse("FROM a\r\nRUN echo \\\r\n  hi\r\n")
    #expect(file.instructions.map(\.original) == ["FROM a", "RUN echo   hi"])
    #expect(span(file.instructions[1].range, in: file) == "2:1-3:5")
  }

  @Test func keywordsAreCaseInsensitive() {
    let file = parse("from a\nRun echo\ncopy . /\nfrobnicate x\n")
    #expect(file.instructions.map(\.kind) == [.from, .run, .copy, .unknown])
    #expect(file.instructions.map(\.keyword) == ["from", "Run", "copy", "frobnicate"])
    let unknown = file.diagnostics.first { $0.message.contains("unknown instruction") }
    #expect(unknown.map { span($0.range, in: file) } == "4:1-4:11")
  }

  @Test func emptyFileAndCommentsOnlyAreRejected() {
    for text in ["", "# just a comment\n\n", "\n\n  \n"] {
      #expect(parse(text).diagnostics.map(\.message) == ["file with no instructions"])
    }
  }
}

@Suite struct FlagTests {
  @Test func flagsHaveNameAndValueRanges() throws {
    let file = parse("COPY --from=build --chown=\"app user\" --link src/ /app/\n")
    let copy = file.instructions[0]
    #expect(copy.flags.map(\.name) == ["from", "chown", "link"])
    #expect(copy.flags.map(\.value) == ["build", "app user", nil])
    let from = try #require(copy.flag("from"))
    #expect(span(from.range, in: file) == "1:6-1:18")
    #expect(span(from.nameRange, in: file) == "1:8-1:12")
    #expect(span(from.valueRange, in: file) == "1:13-1:18")
    #expect(text(copy.flag("chown")!.valueRange, in: file) == "\"app user\"")
    guard case .words(let words) = copy.arguments else {
      Issue.record("expected words")
      return
    }
    #expect(words.map(\.text) == ["src/", "/app/"])
  }

  @Test func runMountAndDoubleDash() {
    let file = parse("RUN --mount=type=cache,target=/root/.cache --network=none -- --not-a-flag\n")
    #expect(
      file.instructions[0].flags.map(\.text) == [
        "--mount=type=cache,target=/root/.cache", "--network=none",
      ])
    #expect(BuildKitDump.values(file.instructions[0].arguments) == ["--not-a-flag"])
  }

  @Test func badFlagsAreDiagnosed() {
    let file = parse(
      "FROM a\nCOPY --form=x a b\nCOPY --from a b\nADD --link=maybe a b\nRUN --network=a --network=b x\n"
    )
    let messages = file.diagnostics.map(\.message)
    #expect(messages.contains("unknown flag: --form for COPY"))
    #expect(messages.contains("missing a value on flag: --from"))
    #expect(messages.contains("expecting boolean value for flag --link"))
    #expect(messages.contains("duplicate flag specified: --network"))
    #expect(file.diagnostics.allSatisfy { !$0.rejectsFile })
  }
}

@Suite struct ArgumentFormTests {
  @Test func execFormWithElementRanges() {
    let file = parse("CMD [\"node\", \"server.js\"]\n")
    guard case .exec(let words) = file.instructions[0].arguments else {
      Issue.record("expected exec form")
      return
    }
    #expect(words.map(\.text) == ["node", "server.js"])
    #expect(words.map { span($0.range, in: file) } == ["1:6-1:12", "1:14-1:25"])
  }

  @Test func invalidJSONFallsBackToShellForm() {
    for text in ["CMD ['a']", "CMD [\"a\"", "CMD [\"a\"] b", "CMD [a]", "ENTRYPOINT [\"a\", ]"] {
      let file = parse(text + "\n")
      #expect(!file.instructions[0].arguments.isJSON, "\(text)")
      #expect(file.diagnostics.isEmpty, "\(text)")
    }
  }

  @Test func nonStringJSONArrayIsRejected() {
    let file = parse("CMD [\"a\", 1]\n")
    #expect(
      file.diagnostics.map(\.message) == [
        "when using JSON array syntax, arrays must be comprised of strings only"
      ])
    #expect(file.diagnostics[0].rejectsFile)
  }

  @Test func envPairsKeepQuotesAndRanges() throws {
    let file = parse("ENV A=1 B=\"two words\" \\\n    C='x y'\n")
    guard case .keyValues(let pairs, let legacy) = file.instructions[0].arguments else {
      Issue.record("expected pairs")
      return
    }
    #expect(!legacy)
    #expect(pairs.map(\.key.text) == ["A", "B", "C"])
    #expect(pairs.map(\.value.text) == ["1", "\"two words\"", "'x y'"])
    #expect(pairs.map { span($0.value.range, in: file) } == ["1:7-1:8", "1:11-1:22", "2:7-2:12"])
    #expect(span(pairs[2].key.range, in: file) == "2:5-2:6")
  }

  @Test func legacyEnvAndLabels() {
    let env = parse("ENV PATH /usr/local/bin:$PATH\n")
    guard case .keyValues(let pairs, let legacy) = env.instructions[0].arguments else {
      Issue.record("expected pairs")
      return
    }
    #expect(legacy)
    #expect(pairs.map(\.value.text) == ["/usr/local/bin:$PATH"])
    #expect(pairs[0].value.variables.map(\.name) == ["PATH"])
    #expect(parse("ENV PATH\n").diagnostics.map(\.message) == ["ENV must have two arguments"])
    #expect(
      parse("LABEL a=1 b\n").diagnostics.map(\.message) == [
        "Syntax error - can't find = in \"b\". Must be of the form: name=value"
      ])
  }

  @Test func argDeclarations() {
    let file = parse("ARG VERSION=1.2 TARGETOS\nFROM golang:${VERSION}\n")
    guard case .declarations(let words) = file.instructions[0].arguments else {
      Issue.record("expected declarations")
      return
    }
    #expect(words.map(\.text) == ["VERSION=1.2", "TARGETOS"])
  }

  @Test func fromWithPlatformAndStageName() {
    let file = parse("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n")
    let from = file.instructions[0]
    #expect(from.flag("platform")?.value == "$BUILDPLATFORM")
    #expect(BuildKitDump.values(from.arguments) == ["golang:1.22", "AS", "build"])
    #expect(file.diagnostics.isEmpty)
    #expect(
      parse("FROM a AS 1bad\n").diagnostics.map(\.message).first?.contains("invalid name") == true)
    #expect(parse("FROM a b\n").diagnostics.count == 1)
  }

  @Test func healthcheckForms() {
    let none = parse("FROM a\nHEALTHCHECK NONE\n").instructions[1]
    guard case .healthcheck(let type, .none) = none.arguments else {
      Issue.record("expected NONE")
      return
    }
    #expect(type.text == "NONE")
    let check = parse(
      "FROM a\nHEALTHCHECK --interval=5s --retries=3 CMD [\"curl\", \"-f\", \"localhost\"]\n")
    #expect(check.instructions[1].arguments.isJSON)
    #expect(check.instructions[1].flags.map(\.name) == ["interval", "retries"])
    #expect(check.diagnostics.isEmpty)
    #expect(
      parse("FROM a\nHEALTHCHECK PING x\n").diagnostics.map(\.message) == [
        "Unknown type \"PING\" in HEALTHCHECK (try CMD)"
      ])
  }

  @Test func onbuildWrapsAnInstruction() throws {
    let file = parse("FROM a\nONBUILD COPY --chown=1:1 . /app\nONBUILD ONBUILD RUN x\n")
    let trigger = try #require(file.instructions[1].trigger)
    #expect(trigger.kind == .copy)
    #expect(span(trigger.keywordRange, in: file) == "2:9-2:13")
    #expect(span(trigger.flags[0].valueRange, in: file) == "2:22-2:25")
    #expect(
      file.diagnostics.map(\.message) == ["Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"])
  }

  @Test func shellMustBeJSON() {
    #expect(
      parse("FROM a\nSHELL /bin/bash -c\n").diagnostics.map(\.message) == [
        "SHELL requires the arguments to be in JSON form"
      ])
    #expect(parse("FROM a\nSHELL [\"/bin/bash\", \"-c\"]\n").diagnostics.isEmpty)
  }

  @Test func missingArguments() {
    let file = parse("FROM a\nRUN\nWORKDIR\nCOPY onlyone\nEXPOSE\n")
    #expect(
      file.diagnostics.map(\.message) == [
        "RUN requires at least one argument", "WORKDIR requires exactly one argument",
        "COPY requires at least two arguments", "EXPOSE requires at least one argument",
      ])
  }
}

@Suite struct HeredocTests {
  @Test func bodyAndRanges() throws {
    let file = parse("FROM a\nRUN <<EOF\nset -e\necho hi\nEOF\nCMD x\n")
    let run = file.instructions[1]
    #expect(run.endLine == 5)
    let heredoc = try #require(run.heredocs.first)
    #expect(heredoc.name == "EOF" && heredoc.expand && !heredoc.chomp)
    #expect(heredoc.content == "set -e\necho hi\n")
    #expect(span(heredoc.markerRange, in: file) == "2:5-2:10")
    #expect(span(heredoc.bodyRange, in: file) == "3:1-5:1")
    #expect(heredoc.terminatorRange.map { span($0, in: file) } == "5:1-5:4")
    #expect(file.instructions.map(\.kind) == [.from, .run, .cmd])
  }

  @Test func severalHeredocsQuotedAndChomped() {
    let file = parse("COPY <<-\"A\" <<B /dest/\n\tone\n\tA\ntwo $x\nB\n")
    let heredocs = file.instructions[0].heredocs
    #expect(heredocs.map(\.name) == ["A", "B"])
    #expect(heredocs.map(\.expand) == [false, true])
    #expect(heredocs.map(\.chomp) == [true, false])
    #expect(heredocs[0].content == "\tone\n")
    #expect(heredocs[0].effectiveContent == "one\n")
    #expect(heredocs[1].content == "two $x\n")
  }

  @Test func heredocsOnlyWhereBuildKitReadsThem() {
    // CMD never takes heredocs; a quoted marker is just text; JSON form has none.
    let file = parse("CMD <<EOF\nRUN echo '<<EOF'\nRUN [\"<<EOF\"]\nEOF\n")
    #expect(file.instructions.map(\.heredocs.count) == [0, 0, 0, 0])
  }

  @Test func fileDescriptorAndSpaceBeforeDelimiter() {
    let file = parse("RUN 3<<EOF cat <&3 && cat << END\na\nEOF\nb\nEND\n")
    #expect(file.instructions[0].heredocs.map(\.fileDescriptor) == [3, 0])
    #expect(file.instructions[0].heredocs.map(\.name) == ["EOF", "END"])
  }

  @Test func unterminatedHeredocIsDiagnosedAndKeepsTheBody() throws {
    let file = parse("FROM a\nRUN <<EOF\necho never closed\n")
    let diagnostic = try #require(file.diagnostics.first)
    #expect(diagnostic.message == "unterminated heredoc")
    #expect(diagnostic.rejectsFile)
    #expect(span(diagnostic.range, in: file) == "2:5-2:10")
    #expect(file.instructions[1].heredocs[0].content == "echo never closed\n")
  }
}

@Suite struct VariableReferenceTests {
  @Test func plainBracedAndModifiers() throws {
    let file = parse("FROM ${REGISTRY:-docker.io}/library/$IMAGE:${TAG}\n")
    guard case .words(let words) = file.instructions[0].arguments else {
      Issue.record("expected words")
      return
    }
    let references = words[0].variables
    #expect(references.map(\.name) == ["REGISTRY", "IMAGE", "TAG"])
    #expect(references.map(\.modifier) == [.defaultIfUnsetOrEmpty, .none, .none])
    #expect(references.map { span($0.range, in: file) } == ["1:6-1:28", "1:37-1:43", "1:44-1:50"])
    #expect(references[0].argumentRange.map { text($0, in: file) } == "docker.io")
    #expect(span(references[0].nameRange, in: file) == "1:8-1:16")
  }

  @Test func nestedAndQuoted() {
    let file = parse("ENV A=${B:-${C:+x}} D='$E' F=\"$G\" H=\\$I\n")
    let names = file.instructions[0].expandedWords.flatMap(\.variables).map(\.name)
    #expect(names == ["B", "C", "G"])
  }

  @Test func malformedSubstitutionsAreDiagnosed() {
    let file = parse("FROM a\nWORKDIR ${}\nUSER ${x\nLABEL a=${b!c}\n")
    #expect(
      file.diagnostics.map(\.message) == [
        "syntax error: bad substitution", "syntax error: missing '}'",
        "unsupported modifier (!) in substitution",
      ])
  }

  @Test func deepNestingDoesNotRecurse() {
    let depth = 10_000
    let value =
      String(repeating: "${a:-", count: depth) + "x" + String(repeating: "}", count: depth)
    let file = parse("FROM a\nENV V=\(value)\n")
    #expect(file.instructions[1].expandedWords.flatMap(\.variables).count == depth)
  }
}
