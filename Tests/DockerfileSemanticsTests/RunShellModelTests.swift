import DockerfileSemantics
import DockerfileSyntax
import Testing

/// Pipelines, shell options, the SHELL in force, base image user lands, confirmations and
/// wget's progress: the facts the hadolint RUN rules ask the model.
@Suite struct RunShellModelTests {
  func run(_ line: String, from image: String = "debian:12") -> (AnalyzedDockerfile, ShellScript) {
    let file = analyze("FROM \(image)\nRUN \(line)\n")
    let position = file.instructions.lastIndex { $0.kind == .run }!
    return (file, file.scripts[position]!)
  }

  @Test func pipelinesGroupCommandsJoinedByPipes() {
    let (file, script) = run("a | b | c && d; e | f")
    #expect(script.pipelines.map(\.positions) == [[0, 1, 2], [4, 5]])
    #expect(Array(script.pipelines[0].hiddenPositions) == [0, 1])
    // The `|` itself is the separator's range.
    #expect(file.source.text(script.commands[1].separatorRange!) == "|")
    #expect(file.source.text(script.commands[3].separatorRange!) == "&&")
    // Inner scripts have pipelines of their own, and they do not join outer ones.
    let (_, nested) = run("curl x | sh -c 'tar x | gzip' | cat")
    #expect(nested.pipelines.map(\.positions) == [[0, 1, 4], [2, 3]])
    #expect(nested.runner(of: 2)?.program == "sh")
    #expect(nested.runner(of: 1) == nil)
  }

  @Test func optionsComeFromSetAndInnerShells() {
    let (_, script) = run("set -eux && a | b && set +e && c | d")
    let first = script.options(before: 1, initial: ShellOptions())
    #expect(first.errexit && !first.pipefail)
    #expect(!script.options(before: 4, initial: ShellOptions()).errexit)
    let (_, pipefail) = run("set -euo pipefail; a | b")
    #expect(pipefail.options(before: 1, initial: ShellOptions()).pipefail)
    let (_, inner) = run("bash -eo pipefail -c 'a | b'")
    let options = inner.options(before: 1, initial: ShellOptions())
    #expect(options.pipefail && options.errexit)
    // A SHELL's options start the script; `set +o` turns them off.
    let (_, off) = run("set +o pipefail; a | b")
    #expect(!off.options(before: 1, initial: ShellOptions(pipefail: true)).pipefail)
  }

  @Test func statusUseFollowsTheNextOperator() {
    let plain = ShellOptions()
    let (_, last) = run("a; b | c")
    #expect(last.usesStatus(of: last.pipelines[0], options: plain))
    let (_, dropped) = run("b | c; d")
    #expect(!dropped.usesStatus(of: dropped.pipelines[0], options: plain))
    #expect(dropped.usesStatus(of: dropped.pipelines[0], options: ShellOptions(errexit: true)))
    let (_, chained) = run("b | c && d")
    #expect(chained.usesStatus(of: chained.pipelines[0], options: plain))
    let (_, ignored) = run("b | c || true")
    #expect(!ignored.usesStatus(of: ignored.pipelines[0], options: plain))
    let (_, handled) = run("b | c || exit 1")
    #expect(handled.usesStatus(of: handled.pipelines[0], options: plain))
    let (_, condition) = run("if b | grep -q x; then d; fi; e")
    #expect(condition.usesStatus(of: condition.pipelines[0], options: plain))
  }

  @Test func printingCommandsCannotFailInAPipe() {
    let (_, script) = run("echo x | a && printf y | b && cat | c && cat f | d && curl u | e")
    let feeders = script.pipelines.map { script.commands[$0.positions[0]].cannotFailInPipe }
    #expect(feeders == [true, true, true, false, false])
  }

  @Test func assignedSubstitutionsExposeTheirPipelines() {
    let (file, script) = run("v=$(curl -s u | head -n1) && echo \"$(a | b)\" && export w=$(c | d)")
    let assigned = script.assignedPipelines
    #expect(assigned.count == 1)
    #expect(assigned[0].commands.map(\.program) == ["curl", "head"])
    #expect(file.source.text(assigned[0].word.range).hasPrefix("v=$(curl"))
  }

