import DockerfileSyntax
import Testing

@testable import DockerfileSemantics

func analyze(_ text: String) -> AnalyzedDockerfile {
  AnalyzedDockerfile(DockerfileParser.parse(path: "Dockerfile", text: text))
}

@Suite struct StageGraphTests {
  @Test func stagesAliasesAndCopies() throws {
    let file = analyze(
      """
      ARG GO=1.22
      FROM golang:${GO} AS build
      RUN go build -o /app .
      FROM build AS test
      FROM gcr.io/distroless/static:nonroot
      COPY --from=build /app /app
      RUN --mount=type=bind,from=test,target=/t true

      """)
    #expect(file.stages.map(\.name) == ["build", "test", nil])
    #expect(file.stages[0].baseImage?.text == "golang:1.22")
    #expect(file.stages[1].baseStage == 0)
    #expect(file.stages[1].rootImage(in: file.stages)?.repository == "golang")
    #expect(file.stages[2].copiesFrom == [0, 1])
    #expect(file.stages.map(\.isFinal) == [false, false, true])
    #expect(file.stages[0].instructionIndices == 2..<3)
    #expect(file.stage(containing: 5)?.index == 2)
  }

  @Test func imageReferencePartsHaveRanges() throws {
    let file = analyze("FROM registry.example.com:5000/team/app:1.2@sha256:abc\n")
    let image = try #require(file.stages.first?.baseImage)
    #expect(image.registry == "registry.example.com:5000")
    #expect(image.repository == "team/app")
    #expect(image.tag == "1.2")
    #expect(image.digest == "sha256:abc")
    #expect(file.source.text(image.tagRange!) == "1.2")
    #expect(file.source.text(image.repositoryRange) == "team/app")
    let hub = try #require(analyze("FROM library/node\n").stages.first?.baseImage)
    #expect(hub.registry == nil && hub.shortName == "node" && hub.tag == nil)
    #expect(analyze("FROM scratch\n").stages.first?.baseImage?.isScratch == true)
  }

  @Test func unknownVariablesAreNotGuessed() {
    let file = analyze("ARG BASE\nFROM ${BASE}\n")
    #expect(file.stages.first?.baseImage == nil)
    // Not the unexpanded text either (it was read as the image `$REGISTRY/x`).
    #expect(analyze("ARG BASE=$REGISTRY/x\nFROM $BASE\n").stages.first?.baseImage == nil)
  }

  @Test func globalDefaultsUseEarlierGlobals() throws {
    let file = analyze(
      """
      ARG REGISTRY=quay.io
      ARG OWNER=jupyter
      ARG BASE_IMAGE=$REGISTRY/$OWNER/scipy-notebook
      FROM $BASE_IMAGE

      """)
    let image = try #require(file.stages.first?.baseImage)
    #expect(image.registry == "quay.io")
    #expect(image.repository == "jupyter/scipy-notebook")
    #expect(file.globalArguments["BASE_IMAGE"] == "quay.io/jupyter/scipy-notebook")
  }
}

@Suite struct VariableTests {
  @Test func expansionForms() {
    let expander = VariableExpander(values: ["A": "x", "E": "", "P": "/usr/local/bin/tool"])
    #expect(expander.expand("$A-${A}") == "x-x")
    #expect(expander.expand("${E:-d}|${E-d}|${U-d}|${A:+y}|${U+y}") == "d||d|y|")
    #expect(expander.expand("${P##*/}|${P%/*}|${P#/usr}") == "tool|/usr/local/bin|/local/bin/tool")
    #expect(expander.expand("'$A' \"$A\" \\$A") == "$A x $A")
    #expect(expander.expand("$UNSET") == nil)
  }

  @Test func requiredVariablesFailOnlyWhenKnownUnset() {
    var expander = VariableExpander(values: ["A": "x", "E": ""])
    #expect(expander.expand("${A:?}|${A?no}|${E?}") == "x|x|")
    // Unknown names give no answer, not an error.
    #expect(expander.expand("${U:?}") == nil)
    #expect(expander.failure("${U:?}") == nil)
    #expect(expander.failure("${E:?}") == "E: is not allowed to be empty")
    #expect(expander.failure("${E:?need $A}") == "E: need x")
    #expect(expander.failure("${A:?}") == nil)
    expander.unset = ["U"]
    #expect(expander.failure("a${U?}") == "U: is not allowed to be unset")
    #expect(expander.failure("\"${U:?set U}\"") == "U: set U")
    #expect(expander.failure("${U:-${U:?}}") == "U: is not allowed to be unset")
    #expect(expander.failure("${U:-d}") == nil)
  }

