import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintRules
import Testing

func ruleIDs(_ text: String, context: BuildContext = BuildContext()) -> [String] {
  BuiltinRules.linter.lint(
    SourceFile(path: "Dockerfile", text: text), configuration: Configuration(), context: context
  )
  .findings.map(\.ruleID)
}

func findings(_ text: String, rule: String, context: BuildContext = BuildContext()) -> [Finding] {
  BuiltinRules.linter.lint(
    SourceFile(path: "Dockerfile", text: text), configuration: .enabling(rule), context: context
  )
  .findings.filter { $0.ruleID == rule }
}

/// The two Dockerfiles of the size-rules issue, verbatim.
@Suite struct AcceptanceExampleTests {
  static let singleStage = """
    FROM golang:1.11

    ADD . /app

    WORKDIR /app

    RUN go build -o /myserver .

    EXPOSE 8080

    CMD [ "/myserver" ]
    """

  static let multiStage = """
    FROM golang:1.11 as build

    ADD . /app

    WORKDIR /app

    RUN go build -o /myserver .


    FROM scratch

    COPY --from=build /myserver /myserver

    EXPOSE 8080

    CMD [ "myserver" ]
    """

  @Test func singleStageReportsBuildImageAndWholeContext() throws {
    let ids = ruleIDs(Self.singleStage)
    #expect(ids.contains("BL1001") && ids.contains("BL1002"))
    let buildImage = try #require(findings(Self.singleStage, rule: "BL1001").first)
    #expect(buildImage.message.contains("~800 MB"))
    #expect(buildImage.help?.contains("scratch") == true)
    #expect(buildImage.help?.contains("COPY --from=") == true)
  }

  @Test func multiStageReportsPathAndLinkingButNotBuildImage() throws {
    let ids = ruleIDs(Self.multiStage)
    #expect(ids.contains("BL4001") && ids.contains("BL4002"))
    #expect(!ids.contains("BL1001"))
    #expect(!ids.contains("BL1002"), "the context is copied into the build stage only")
    let missing = try #require(findings(Self.multiStage, rule: "BL4001").first)
    #expect(missing.message.contains("`myserver` is not on PATH"))
    #expect(missing.help == "use the absolute path: CMD [\"/myserver\"]")
  }
}