  @Test func shellsFollowStagesAndFrom() {
    let file = analyze(
      """
      FROM debian:12 AS base
      RUN a
      SHELL ["/bin/bash", "-o", "pipefail", "-c"]
      RUN b
      FROM base
      RUN c
      FROM debian:12
      RUN d
      """)
    let shells = file.runShells
    #expect(shells[1].words.isEmpty && shells[1].program == "sh")
    #expect(shells[3].options.pipefail && shells[3].program == "bash" && shells[3].position == 2)
    #expect(shells[5].options.pipefail)
    #expect(shells[7].words.isEmpty)
    #expect(RunShell(words: ["/bin/dash", "-c"], position: nil).hasPipefailOption == false)
    #expect(RunShell(words: ["pwsh", "-Command"], position: nil).isPOSIX == false)
  }

  @Test func userlandsComeFromImageNamesAndTags() {
    func userland(_ image: String) -> ImageUserland {
      let file = analyze("FROM \(image)\nRUN a\n")
      return file.userland(at: 1)
    }
    #expect(userland("debian:12-slim") == .gnu)
    #expect(userland("python:3.12") == .gnu)
    #expect(userland("python:3.12-alpine") == .busybox)
    #expect(userland("alpine:3.20") == .busybox)
    #expect(userland("registry.access.redhat.com/ubi9/ubi-minimal") == .gnu)
    #expect(userland("mcr.microsoft.com/windows/servercore:ltsc2022") == .windows)
    #expect(userland("gcr.io/distroless/static-debian12") == .none)
    #expect(userland("mcr.microsoft.com/dotnet/sdk:8.0") == .gnu)
    #expect(userland("example.com/sdk:1") == .unknown)
    #expect(userland("myorg/base:1") == .unknown)
    let file = analyze("FROM alpine:3\nRUN apk add --no-cache bash wget\nRUN a\n")
    #expect(file.installsPackage("bash", before: 2))
    #expect(!file.installsPackage("bash", before: 1))
    #expect(file.installsPackage("wget", before: 1, inclusive: true))
  }

  @Test func confirmationsAreAnsweredByOptions() {
    func answers(_ line: String) -> Bool {
      let (_, script) = run(line)
      let command = script.commands[0]
      let manager = PackageManager.of(command)!
      return manager.answersConfirmation(command, command.parsedArguments)
    }
    #expect(!answers("apt-get install curl"))
    #expect(answers("apt-get install -y curl"))
    #expect(answers("apt-get -qq install curl"))
    #expect(answers("apt-get -q=2 install curl"))
    #expect(!answers("apt-get -q install curl"))
    #expect(answers("apt-get -o APT::Get::Assume-Yes=true install curl"))
    #expect(answers("apt-get install --assume-yes curl"))
    #expect(!answers("dnf install python3"))
    #expect(answers("dnf --assumeyes install python3"))
    #expect(answers("dnf --setopt=assumeyes=True install python3"))
    #expect(answers("microdnf install python3"))
    #expect(answers("zypper -n install curl"))
    #expect(answers("zypper install -y curl"))
    #expect(!answers("zypper install curl"))
    #expect(PackageManager.apt.confirmingVerbs.contains("install"))
    #expect(!PackageManager.apt.confirmingVerbs.contains("update"))
  }

  @Test func wgetProgressOptions() {
    func logs(_ line: String) -> Bool {
      let (_, script) = run(line)
      return script.commands[0].download!.logsProgress
    }
    #expect(logs("wget -O f https://x/f"))
    #expect(!logs("wget -q -O f https://x/f"))
    #expect(!logs("wget -qO- https://x/f"))
    #expect(!logs("wget -nv https://x/f"))
    #expect(logs("wget -nc https://x/f"))
    #expect(!logs("wget --progress=dot:giga https://x/f"))
    #expect(!logs("wget --progress dot:giga https://x/f"))
    #expect(!logs("wget -o log https://x/f"))
    let (_, curl) = run("curl -o f https://x/f")
    #expect(curl.commands[0].download?.logsProgress == false)
  }
}
