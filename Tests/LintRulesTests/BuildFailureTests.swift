import DockerfileSemantics
import LintRules
import Testing

/// What BuildKit refuses after parsing, on the cases the doc examples do not show.
@Suite struct BuildFailureTests {
  @Test(arguments: [
    ("alpine", true), ("alpine:3.20", true), ("Foo/bar:1", true), ("localhost:5000/a/b", true),
    ("[::1]:5000/app", true), ("ghcr.io/org/app@sha256:" + String(repeating: "a", count: 64), true),
    ("a__b", true), ("a--b.c_d", true),
    ("", false), ("alpine:", false), ("Alpine:3", false), ("a/B:1", false),
    ("-base:latest-", false),
    ("%%IMAGE%%", false), ("app@", false), ("app@sha256:abc", false), (":3", false),
    ("a...b", false), ("docker:-dind", false), (String(repeating: "f", count: 64), false),
    ("[::1]/app", true), ("a_b-c/e__f.g", true), ("a_b.c/app", false),
    ("app:" + String(repeating: "a", count: 128), true),
    ("app:" + String(repeating: "a", count: 129), false), ("alp\u{EF}ne", false),
    ("host:abc/app", false), ("app@sha256:" + String(repeating: "A", count: 64), false),
    ("app@md5:" + String(repeating: "a", count: 32), false), ("a___b", false),
  ])
  func referenceGrammar(_ text: String, _ valid: Bool) {
    #expect((ImageReferenceGrammar.problem(text) == nil) == valid, "\(text)")
  }

  @Test func baseNamesExpandWithTheGlobalDefaults() {
    let text = """
      ARG REGISTRY=ghcr.io
      ARG TAG
      ARG EMPTY=
      FROM $REGISTRY/app:1 AS a
      FROM alpine${EMPTY}
      FROM ${TARGETARCH}/alpine
      FROM alpine:$TAG
      FROM $UNDECLARED
      FROM A
      FROM a

      """
    #expect(flagged(text, rule: "BL0004") == ["alpine:$TAG", "$UNDECLARED"])
    #expect(flagged(text, rule: "BL4008") == ["UNDECLARED"])
  }

  @Test func platformVariablesMustBeDeclared() {
    let text = "ARG ARCH=arm64\nFROM --platform=linux/$ARCH/$VARIANT alpine\n"
    #expect(flagged(text, rule: "BL4008") == ["VARIANT"])
  }

  @Test func stageReferencesDoNotExpand() {
    let text = """
      FROM alpine AS a
      FROM alpine AS ${NAME}
      COPY --from=$STAGE /x /y
      RUN --mount=type=bind,from=${STAGE},target=/src true

      """
    #expect(
      flagged(text, rule: "BL0001") == ["${NAME}", "$STAGE", "type=bind,from=${STAGE},target=/src"])
  }
}

@Suite struct BuildExpansionErrorTests {
  @Test func quotesMountsAndPlatforms() {
    let text = """
      ARG ARCH
      ARG VARIANT=v8
      FROM --platform=linux/$ARCH alpine:3.20 AS a
      FROM --platform=linux/arm64/$VARIANT alpine:3.20 AS b
      ENV A='a\\'b'
      ENV B="a\\'b" C='it''s' D="it's" E="a\\"b"
      ADD \\conf\\\\" /x
      RUN --mount=type=cache,target=/c,z true
      RUN --mount=type=secret,id=s,required true
      RUN --mount=type=bind,source=.,required true
      RUN --mount=type=bind,rw,ro true

      """
    #expect(
      flagged(text, rule: "BL0009") == [
        "linux/$ARCH", "'a\\'b'", "\\conf\\\\\"", "type=cache,target=/c,z",
        "type=bind,source=.,required",
      ])
  }

  @Test func requiredVariablesThatAreUnset() {
    let text = """
      FROM alpine:3.20 AS a
      ARG FOO
      ARG SET=1
      ENV A=${SET:?} B=${FOO:?} C=${FOO:?again}
      WORKDIR /${FOO?}
      RUN echo ${FOO:?}
      FROM acme/unknown:1
      ARG FOO
      ENV A=${FOO:?}

      """
    // The first failure of an instruction stops it; RUN is the shell's business.
    #expect(flagged(text, rule: "BL0009") == ["${FOO:?}", "/${FOO?}"])
    #expect(
      findings(text, rule: "BL0009").first?.message
        == "failed to process `${FOO:?}`: FOO: is not allowed to be unset: the build fails")
  }
}
