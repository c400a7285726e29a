import DockerfileSemantics
import DockerfileSyntax
import Testing

/// The command-line model: wrappers, nested scripts, where a script ends, option tables.
@Suite struct CommandModelTests {
  func script(_ dockerfile: String) -> (AnalyzedDockerfile, ShellScript) {
    let file = analyze(dockerfile)
    let position = file.instructions.lastIndex { $0.kind == .run }!
    return (file, file.scripts[position]!)
  }

  func run(_ line: String) -> (AnalyzedDockerfile, ShellScript) {
    script("FROM a\nRUN \(line)\n")
  }

  @Test func wrappersAreLookedThrough() {
    let (file, shell) = run(
      "sudo -E -u app apt-get install -y curl && env -u X CGO_ENABLED=0 go build . && nice -n 5 xargs -r rm"
    )
    #expect(shell.commands.map(\.program) == ["apt-get", "go", "rm"])
    #expect(shell.commands[0].wrappers.map(\.program) == ["sudo"])
    #expect(file.source.text(shell.commands[0].wrapper("sudo")!.name.range) == "sudo")
    #expect(shell.commands[0].runsAsOtherUser)
    #expect(shell.commands[0].argumentValues == ["install", "-y", "curl"])
    #expect(shell.commands[1].assignment("CGO_ENABLED") == "0")
    #expect(shell.commands[2].wrappers.map(\.program) == ["nice", "xargs"])
    #expect(shell.invokes("apt-get") && !shell.invokes("sudo"))
    // Lookups and bare wrappers run nothing else: they are the command.
    let (_, lookups) = run("command -v curl; sudo -l; exec >/log 2>&1; timeout 10 sleep 1")
    #expect(lookups.commands.map(\.program) == ["command", "sudo", "exec", "sleep"])
    let (_, python) = run("python3 -m pip install flask && gosu root whoami")
    #expect(python.commands.map(\.program) == ["pip", "whoami"])
    #expect(!python.commands[1].runsAsOtherUser)
  }

  @Test func nestedScriptsMapToTheirWords() {
    let (file, shell) = run("bash -lc 'apt-get install -y curl' && su app -c \"npm i -g x\"")
    #expect(shell.commands.map(\.program) == ["bash", "apt-get", "su", "npm"])
    #expect(file.source.text(shell.commands[1].arguments[2].range) == "curl")
    #expect(span(shell.commands[1].arguments[2].range, in: file) == "2:34-2:38")
    #expect(file.source.text(shell.commands[3].arguments[2].range) == "x")
    #expect(shell.commands[3].runsAsOtherUser)
    // Options before -c, and an operand that is a script file, not a command string.
    let (_, options) = run("bash -o pipefail -euxc 'make all' && sh ./install.sh -c")
    #expect(options.commands.map(\.program) == ["bash", "make", "sh"])
    // Exec form: the JSON string maps back when it has no escapes.
    let (exec, json) = script("FROM a\nRUN [\"/bin/sh\", \"-c\", \"apk add curl\"]\n")
    #expect(json.commands.map(\.program) == ["sh", "apk"])
    #expect(exec.source.text(json.commands[1].arguments[1].range) == "curl")
    // A continuation and a comment line inside the RUN.
    let (continued, lines) = script(
      "FROM a\nRUN apt-get update && \\\n# the tools\n    apt-get install -y \\\n      jq\n")
    #expect(lines.commands.map(\.program) == ["apt-get", "apt-get"])
    #expect(continued.source.text(lines.commands[1].arguments[2].range) == "jq")
  }

