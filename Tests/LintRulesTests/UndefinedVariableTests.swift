import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintRules
import Testing

/// BL4009 against BuildKit's UndefinedVar semantics (frontend/dockerfile/dockerfile2llb), on
/// the cases the page's examples do not show.
@Suite struct UndefinedVariableTests {
  @Test func onlyTheWordsBuildKitExpandsAreRead() {
    let text = """
      FROM alpine:3.20
      RUN echo $SHELL_ONLY
      CMD echo $SHELL_ONLY
      EXPOSE $PORT
      COPY --from=$STAGE --chown=$OWNER src/ /dst/$DIR/
      ADD --checksum=$SUM https://example.com/a.tgz /a.tgz
      RUN --mount=type=cache,target=$CACHE true
      USER $APP_USER
      VOLUME ["/data/$VOL"]
      STOPSIGNAL $SIGNAL
      LABEL $KEY=$VALUE

      """
    #expect(
      flagged(text, rule: "BL4009") == [
        "OWNER", "DIR", "SUM", "CACHE", "APP_USER", "VOL", "SIGNAL", "KEY", "VALUE",
      ])
  }

  @Test func scopesFollowBuildKit() {
    let text = """
      ARG GLOBAL=1
      ARG REPEATED=2
      FROM alpine:3.20 AS base
      ARG REPEATED
      ARG NO_VALUE
      ENV FROM_ENV=x
      WORKDIR /$GLOBAL/$REPEATED/$NO_VALUE/$FROM_ENV/$PATH/$TARGETARCH
      FROM base
      WORKDIR /$REPEATED/$FROM_ENV
      FROM alpine:3.20
      WORKDIR /$FROM_ENV
      ARG TARGETARCH
      ENV A=1 B=$A
      ARG C=1 D=$C
      WORKDIR /$TARGETARCH/$B/$D

      """
    #expect(flagged(text, rule: "BL4009") == ["GLOBAL", "TARGETARCH", "FROM_ENV", "A"])
  }

  @Test func defaultFormsAndQuotesAsTheBuilderReadsThem() {
    let text = """
      FROM alpine:3.20
      ENV A="${UNSET:-x}" B='$QUOTED' C="'$DOUBLE'" D=\\$ESCAPED E=${ALT:+y} F=${TRIM%.*}
      COPY <<EOF /etc/app.conf
      user '$BODY'
      EOF
      COPY <<'EOF' /etc/raw.conf
      $RAW
      EOF

      """
    #expect(flagged(text, rule: "BL4009") == ["UNSET", "DOUBLE", "ALT", "TRIM", "BODY"])
  }

  @Test func unknownImagesKeepItSilent() {
    let text = """
      ARG BASE=alpine:3.20
      FROM container-registry.oracle.com/os/oraclelinux:9 AS oracle
      WORKDIR $ORACLE_HOME
      FROM oracle
      WORKDIR $ORACLE_HOME
      FROM $BASE
      WORKDIR $KNOWN_BASE_FROM_ARG
      FROM $UNSET_BASE
      WORKDIR $UNKNOWN_BASE
      FROM golang:1.22
      WORKDIR $GOPATH/src/$GO_PKG
      FROM mcr.microsoft.com/dotnet/sdk:8.0
      WORKDIR $DOTNET_VERSION
      FROM golang:1.22-windowsservercore-ltsc2022
      WORKDIR $GOPATH
      FROM docker.io/library/python:3.12
      WORKDIR $PYTHON_VERSION/$NOT_PYTHONS
      FROM quay.io/someone/python:3.12
      WORKDIR $NOT_HUB

      """
    #expect(
      flagged(text, rule: "BL4009") == ["KNOWN_BASE_FROM_ARG", "GO_PKG", "NOT_PYTHONS"])
  }

  @Test func messagesSayWhatHappensAndSuggestAsBuildKit() {
    let text = """
      ARG APP_HOME=/srv
      FROM scratch
      ENV APP_DIR=/srv/app
      WORKDIR ${APP_DIRR:-/srv}
      WORKDIR ${APP_HOME}
      WORKDIR ${MISSING:?set it}

      """
    let found = findings(text, rule: "BL4009")
    #expect(found.count == 3)
    #expect(
      found.first?.message
        == "`$APP_DIRR` is not defined here: no ARG or ENV before this line (in this stage or those it is built on) sets it, and `scratch` sets nothing, so its default is always used (did you mean `$APP_DIR`?)"
    )
    #expect(found.dropFirst().first?.help?.contains("repeat `ARG APP_HOME` in this stage") == true)
    #expect(found.last?.message.contains("so the build stops with an error here") == true)
    #expect(found.last?.message.contains("did you mean") == false)
  }

  @Test(arguments: [
    (
      "$A ${B} ${C:-$D} '${E}' \"${F}\" \\$G ${H/x/$I} $1 ${J:k}", true,
      ["A", "B", "D", "C", "F", "I", "H", "1", "J"]
    ),
    ("'$A' \"'$B'\"", false, ["A", "B"]),
    ("${A ${B}", true, []),
  ])
  func namesTheBuilderLooksUp(_ text: String, _ quotes: Bool, _ names: [String]) {
    let found = BuilderVariableNames.references(in: text, processQuotes: quotes).map(\.name)
    #expect(found == names, "\(text)")
  }
}
