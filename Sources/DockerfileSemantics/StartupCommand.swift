import DockerfileSyntax

extension AnalyzedDockerfile {
  /// Programs that make an image a toolchain or shell environment when they are what it runs.
  public static let toolPrograms: Set<String> = [
    "sh", "bash", "zsh", "ash", "dash", "fish", "pwsh", "powershell", "cmd", "mvn", "gradle",
    "cargo", "rustc", "rustup", "gcc", "g++", "make", "cmake", "jshell", "ghci", "stack", "cabal",
    "iex", "mix", "erl", "swift", "sleep", "tail", "jenkins-agent", "jenkins-slave", "dlv",
  ]
  /// Init wrappers that run the real program after their own options.
  public static let initWrappers: Set<String> = [
    "tini", "dumb-init", "gosu", "su-exec", "tini-static",
  ]

  /// The programs (base names, lower-cased) and their arguments of the final image's
  /// ENTRYPOINT and CMD, init wrappers looked through; an entrypoint script usually runs CMD.
  public var startupPrograms: [(program: String, arguments: [String])] {
    let positions = finalImagePositions
    var programs: [(program: String, arguments: [String])] = []
    for kind in [InstructionKind.entrypoint, .cmd] {
      guard let position = positions.last(where: { instructions[$0].kind == kind }) else {
        continue
      }
      let words: [String]
      switch instructions[position].arguments {
      case .exec(let list): words = list.map(\.text)
      case .text(let word): words = word.text.split(separator: " ").map(String.init)
      default: words = []
      }
      var rest = words[...]
      while let first = rest.first, Self.initWrappers.contains(Paths.baseName(first).lowercased()) {
        rest = rest.dropFirst().drop { $0.hasPrefix("-") }
      }
      guard let first = rest.first, !first.isEmpty else { continue }
      programs.append((Paths.baseName(first).lowercased(), Array(rest.dropFirst())))
    }
    return programs
  }

  /// Interpreters that, started with no arguments, open a prompt: `CMD ["python3"]` is how a
  /// language image (the official `python`, `node`, `ruby`; CI build images) says it runs no
  /// program of its own.
  public static let interactiveInterpreters: Set<String> = [
    "python", "python2", "python3", "ipython", "node", "nodejs", "irb", "jirb", "pry", "r",
    "julia", "lua", "scala", "groovysh", "deno", "bun",
  ]

  /// True when the final image starts an application: it names a command, and neither
  /// ENTRYPOINT nor CMD is a shell or build tool or a bare interpreter's prompt, and it is not
  /// an entrypoint script alone. Toolchain, CI, test and development images fail this test:
  /// shipping tools is their purpose.
  public var isApplicationImage: Bool {
    guard !isTestOrDevelopmentImage else { return false }
    let programs = startupPrograms
    guard !programs.isEmpty, !programs.contains(where: { Self.toolPrograms.contains($0.program) })
    else { return false }
    if programs.count == 1, programs[0].arguments.isEmpty,
      Self.interactiveInterpreters.contains(programs[0].program)
    {
      return false
    }
    let hasCommand = finalImagePositions.contains { instructions[$0].kind == .cmd }
    return !(programs.count == 1 && programs[0].program.hasSuffix(".sh") && !hasCommand)
  }

  /// True for a dev container's Dockerfile (in a `.devcontainer` folder, as the Development
  /// Containers specification places it): an editor's workspace, never shipped, full of
  /// tools on purpose.
  static func isDevelopmentContainer(path: String) -> Bool {
    // CodeSandbox and Gitpod keep their workspace images in `.codesandbox` and `.gitpod`.
    let folders = path.parts(separatedBy: UInt8(ascii: "/")).dropLast()
    return folders.contains { $0 == ".devcontainer" || $0 == ".codesandbox" || $0 == ".gitpod" }
      || path.hasSuffix(".gitpod.Dockerfile")
  }