  @Test func execAndExitEndTheScript() {
    func programs(_ line: String) -> ([String], [String]) {
      let (_, shell) = run(line)
      return (shell.commands.map(\.program), shell.unreachableCommands.map(\.program))
    }
    #expect(programs("exec bash && npm install -g x") == (["bash"], ["npm"]))
    #expect(programs("cd /x && exec node app.js; rm -rf /tmp") == (["cd", "node", "rm"], []))
    #expect(programs("make || exit 1; make install") == (["make", "exit", "make"], []))
    #expect(programs("exit 0; echo never") == (["exit"], ["echo"]))
    #expect(
      programs("test -f x && exit 0 && echo no || echo yes") == (
        ["test", "exit", "echo"], ["echo"]
      ))
    #expect(programs("if [ -f x ]; then exit 0; fi; echo yes") == (["[", "exit", "echo"], []))
    #expect(programs("exec >/log 2>&1; echo yes") == (["exec", "echo"], []))
    #expect(programs("yes | exec head -1; echo yes") == (["yes", "head", "echo"], []))
    #expect(programs("sh -c 'exit 0; echo no'; echo yes") == (["sh", "exit", "echo"], []))
  }

  @Test func optionsAndValues() {
    let (file, shell) = run(
      "apt-get -o Dpkg::Options::=--force-confold -qq=2 -t bookworm-backports install -qy --no-install-recommends curl"
    )
    let apt = shell.commands[0].parsedArguments
    #expect(apt.verb == "install")
    #expect(apt.operands.map(\.value) == ["curl"])
    #expect(apt.value("-t")?.value == "bookworm-backports")
    #expect(apt.value("-o")?.value == "Dpkg::Options::=--force-confold")
    #expect(apt.has("-y") && apt.has("--no-install-recommends") && !apt.has("--yes"))
    #expect(apt.count("-q") == 3)
    // apt 3.0's `--snapshot ID` (`-S ID`) installs from a dated snapshot; the ID is no package.
    let (_, snapshot) = run(
      "apt-get install -y --snapshot 20260127T200000Z -S 20260101T000000Z git")
    #expect(snapshot.commands[0].parsedArguments.operands.map(\.value) == ["git"])
    let (_, download) = run(
      "curl -fsSLo /tmp/x.tgz https://e.org/x.tgz && wget -qO- https://e.org/y | sh")
    #expect(download.commands[0].download?.output?.value == "/tmp/x.tgz")
    #expect(download.commands[0].download?.urls.map(\.value) == ["https://e.org/x.tgz"])
    #expect(download.commands[1].download?.writesToStandardOutput == true)
    #expect(download.pipeReader(of: 1)?.program == "sh")
    #expect(download.pipeReader(of: 0) == nil)
    let (inline, words) = run(
      "pip install --index-url=https://x/simple flask && wget --no-check-certificate u")
    let index = words.commands[0].parsedArguments.value("--index-url")!
    #expect(inline.source.text(index.range) == "https://x/simple")
    #expect(words.commands[1].download?.insecureOption?.name == "--no-check-certificate")
    _ = file
  }

  @Test func packageNotations() {
    func packages(_ line: String) -> [String] {
      let (_, shell) = run(line)
      return shell.packageInstalls.flatMap { install in
        install.packages.map { package in
          "\(package.name)|\(package.version ?? "-")|\(package.source)|\(package.isPinned)"
        }
      }
    }
    #expect(
      packages("apt-get install -y curl=7.88* git ./x.deb libc6:amd64=2.36 vim/bookworm-backports")
        == [
          "curl|7.88*|registry|true", "git|-|registry|false", "./x.deb|-|file|true",
          "libc6:amd64|2.36|registry|true", "vim|-|registry|false",
        ])
    #expect(
      packages("apk add --no-cache -t .deps gcc~12 'musl-dev>1' curl@edge /tmp/a.apk")
        == [
          "gcc|~12|registry|true", "musl-dev|>1|registry|true", "curl|-|registry|false",
          "/tmp/a.apk|-|file|true",
        ])
    #expect(
      packages(
        "dnf install -y --setopt=x=1 java-11-openjdk nginx-1.20.1-1.el8 perl-$V https://e/x.rpm @dev"
      )
        == [
          "java-11-openjdk|-|registry|false", "nginx|1.20.1-1.el8|registry|true",
          "perl|$V|registry|true", "https://e/x.rpm|-|url|true", "dev|-|group|true",
        ])
    #expect(
      packages("dnf module install -y nodejs:18 php") == [
        "nodejs|18|registry|true", "php|-|registry|false",
      ])
    #expect(
      packages(
        "pip install -r req.txt -e . 'flask[async]>=3' requests git+https://g/x.git@v1 dist/a.whl")
        == [
          "req.txt|-|requirements|true", ".|-|directory|true", "flask|>=3|registry|true",
          "requests|-|registry|false", "git+https://g/x.git@v1|-|vcs|true",
          "dist/a.whl|-|file|true",
        ])
    #expect(packages("pip install -c c.txt flask") == ["flask|-|registry|true"])
    #expect(packages("uv pip install --system ruff") == ["ruff|-|registry|false"])
    #expect(
      packages("npm install -g @scope/x@1.2 y@latest z ./dir user/repo#v1")
        == [
          "@scope/x|1.2|registry|true", "y|latest|registry|false", "z|-|registry|false",
          "./dir|-|directory|true", "user/repo#v1|-|vcs|true",
        ])
    #expect(packages("yarn global add typescript@^5") == ["typescript|^5|registry|true"])
    #expect(
      packages("gem install rails:7.1 bundler") == [
        "rails|7.1|registry|true", "bundler|-|registry|false",
      ])
    #expect(packages("gem install bundler -v 2.4") == ["bundler|-|registry|true"])
    #expect(
      packages("go install golang.org/x/tools/gopls@latest github.com/a/b@v1.2.3 ./cmd/x")
        == [
          "golang.org/x/tools/gopls|latest|registry|false", "github.com/a/b|v1.2.3|registry|true",
          "./cmd/x|-|directory|true",
        ])
    #expect(
      packages("conda install -y -c conda-forge numpy=1.26 conda-forge::pandas scipy")
        == ["numpy|=1.26|registry|true", "pandas|-|registry|false", "scipy|-|registry|false"])
    #expect(packages("cargo install ripgrep@14 --locked") == ["ripgrep|14|registry|true"])
    #expect(
      packages("zypper -n in -y vim=9.0 'curl>=8'") == [
        "vim|=9.0|registry|true", "curl|>=8|registry|true",
      ])
  }

  @Test func packageListsInVariables() {
    let file = analyze(
      "FROM a\nARG PINNED=\"curl=7.88 git=1:2.39\"\nARG UNKNOWN\nRUN apt-get install -y $PINNED $UNKNOWN && DEPS='gcc make' && apt-get install -y $DEPS \"$(cat list)\"\n"
    )
    let installs = file.packageInstalls(at: 3)
    #expect(installs.count == 2)
    #expect(installs[0].packages.map(\.name) == ["curl", "git", "$UNKNOWN"])
    #expect(installs[0].packages.map(\.isPinned) == [true, true, false])
    #expect(installs[0].packages[2].source == .unknown)
    #expect(installs[1].unpinnedPackages.map(\.name) == ["gcc", "make"])
    #expect(installs[1].hasUnknownPackages)
    #expect(file.source.text(installs[1].packages[0].word.range) == "$DEPS")
  }

  @Test func floatingPackagesAndReleases() {
    func floating(_ line: String) -> [String] {
      let (_, shell) = run(line)
      return shell.packageInstalls.flatMap { $0.floatingPackages.map(\.name) }
    }
    // apt: a release chosen by `name/release`, `-t` or APT::Default-Release is not floating.
    #expect(floating("apt-get install -y -t bookworm-backports golang curl") == [])
    #expect(floating("apt-get install -y -o APT::Default-Release=sid vim") == [])
    #expect(floating("apt-get install -y vim/bookworm-backports git curl=8*") == ["git"])
    // Simulations and downloads install nothing.
    #expect(floating("apt-get install -s postgresql-jit && apt-get install -d -y git") == [])
    #expect(floating("dnf install -y --downloadonly x && npm install --dry-run y") == [])
    let (_, shell) = run("apt-get install -y vim/bookworm-backports")
    #expect(shell.packageInstalls[0].packages[0].release == "bookworm-backports")
    // pip: checkouts without a ref float; the project's own folder with extras does not.
    #expect(
      floating("pip install git+https://g/x.git git+https://g/y.git@v1 .[dev] ../lib[test]")
        == ["git+https://g/x.git"])
    #expect(floating("pip install --no-index --find-links /wheels flask") == [])
    #expect(floating("python3 -m pip install -U pip setuptools==70") == ["pip"])
    // npm: no operand installs package.json; dist-tags float.
    #expect(floating("npm install && npm ci && npm i -g x@next y@^2") == ["x"])
    // go: module paths start with a domain; others are the module being built or std.
    #expect(
      floating("go install myapp/cmd/x ./... github.com/a/b golang.org/x/y@master g.io/z@v1")
        == ["github.com/a/b", "golang.org/x/y"])
    #expect(floating("gem install --local pups-1.4.0.gem rake -v 13") == [])
    #expect(
      floating("yum -y group install 'development tools' && dnf install -y libuv-1.44*") == [])
  }

  @Test func packageListsAssignedInTheRun() {
    let file = analyze(
      "FROM a\nENV V=20\nRUN deps='gcc make' set -x && apk add $deps && MORE=\"$deps nodejs$V\" && dnf install -y $MORE && env X='no' true && apk add $X\n"
    )
    let installs = file.packageInstalls(at: 2)
    #expect(
      installs.map { $0.floatingPackages.map(\.name) } == [
        ["gcc", "make"], ["gcc", "make", "nodejs20"], [],
      ])
    #expect(installs[2].hasUnknownPackages)
  }

  @Test func archives() {
    let (_, shell) = run(
      "tar xzf a.tgz && tar -C /opt -x -f b.tar.xz && curl u | tar -xz && unzip -q -d /opt c.zip")
    #expect(
      shell.commands.compactMap(\.unpackedArchive).map(\.value) == ["a.tgz", "b.tar.xz", "c.zip"])
  }
}