@Suite struct SizeRuleTrickyCaseTests {
  @Test func buildImageThroughArgsAndAliases() {
    #expect(
      ruleIDs("ARG V=1.22\nFROM golang:${V} AS b\nFROM b AS c\nFROM c\nCMD [\"/x\"]\n").contains(
        "BL1001"))
    #expect(!ruleIDs("FROM eclipse-temurin:21-jre\nCMD [\"java\"]\n").contains("BL1001"))
    #expect(!ruleIDs("FROM swift:5.10-slim\nCMD [\"/app\"]\n").contains("BL1001"))
    #expect(ruleIDs("FROM mcr.microsoft.com/dotnet/sdk:8.0\nCMD [\"dotnet\"]\n").contains("BL1001"))
    #expect(
      !ruleIDs("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD [\"dotnet\"]\n").contains("BL1001"))
  }

  @Test func wholeContextWithoutContextIsWordedAsACondition() throws {
    let text = "FROM alpine:3.20\nCOPY . /app\n"
    let unseen = try #require(findings(text, rule: "BL1002").first)
    #expect(unseen.message.contains("unless a .dockerignore excludes them"))
    #expect(
      findings(
        "FROM a:1 AS b\nCOPY . /src\nFROM alpine:3.20\nCOPY --from=b /src/x /x\n", rule: "BL1002"
      ).isEmpty)
  }

  @Test func cacheRulesRespectCleanupAndMounts() {
    #expect(
      ruleIDs(
        "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends x && rm -rf /var/lib/apt/lists/*\n"
      ).allSatisfy { $0 != "BL1004" })
    #expect(
      ruleIDs("FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\n")
        .allSatisfy { $0 != "BL1004" })
    #expect(
      ruleIDs(
        "FROM debian:12\nRUN sh -c 'apt-get update && apt-get install -y --no-install-recommends x'\n"
      ).contains("BL1004"))
    #expect(
      ruleIDs("FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y git\nEOF\n").contains(
        "BL1003"))
    #expect(
      ruleIDs(
        "FROM debian:12\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/no-rec\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\n"
      ).allSatisfy { $0 != "BL1003" })
    #expect(
      ruleIDs("FROM alpine:3.20\nRUN apk add --no-cache curl\n").allSatisfy { $0 != "BL1005" })
    // The docker-library pattern: run-time dependencies recorded from what is installed.
    #expect(
      ruleIDs(
        "FROM alpine:3.20\nRUN apk add --no-network --virtual .rundeps $runDeps; apk del --no-network .build-deps\n"
      ).allSatisfy { $0 != "BL1005" })
    #expect(
      ruleIDs("FROM alpine:3.20\nRUN apk add --no-network curl && apk update\n").contains("BL1005"))
    #expect(
      ruleIDs("FROM alpine:3.20\nRUN apk add curl \\\n && rm -rf /var/cache/apk/*\n").allSatisfy {
        $0 != "BL1005"
      })
    #expect(
      ruleIDs("FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n").allSatisfy {
        $0 != "BL1006"
      })
    #expect(
      ruleIDs(
        "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n"
      ).allSatisfy { $0 != "BL1006" })
    #expect(ruleIDs("FROM python:3.12-slim\nRUN python3 -m pip install flask\n").contains("BL1006"))
    // Build stages are thrown away: their caches do not matter.
    #expect(
      ruleIDs(
        "FROM python:3.12 AS b\nRUN pip install flask\nFROM python:3.12-slim\nCOPY --from=b /x /x\n"
      ).allSatisfy { $0 != "BL1006" })
  }

  @Test func laterLayerDeletionsAndChown() {
    let lists =
      "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends x\nRUN rm -rf /var/lib/apt/lists/*\n"
    #expect(findings(lists, rule: "BL1007").count == 1)
    let download =
      "FROM debian:12\nRUN curl -fsSL -o /tmp/x.tgz https://example.com/x.tgz\nRUN tar xzf /tmp/x.tgz && rm /tmp/x.tgz\n"
    #expect(findings(download, rule: "BL1007").count == 1)
    let sameLayer =
      "FROM debian:12\nRUN curl -o /tmp/x.tgz https://e.com/x.tgz && tar xzf /tmp/x.tgz && rm /tmp/x.tgz\n"
    #expect(findings(sameLayer, rule: "BL1007").isEmpty)
    // Two RUNs that each fetch, unpack and delete the same archive name (corpus: al2 images).
    let fetchedTwice =
      "FROM amazonlinux:2\nRUN wget -qO python.tar.xz https://e.com/a && tar xf python.tar.xz && rm python.tar.xz\nRUN wget -qO python.tar.xz https://e.com/b && tar xf python.tar.xz && rm python.tar.xz\n"
    #expect(findings(fetchedTwice, rule: "BL1007").isEmpty)
    let tmpCleared =
      "FROM debian:12\nRUN curl -o /tmp/x.tgz https://e.com/x.tgz && tar xzf /tmp/x.tgz && rm -rf /tmp/*\nRUN rm /tmp/x.tgz\n"
    #expect(findings(tmpCleared, rule: "BL1007").isEmpty)
    // Deleted before it is downloaded again: the second copy stays in that layer.
    let deletedFirst =
      "FROM debian:12\nRUN rm -f /tmp/x.tgz && curl -o /tmp/x.tgz https://e.com/x.tgz\nRUN rm /tmp/x.tgz\n"
    #expect(findings(deletedFirst, rule: "BL1007").count == 1)
    let git = "FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nRUN rm -rf .git\n"
    #expect(findings(git, rule: "BL1007").count == 1)
    #expect(
      findings("FROM alpine:3.20\nCOPY app /app\nRUN chown -R 1000 /app\n", rule: "BL1008").count
        == 1)
    #expect(
      findings("FROM alpine:3.20\nRUN mkdir /data && chown -R 1000 /data\n", rule: "BL1008").isEmpty
    )
  }

  @Test func scratchCommandsAndLinking() {
    #expect(
      findings("FROM scratch\nCOPY app /app\nCMD /app\n", rule: "BL4001").first?.message.contains(
        "/bin/sh") == true)
    #expect(
      findings("FROM scratch\nCOPY bin/ /usr/local/bin/\nENTRYPOINT [\"tool\"]\n", rule: "BL4001")
        .isEmpty)
    #expect(
      findings("FROM scratch\nCOPY app /app\nENV PATH=/\nCMD [\"app\"]\n", rule: "BL4001").isEmpty)
    #expect(
      findings("FROM alpine:3.20\nCMD [\"nope\"]\n", rule: "BL4001").isEmpty,
      "never guess about regular bases")
    let alpineGo =
      "FROM golang:1.22-alpine AS b\nRUN go build -o /s .\nFROM scratch\nCOPY --from=b /s /s\nCMD [\"/s\"]\n"
    #expect(findings(alpineGo, rule: "BL4002").isEmpty)
    let envOff =
      "FROM golang:1.22 AS b\nENV CGO_ENABLED=0\nRUN go build -o /s .\nFROM scratch\nCOPY --from=b /s /s\nCMD [\"/s\"]\n"
    #expect(findings(envOff, rule: "BL4002").isEmpty)
    let cargo =
      "FROM rust:1.80 AS b\nRUN cargo build --release\nFROM gcr.io/distroless/static-debian12\nCOPY --from=b /t /t\nCMD [\"/t\"]\n"
    #expect(findings(cargo, rule: "BL4002").count == 1)
    let musl =
      "FROM rust:1.80 AS b\nRUN cargo build --release --target x86_64-unknown-linux-musl\nFROM scratch\nCOPY --from=b /t /t\nCMD [\"/t\"]\n"
    #expect(findings(musl, rule: "BL4002").isEmpty)
  }
}