  /// True for an image built to test or develop the project rather than to ship, where its
  /// size is not at stake and a full toolset is the point: a dev container; a Dockerfile within
  /// four folders of a test folder (`test`, `tests`, `testdata`, `testfiles`, `testing`,
  /// `fixtures`, `__tests__`, `e2e`, or a name ending in `-test`, `_tests`, `.Tests` …); a Dockerfile named
  /// for tests or development (`Dockerfile.test`, `test.Dockerfile`, `Dockerfile.dev`,
  /// `api-devel.Dockerfile`); or a final stage named `dev`, `devel`, `development` or `test`,
  /// as `docker build .` then builds the development environment.
  /// (Stored as `isTestOrDevelopmentImage`, decided once per file: rules ask it per check.)
  static func isTestOrDevelopmentImage(
    path: String, isDevelopmentContainer: Bool, finalStage: Stage?
  ) -> Bool {
    if isDevelopmentContainer || isTestOrDevelopmentPath(path) { return true }
    guard let name = finalStage?.name?.lowercased() else { return false }
    return developmentStageNames.contains(name)
  }

  static let developmentStageNames: Set<String> = [
    "dev", "devel", "development", "test", "tests", "testing",
  ]
  static let testFolders: Set<String> = [
    "test", "tests", "testdata", "testfiles", "testing", "fixtures", "fixture", "__tests__",
    "e2e",
  ]
  static let testOrDevelopmentNameParts: Set<String> = [
    "test", "tests", "e2e", "dev", "devel", "development",
  ]

  /// The path part of `isTestOrDevelopmentImage`. Only the four nearest folders count, so a
  /// checkout kept under `~/tests/` does not silence every rule on it.
  static func isTestOrDevelopmentPath(_ path: String) -> Bool {
    // Bytes, lower-cased as ASCII (the words compared are ASCII): read as Characters this
    // cost 73 k instructions per file.
    let bytes = path.utf8.map { (0x41...0x5A).contains($0) ? $0 + 32 : $0 }
    let components = bytes.split(separator: UInt8(ascii: "/"))
    guard let name = components.last else { return false }
    func isTestFolder(_ folder: ArraySlice<UInt8>) -> Bool {
      testFolderBytes.contains { folder.elementsEqual($0) }
        || testFolderSuffixes.contains {
          folder.count >= $0.count && folder.suffix($0.count).elementsEqual($0)
        }
    }
    if components.dropLast().suffix(4).contains(where: isTestFolder) { return true }
    // `Dockerfile.test`, `dev.Dockerfile`: a part beside the word Dockerfile or Containerfile.
    let parts = name.split(whereSeparator: {
      $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
    })
    guard
      parts.contains(where: {
        $0.elementsEqual("dockerfile".utf8) || $0.elementsEqual("containerfile".utf8)
      })
    else { return false }
    return parts.contains { part in namePartBytes.contains { part.elementsEqual($0) } }
  }

  static let testFolderBytes = testFolders.map { Array($0.utf8) }
  static let testFolderSuffixes = ["-test", "-tests", "_test", "_tests", ".test", ".tests"].map {
    Array($0.utf8)
  }
  static let namePartBytes = testOrDevelopmentNameParts.map { Array($0.utf8) }

  /// The commands the final image's ENTRYPOINT and CMD run, shell forms read like RUN
  /// (`CMD cp -a /src /work && make docs` runs `make`).
  public var startupCommands: [ShellCommand] {
    let positions = finalImagePositions
    return [InstructionKind.entrypoint, .cmd].flatMap { kind -> [ShellCommand] in
      guard let position = positions.last(where: { instructions[$0].kind == kind }) else {
        return []
      }
      return RunScripts.commandScript(of: instructions[position])?.commands ?? []
    }
  }
}

extension AnalyzedDockerfile {
  /// POSIX-family shells: with one of these as SHELL, a shell-form command still runs under a
  /// shell that keeps signals from the program, exactly as the default `/bin/sh -c`.
  public static let posixShells: Set<String> = [
    "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox",
  ]

  /// True when a shell-form CMD or ENTRYPOINT ends by `exec`-ing its program (`exec node app`,
  /// `cd /app && exec ./server`): the shell replaces itself, so the program is PID 1.
  public static func execsProgram(_ instruction: Instruction) -> Bool {
    guard case .text = instruction.arguments,
      let script = RunScripts.commandScript(of: instruction), script.isFullyParsed,
      let last = script.commands.last(where: { $0.nesting == 0 }), last.depth == 0,
      last.wrapper("exec") != nil, last.name != nil
    else { return false }
    return script.commands.allSatisfy { $0.separator != "|" && $0.separator != "&" }
  }
}