  @Test func requiredVariableFailuresNeedAKnownBase() {
    let file = analyze(
      """
      ARG GLOBAL=g
      ARG BARE
      FROM alpine:3.20 AS a
      ARG FOO
      ARG GLOBAL
      ARG BARE
      ENV ONE=1
      LABEL x=${FOO:?} y=${GLOBAL:?} z=${ONE:?} w=${BARE:?} v=${NEVER?}
      FROM a
      LABEL x=${FOO:?} y=${ONE:?}
      FROM acme/unknown:1
      LABEL x=${FOO:?}

      """)
    #expect(
      file.requiredVariableFailure(in: "${FOO:?}", before: 7) == "FOO: is not allowed to be unset")
    #expect(file.requiredVariableFailure(in: "${GLOBAL:?}", before: 7) == nil)
    #expect(file.requiredVariableFailure(in: "${ONE:?}", before: 7) == nil)
    #expect(
      file.requiredVariableFailure(in: "${BARE:?}", before: 7) == "BARE: is not allowed to be unset"
    )
    #expect(
      file.requiredVariableFailure(in: "${NEVER?}", before: 7)
        == "NEVER: is not allowed to be unset")
    // ARG is not handed on to the next stage, ENV is.
    #expect(
      file.requiredVariableFailure(in: "${FOO:?}", before: 9) == "FOO: is not allowed to be unset")
    #expect(file.requiredVariableFailure(in: "${ONE:?}", before: 9) == nil)
    // An image whose environment ballast does not know may set it.
    #expect(file.requiredVariableFailure(in: "${FOO:?}", before: 11) == nil)
  }

  @Test func workingDirectoriesFollowTheStageChain() {
    let file = analyze(
      """
      FROM alpine:3.20 AS a
      WORKDIR /app
      ARG X=1
      ENV D=sub Y=$X
      FROM a AS b
      WORKDIR $D
      RUN x
      WORKDIR $UNKNOWN
      RUN y
      FROM a
      RUN z

      """)
    #expect(file.workingDirectory(before: 0) == "/")
    #expect(file.workingDirectory(before: 2) == "/app")
    #expect(file.workingDirectory(before: 4) == "/app")
    #expect(file.workingDirectory(before: 6) == "/app/sub")
    #expect(file.workingDirectory(before: 8) == nil)
    #expect(file.workingDirectory(before: 10) == "/app")
    // ENV is handed on, ARG is not; the FROM line itself sees only what is inherited.
    #expect(file.variables(before: 10)["Y"] == "1")
    #expect(file.variables(before: 10)["X"] == nil)
    #expect(file.variables(before: 4)["D"] == "sub")
    #expect(file.variables(before: 3)["X"] == "1")
    #expect(file.variables(before: 2)["X"] == nil)
  }

  @Test func environmentComesFromAncestorsNotSiblings() {
    let file = analyze(
      """
      FROM alpine:3.20 AS s0
      ENV P=/a
      FROM s0 AS s1
      ENV A=1 P=/b:$P
      FROM s0 AS s2
      RUN x
      FROM s1 AS s3
      RUN y

      """)
    #expect(file.variables(before: 5)["A"] == nil)
    #expect(file.variables(before: 5)["P"] == "/a")
    #expect(file.variables(before: 7)["A"] == "1")
    #expect(file.variables(before: 7)["P"] == "/b:/a")
  }

  /// Every binding keeps its value, so values past a length limit count as unknown instead
  /// of costing memory quadratic in the file.
  @Test func overlongValuesAreUnknown() {
    let long = String(repeating: "x", count: ScopeTables.longestKnownValue + 1)
    let file = analyze("FROM alpine:3.20\nENV A=\(long) B=b\nENV C=$A\nRUN true\n")
    #expect(file.variables(before: 3)["A"] == nil)
    #expect(file.variables(before: 3)["B"] == "b")
    #expect(file.variables(before: 3)["C"] == nil)
    let growing = (0..<3000).map { "ENV P=/p\($0):$P\n" }.joined()
    let grown = analyze("FROM alpine:3.20\nENV P=/bin\n" + growing + "RUN true\n")
    #expect(grown.variables(before: 20)["P"]?.hasPrefix("/p17:/p16:") == true)
    #expect(grown.variables(before: 3002)["P"] == nil)
  }

  @Test func workingDirectoriesPastPathMaxAreUnknown() {
    let steps = (0..<1000).map { "WORKDIR d\($0)\n" }.joined()
    let file = analyze("FROM alpine:3.20\n" + steps + "RUN true\n")
    #expect(file.workingDirectory(before: 3) == "/d0/d1")
    #expect(file.workingDirectory(before: 1001) == nil)
  }

  @Test func stageArgDefaultsUseTheScopeBeforeThem() {
    let file = analyze(
      """
      ARG V=global
      FROM alpine:3.20
      ARG A=x
      ARG B=$A/y C=$B
      ENV D=$B
      ARG V=$NOT_SET
      RUN true

      """)
    let scope = file.variables(before: 6)
    #expect(scope["B"] == "x/y")
    #expect(scope["C"] == nil, "names of one ARG see the values from before it")
    #expect(scope["D"] == "x/y")
    #expect(scope["V"] == nil, "a default that cannot be expanded does not fall back to the global")
  }

  @Test func mentionedNamesCoverEveryForm() {
    let names = Set(VariableExpander.mentionedNames(in: "a $X ${Y:-$Z} \\$W ${caf\u{E9}} $ ${"))
    #expect(names == ["X", "Y", "Z", "W", "caf\u{E9}"])
  }

  @Test func scopesFollowStagesArgsAndEnv() {
    let file = analyze(
      """
      ARG VERSION=1
      FROM alpine:3.20 AS base
      ARG VERSION
      ENV PATH=/opt/bin:$PATH HOME=/root V=$VERSION
      FROM base
      ENV A=$HOME
      RUN true

      """)
    let values = file.variables(before: 6)
    #expect(values["HOME"] == "/root")
    #expect(values["A"] == "/root")
    #expect(values["VERSION"] == nil)
    #expect(values["V"] == "1")
    #expect(file.variables(before: 3)["VERSION"] == "1")
  }
}

func span(_ range: SourceRange, in file: AnalyzedDockerfile) -> String {
  let start = file.source.location(of: range.start)
  let end = file.source.location(of: range.end)
  return "\(start.line):\(start.column)-\(end.line):\(end.column)"
}