/// False positives found by reading corpus findings, each kept from coming back.
@Suite struct CorpusRegressionTests {
  @Test func aptListsRemovalVariants() {
    #expect(
      findings(
        "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends x && rm -rf /var/lib/apt/lists*\n",
        rule: "BL1004"
      ).isEmpty)
    #expect(
      findings(
        "FROM debian:13\nRUN apt-get update; apt-get install -y --no-install-recommends x; apt-get dist-clean\n",
        rule: "BL1004"
      ).isEmpty)
    #expect(
      findings(
        "FROM debian:12\nRUN --mount=type=tmpfs,target=/var/lib/apt apt-get update\n",
        rule: "BL1004"
      ).isEmpty)
    #expect(
      findings(
        "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends x && rm -rf /var/lib/apt-lists/*\n",
        rule: "BL1004"
      ).count == 1, "a typo keeps the lists")
  }

  @Test func aptListsFixIsWithheldOnlyWhenTheNextAptCommandReadsTheLists() {
    let update = "apt-get update && apt-get install -y --no-install-recommends"
    let fixes = findings(
      "FROM debian:12\nRUN \(update) a\nRUN \(update) b\nRUN apt-get install -y c\n",
      rule: "BL1004"
    ).map { $0.fix != nil }
    // The first RUN's lists are fetched again by the second; the second's are read by the third.
    #expect(fixes == [true, false])
    let last = findings(
      "FROM debian:12\nRUN \(update) a\nRUN echo done\nRUN apt-get update\nRUN true\n",
      rule: "BL1004"
    ).map { $0.fix != nil }
    #expect(last == [true])
  }

  @Test func recommendsPurgedAgainInTheSameRun() {
    let purged =
      "FROM debian:12\nRUN apt-get update && apt-get install -y git && git clone https://e.com/k && apt-get purge -y --auto-remove git && rm -rf /var/lib/apt/lists/*\n"
    #expect(findings(purged, rule: "BL1003").isEmpty)
    let thenAutoremove =
      "FROM debian:12\nRUN apt-get update && apt-get install -y git && apt-get remove -y git && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*\n"
    #expect(findings(thenAutoremove, rule: "BL1003").isEmpty)
    // openssh-client stays, and with it everything it recommends.
    let partly =
      "FROM debian:12\nRUN apt-get update && apt-get install -y curl gnupg git && apt-get remove --purge --autoremove -y curl gnupg && rm -rf /var/lib/apt/lists/*\n"
    #expect(findings(partly, rule: "BL1003").count == 1)
    let noAutoremove =
      "FROM debian:12\nRUN apt-get update && apt-get install -y git && apt-get purge -y git && rm -rf /var/lib/apt/lists/*\n"
    #expect(findings(noAutoremove, rule: "BL1003").count == 1)
  }

  @Test func condaCachesAndTheirCleanups() {
    let rule = "BL1017"
    #expect(findings("FROM x:1\nRUN conda install -y numpy\n", rule: rule).count == 1)
    #expect(
      findings("FROM x:1\nRUN conda install -y numpy && conda clean -afy\n", rule: rule).isEmpty)
    #expect(
      findings(
        "FROM x:1\nRUN micromamba create -y -f /tmp/e.yaml && micromamba clean --all --yes\n",
        rule: rule
      ).isEmpty)
    #expect(
      findings(
        "FROM x:1\nRUN /opt/conda/bin/conda install -y a && rm -rf /opt/conda/pkgs/*\n", rule: rule
      )
      .isEmpty)
    #expect(
      findings(
        "FROM x:1\nRUN --mount=type=cache,target=/opt/conda/pkgs conda install -y a\n", rule: rule
      )
      .isEmpty)
    // The old idiom: tarballs and packages.
    #expect(
      findings("FROM x:1\nRUN conda install -y a && conda clean -tipsy\n", rule: rule).isEmpty)
    // Cleaning before the install, or only the index cache, leaves the packages.
    #expect(
      findings("FROM x:1\nRUN conda clean -afy && conda install -y a\n", rule: rule).count == 1)
    #expect(findings("FROM x:1\nRUN conda install -y a && conda clean -i\n", rule: rule).count == 1)
    let env = findings("FROM x:1\nRUN conda env update -n base -f e.yml\n", rule: rule)
    #expect(env.count == 1)
    #expect(findings("FROM x:1\nRUN conda env list && conda info\n", rule: rule).isEmpty)
    // Only the final image counts.
    #expect(
      findings(
        "FROM x:1 AS build\nRUN conda install -y a\nFROM debian:12-slim\nCOPY --from=build /opt/conda/envs/a /a\n",
        rule: rule
      ).isEmpty)
  }

  @Test func nodeDevDependenciesOnlyInProductionApplications() {
    let rule = "BL1018"
    let app =
      "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n"
    #expect(findings(app, rule: rule).count == 1)
    for fixed in [
      "RUN npm ci --omit=dev", "RUN npm install --production", "RUN NODE_ENV=production npm ci",
      "RUN npm ci && npm run build && npm prune --omit=dev", "RUN npm install -g pm2",
      "RUN npm install express",
    ] {
      let text = app.replacingOccurrences(of: "RUN npm ci", with: fixed)
      #expect(findings(text, rule: rule).isEmpty, "\(fixed)")
    }
    let productionEnvironment = app.replacingOccurrences(
      of: "COPY . .", with: "ENV NODE_ENV=production\nCOPY . .")
    #expect(findings(productionEnvironment, rule: rule).isEmpty)
    // Pruning in a later RUN leaves the devDependencies in the install layer.
    #expect(
      findings(
        app.replacingOccurrences(of: "CMD", with: "RUN npm prune --omit=dev\nCMD"), rule: rule
      )
      .count == 1)
    // Development and test images want them.
    for command in [
      "CMD [\"npm\", \"run\", \"dev\"]", "CMD [\"ng\", \"serve\"]",
      "CMD [\"nodemon\", \"server.js\"]",
      "CMD [\"npm\", \"test\"]",
    ] {
      let text = app.replacingOccurrences(of: "CMD [\"node\", \"server.js\"]", with: command)
      #expect(findings(text, rule: rule).isEmpty, "\(command)")
    }
    let devStage = app.replacingOccurrences(
      of: "FROM node:22-slim", with: "FROM node:22-slim AS dev-envs")
    #expect(findings(devStage, rule: rule).isEmpty)
  }

  @Test func devContainersAreWorkspacesNotShippedImages() {
    func ids(_ text: String, path: String) -> [String] {
      BuiltinRules.linter.lint(
        SourceFile(path: path, text: text), configuration: Configuration(), context: BuildContext()
      ).findings.map(\.ruleID)
    }
    let text =
      "FROM python:3.12\nRUN pip install --no-cache-dir flask\nCMD [\"python\", \"app.py\"]\n"
    #expect(ids(text, path: "Dockerfile").contains("BL1014"))
    #expect(!ids(text, path: ".devcontainer/Dockerfile").contains("BL1014"))
    #expect(!ids(text, path: "repo/.devcontainer/base.Dockerfile").contains("BL1014"))
    let go = "FROM golang:1.22\nCOPY . /src\nCMD [\"/src/app\"]\n"
    #expect(ids(go, path: "app/Dockerfile").contains("BL1001"))
    #expect(!ids(go, path: "app/.devcontainer/Dockerfile").contains("BL1001"))
  }

  @Test func dnf5KeepsItsCacheInLibdnf5() {
    #expect(
      findings(
        "FROM fedora:42\nRUN dnf install -y httpd && rm -rf /var/cache/libdnf5\n", rule: "BL1009"
      )
      .isEmpty)
    #expect(findings("FROM fedora:42\nRUN dnf5 install -y httpd\n", rule: "BL1009").count == 1)
    #expect(
      findings("FROM fedora:42\nRUN dnf5 install -y httpd && dnf5 clean all\n", rule: "BL1009")
        .isEmpty)
  }

  @Test func toolchainImagesThatMeanIt() {
    #expect(findings("FROM buildpack-deps:bookworm\nCMD [\"python3\"]\n", rule: "BL1001").isEmpty)
    #expect(findings("FROM buildpack-deps:bookworm-curl\nCMD [\"/app\"]\n", rule: "BL1001").isEmpty)
    #expect(
      findings(
        "FROM maven:3-eclipse-temurin-21\nENTRYPOINT [\"/entrypoint.sh\"]\nCMD [\"mvn\"]\n",
        rule: "BL1001"
      ).isEmpty)
    #expect(
      findings(
        "FROM golang:1.22\nENTRYPOINT [\"tini\", \"--\", \"dlv\", \"exec\", \"/app\"]\n",
        rule: "BL1001"
      ).isEmpty)
    #expect(
      findings("FROM golang:1.22\nCMD [\"go\", \"test\", \"./...\"]\n", rule: "BL1001").isEmpty)
    #expect(
      findings(
        "FROM eclipse-temurin:21-jdk\nRUN apt-get update && apt-get install -y --no-install-recommends git make && rm -rf /var/lib/apt/lists/*\nCMD [\"/run.sh\"]\n",
        rule: "BL1001"
      ).isEmpty)
    #expect(findings("FROM golang:1.22\nCMD [\"/server\"]\n", rule: "BL1001").count == 1)
    // Build tools anywhere in a shell-form command or behind `sh -c` (corpus: podman's docs image).
    #expect(
      findings(
        "FROM golang:1.22\nCMD echo building && cp -a /src /w && make docs\n", rule: "BL1001"
      )
      .isEmpty)
    #expect(
      findings("FROM golang:1.22\nCMD [\"sh\", \"-c\", \"cd /src && go run .\"]\n", rule: "BL1001")
        .isEmpty)
    #expect(
      findings("FROM golang:1.22\nCMD echo starting && exec /server\n", rule: "BL1001").count == 1)
  }

  @Test func scratchImagesBallastCannotSeeInto() {
    #expect(findings("FROM scratch\nADD rootfs.tar.gz /\nCMD [\"sh\"]\n", rule: "BL4001").isEmpty)
    #expect(
      findings(
        "FROM scratch\nCOPY --from=build /aurora /\nCMD [\"/sleeping-beauty\"]\n", rule: "BL4001"
      ).isEmpty)
    #expect(
      findings(
        "FROM --platform=wasi/wasm scratch\nCOPY x.wasm /x.wasm\nENTRYPOINT [\"x.wasm\"]\n",
        rule: "BL4001"
      ).isEmpty)
    let cflags =
      "FROM gcc:13 AS b\nRUN gcc $CFLAGS -o /a/x x.c\nFROM scratch\nCOPY --from=b /a /\nCMD [\"/x\"]\n"
    #expect(findings(cflags, rule: "BL4002").isEmpty)
    let argAlpine =
      "ARG V\nFROM golang:${V}-alpine3.23 AS b\nRUN go build -o /s\nFROM scratch\nCOPY --from=b /s /\nCMD [\"/s\"]\n"
    #expect(findings(argAlpine, rule: "BL4002").isEmpty)
    let wasm =
      "FROM rust:1.64 AS b\nRUN cargo build --target wasm32-wasi --release\nFROM scratch\nCOPY --from=b /t/x.wasm /x.wasm\nENTRYPOINT [\"x.wasm\"]\n"
    #expect(findings(wasm, rule: "BL4002").isEmpty)
  }
}

