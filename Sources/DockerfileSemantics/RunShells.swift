import DockerfileSyntax

/// The shell a shell-form RUN runs under: the last SHELL of its stage, or of the stages it is
/// built `FROM` (SHELL is part of the image), else the base image's default.
public struct RunShell: Sendable, Hashable {
  /// The SHELL words (`["/bin/bash", "-o", "pipefail", "-c"]`); empty for the default.
  public var words: [String]
  /// Where the SHELL instruction is, nil for the default.
  public var position: Int?

  public init(words: [String], position: Int?) {
    self.words = words
    self.position = position
  }

  /// The shell's base name (`bash`), lower-cased; `sh` for the default.
  public var program: String {
    words.first.map { Paths.baseName($0).lowercased() } ?? "sh"
  }

  /// True for the POSIX shell family (sh, bash, ash, dash, zsh, ksh, mksh, busybox).
  public var isPOSIX: Bool { AnalyzedDockerfile.posixShells.contains(program) }

  /// True when the shell has a `pipefail` option (dash has none).
  public var hasPipefailOption: Bool { isPOSIX && program != "dash" }

  /// The options the SHELL words set (`-o pipefail`, `-e`).
  public var options: ShellOptions {
    var options = ShellOptions()
    let words = self.words.dropFirst().map {
      ShellWord(value: $0, range: SourceRange(start: 0, end: 0), isLiteral: true)
    }
    options.apply(CommandArguments(words, syntax: ArgumentSyntax.shell))
    return options
  }
}

extension AnalyzedDockerfile {
  /// The shell of every instruction position (the SHELL in force there), in one pass.
  public var runShells: [RunShell] {
    var result = Array(repeating: RunShell(words: [], position: nil), count: instructions.count)
    var lastOfStage: [Int: RunShell] = [:]
    for stage in stages {
      var current =
        stage.baseStage.flatMap { lastOfStage[$0] } ?? RunShell(words: [], position: nil)
      for position in stage.instructionIndices {
        let instruction = instructions[position]
        if instruction.kind == .shell, case .exec(let words) = instruction.arguments, !words.isEmpty
        {
          current = RunShell(words: words.map(\.text), position: position)
        }
        result[position] = current
      }
      lastOfStage[stage.index] = current
    }
    return result
  }

  /// The user land of the image the stage holding `position` starts from (following
  /// `FROM <stage>`), ``ImageUserland/unknown`` when its base is unknown.
  public func userland(at position: Int) -> ImageUserland {
    guard let stage = stage(containing: position), stage.index < stageUserlands.count else {
      return .unknown
    }
    return stageUserlands[stage.index]
  }

  /// True when a system package manager of the stage holding `position`, or of the stages it
  /// is built from, installs `package` before `position` (or in it, when `inclusive`).
  public func installsPackage(_ package: String, before position: Int, inclusive: Bool = false)
    -> Bool
  {
    guard let stage = stage(containing: position) else { return false }
    return stage.chain(in: stages).contains { member in
      member.instructionIndices.contains { index in
        (member.index != stage.index || index < position || (inclusive && index == position))
          && installedSystemPackages[index].contains(package)
      }
    }
  }
}