@Suite struct MoreSizeRuleTests {
  @Test func alpineBuildImagesAreSmallerButStillReported() {
    let go = findings("FROM golang:1.22-alpine\nCOPY app /app\nCMD [\"/app\"]\n", rule: "BL1001")
    #expect(go.count == 1)
    #expect(go.first?.message.includes("~250 MB") == true)
    let jdk = findings(
      "FROM openjdk:8-jdk-alpine\nCOPY a.jar /a.jar\nCMD [\"java\", \"-jar\", \"/a.jar\"]\n",
      rule: "BL1001")
    #expect(jdk.first?.message.includes("~100–350 MB") == true)
    let full = findings("FROM golang:1.22\nCOPY app /app\nCMD [\"/app\"]\n", rule: "BL1001")
    #expect(full.first?.message.includes("~800 MB") == true)
  }

  @Test func wholeStageCopyExemptions() {
    let squash =
      "FROM debian:12 AS base\nRUN true\nFROM scratch\nCOPY --from=base / /\nCMD [\"/bin/sh\"]\n"
    #expect(findings(squash, rule: "BL1013").isEmpty, "squashing into scratch shrinks images")
    #expect(
      findings("FROM alpine:3.20\nCOPY --from=tonistiigi/xx / /\n", rule: "BL1013").isEmpty,
      "external images are unknown")
  }

  @Test func goStripFlagsAreParsed() {
    let staticOnly =
      "FROM golang:1.22 AS b\nRUN CGO_ENABLED=0 go build -ldflags '-extldflags \"-static\"' -o /s .\nFROM scratch\nCOPY --from=b /s /s\nCMD [\"/s\"]\n"
    #expect(findings(staticOnly, rule: "BL1015").count == 1, "-static is not -s")
    let stripped =
      "FROM golang:1.22 AS b\nRUN CGO_ENABLED=0 go build -ldflags=-s -o /s .\nFROM scratch\nCOPY --from=b /s /s\nCMD [\"/s\"]\n"
    #expect(findings(stripped, rule: "BL1015").isEmpty)
    let doubleDash =
      "FROM golang:1.22 AS b\nRUN go build -o /usr/bin/auth --ldflags=--s\nFROM debian:12-slim\nCOPY --from=b /usr/bin/auth /usr/bin/auth\n"
    #expect(findings(doubleDash, rule: "BL1015").isEmpty)
  }

  @Test func toolchainRuleKnowsTheAptMarkIdiom() {
    let idiom = """
      FROM python:3.12-slim
      RUN set -eux; savedAptMark="$(apt-mark showmanual)"; apt-get update; \\
          apt-get install -y --no-install-recommends gcc; pip install --no-cache-dir uwsgi; \\
          apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; \\
          apt-get purge -y --auto-remove; rm -rf /var/lib/apt/lists/*
      CMD ["uwsgi"]

      """
    #expect(findings(idiom, rule: "BL1011").isEmpty)
    #expect(
      !ruleIDs("FROM python:3.12-slim\nRUN apk add build-base\nCMD [\"app\"]\n").contains("BL1011"),
      "off by default")
  }

  @Test func downloadsWithClusteredOptions() {
    let text =
      "FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://e.com/a.tgz\nRUN tar xzf /tmp/a.tgz\n"
    #expect(findings(text, rule: "BL1012").count == 1)
  }
}

@Suite struct NodeAndVariantRegressionTests {
  @Test func yarnVersionIsNotAnInstall() {
    #expect(findings("FROM node:22-slim\nRUN yarn --version\n", rule: "BL1010").isEmpty)
    let bare = findings("FROM node:22-slim\nRUN yarn\n", rule: "BL1010")
    #expect(bare.count == 1)
    #expect(bare.first?.message.hasPrefix("`yarn` leaves") == true)
  }

  @Test func oneCacheFindingPerToolAndRun() {
    let text =
      "FROM node:22\nRUN npm install -g grunt && npm install -g grunt-cli && npm install -g webpack && yarn install\n"
    let messages = findings(text, rule: "BL1010").map(\.message)
    #expect(messages.count == 2)
    #expect(messages.first?.hasPrefix("`npm install`") == true)
    #expect(messages.last?.hasPrefix("`yarn install`") == true)
  }

  @Test func onlyOfficialImagesHaveKnownSlimVariants() {
    #expect(findings("FROM vimagick/python:2\nCMD [\"python\"]\n", rule: "BL1014").isEmpty)
    #expect(findings("FROM library/python:3.12\nCMD [\"python\"]\n", rule: "BL1014").count == 1)
  }
}

@Suite struct WholeStageAliasTests {
  @Test func aliasesOfExternalImagesAreNotJudged() {
    #expect(
      findings(
        "FROM tonistiigi/xx:1.6 AS xx\nFROM alpine:3.20\nCOPY --from=xx / /\n", rule: "BL1013"
      ).isEmpty)
    #expect(
      findings(
        "FROM alpine:3.20 AS b\nRUN apk add --no-cache x\nFROM alpine:3.20\nCOPY --from=b / /\n",
        rule: "BL1013"
      ).count == 1)
  }
}

/// BL1016 weighs what follows the update in its RUN: an index nothing reads and nothing deletes.
@Suite struct PackageUpdateAloneTests {
  @Test(arguments: [
    "FROM debian:12\nRUN apt-get update\n",
    "FROM debian:12\nRUN set -eux; apt-get update; echo done\n",
    "FROM debian:12\nRUN echo 'deb http://x/ y main' > /etc/apt/sources.list.d/x.list"
      + " && apt-get update && mkdir -p /opt/app\n",
    "FROM alpine:3.20\nRUN apk update && ln -s /usr/bin/a /usr/bin/b\n",
    "FROM debian:12\nRUN apt-get update && apt-get clean\n",
  ])
  func reportsAnIndexNothingUses(text: String) {
    #expect(findings(text, rule: "BL1016").count == 1)
  }

  @Test(arguments: [
    // Something later in the RUN may read the index.
    "FROM debian:12\nRUN apt-get update && ./install-packages.sh\n",
    "FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n",
    "FROM debian:12\nRUN apt-get update && xx-apt-get install -y gcc\n",
    "FROM debian:12\nRUN apt-get update && apt-get install -y git\n",
    // The RUN deletes the index it fetched: nothing stays.
    "FROM debian:12\nRUN apt-get update && apt-get purge -y curl && rm -rf /var/lib/apt/lists/*\n",
    "FROM debian:12\nRUN apt-get update && dpkg -i /tmp/a.deb && rm -rf /var/lib/apt/lists/*\n",
    "FROM alpine:3.20\nRUN apk update && rm -rf /var/cache/apk/*\n",
    // The lists are cleared first and the update refreshes them on purpose.
    "FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get clean && apt-get update\n",
    // A build stage never ships.
    "FROM debian:12 AS build\nRUN apt-get update\nFROM scratch\nCOPY --from=build /etc/os-release /\n",
  ])
  func leavesAloneAnIndexThatIsUsedOrGone(text: String) {
    #expect(findings(text, rule: "BL1016").isEmpty)
  }

  @Test func messageSaysWhetherTheRunDidAnythingElse() {
    let alone = findings("FROM debian:12\nRUN apt-get update\n", rule: "BL1016")
    #expect(alone.first?.message.hasPrefix("this layer only stores a package index") == true)
    let other = findings("FROM debian:12\nRUN apt-get update && mkdir /x\n", rule: "BL1016")
    #expect(other.first?.message.hasPrefix("nothing after this update in the RUN uses") == true)
  }

  @Test func pointsAtTheUpdateWord() {
    let text = "FROM debian:12\nRUN mkdir /x && \\\n    apt-get update\n"
    let finding = findings(text, rule: "BL1016").first
    let update = text.utf8.count - "update\n".utf8.count
    #expect(finding?.range == SourceRange(start: update, end: update + "update".utf8.count))
  }
}
