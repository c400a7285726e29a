import DockerfileSyntax

/// Commands joined by `|` in one script (`curl -fsSL URL | tar -xz`): their positions in
/// ``ShellScript/commands``, all at one nesting, the first one first.
public struct Pipeline: Sendable, Hashable {
  public var positions: [Int]

  public init(positions: [Int]) { self.positions = positions }

  /// The commands whose exit status the pipeline drops without `pipefail`: all but the last.
  public var hiddenPositions: ArraySlice<Int> { positions.dropLast() }
}

/// Shell options a script sets for itself (`set -eo pipefail`, `bash -o pipefail -c '…'`).
public struct ShellOptions: Sendable, Hashable {
  /// `-o pipefail`: a pipeline fails when any of its commands fails.
  public var pipefail = false
  /// `-e` / `-o errexit`: the script stops at the first failing command.
  public var errexit = false

  public init(pipefail: Bool = false, errexit: Bool = false) {
    self.pipefail = pipefail
    self.errexit = errexit
  }

  /// The options set by a shell's own arguments or by `set` (`-euxo pipefail`, `+e`).
  public mutating func apply(_ arguments: CommandArguments) {
    for option in arguments.options {
      let enables = option.word.value.hasPrefix("-")
      switch option.name {
      case "-e", "+e": errexit = enables
      case "-o", "+o":
        switch option.value?.value {
        case "pipefail": pipefail = enables
        case "errexit": errexit = enables
        default: break
        }
      default: break
      }
    }
  }
}

extension ShellScript {
  /// Every pipeline of two or more commands, in order (inner `sh -c` scripts included, each
  /// at its own nesting).
  public var pipelines: [Pipeline] {
    var result: [Pipeline] = []
    // The open pipeline of each nesting level.
    var open: [Int: [Int]] = [:]
    func close(_ nesting: Int) {
      if let positions = open.removeValue(forKey: nesting), positions.count > 1 {
        result.append(Pipeline(positions: positions))
      }
    }
    for (index, command) in commands.enumerated() {
      let nesting = command.nesting
      // A command of a shallower script ends the pipelines of the deeper ones.
      for deeper in open.keys where deeper > nesting { close(deeper) }
      if command.separator == "|", open[nesting] != nil {
        open[nesting]!.append(index)
      } else {
        close(nesting)
        open[nesting] = [index]
      }
    }
    for nesting in open.keys.sorted() { close(nesting) }
    return result.sorted { $0.positions[0] < $1.positions[0] }
  }

  /// The command that runs the inner script holding the command at `index` (`bash -o
  /// pipefail -c '…'`), nil for a top-level command.
  public func runner(of index: Int) -> ShellCommand? {
    let nesting = commands[index].nesting
    guard nesting > 0 else { return nil }
    var position = index - 1
    while position >= 0 {
      if commands[position].nesting < nesting { return commands[position] }
      position -= 1
    }
    return nil
  }

  /// The options in force when the command at `index` runs, starting from `initial` (those
  /// of the shell running the script): `set` commands before it at its nesting and the
  /// flags of the inner shell that runs it (`sh -eo pipefail -c '…'`).
  public func options(before index: Int, initial: ShellOptions) -> ShellOptions {
    let nesting = commands[index].nesting
    var options = initial
    var start = 0
    if let runner = runner(of: index) {
      options = ShellOptions()
      options.apply(CommandArguments(runner.arguments, syntax: ArgumentSyntax.shell))
      start = commands.firstIndex(of: runner).map { $0 + 1 } ?? 0
    }
    for position in start..<index where commands[position].nesting == nesting {
      let command = commands[position]
      guard command.program == "set", command.depth <= commands[index].depth else { continue }
      options.apply(CommandArguments(command.arguments, syntax: ArgumentSyntax.shell))
    }
    return options
  }

  /// True when the script looks at the pipeline's exit status: it is the last command of its
  /// script, is followed by `&&` or `||` (but not `|| true`), runs inside a compound
  /// command (an `if` condition, a loop), or `errexit` stops the script when it fails.
  public func usesStatus(of pipeline: Pipeline, options: ShellOptions) -> Bool {
    guard let last = pipeline.positions.last else { return false }
    let nesting = commands[last].nesting
    if commands[last].depth > 0 { return true }
    var next = last + 1
    while next < commands.count, commands[next].nesting > nesting { next += 1 }
    guard next < commands.count, commands[next].nesting == nesting else { return true }
    let following = commands[next]
    switch following.separator {
    case "&&": return true
    case "||":
      // `a | b || true` ignores the status whatever it is.
      return !["true", ":"].contains(following.program) || !following.arguments.isEmpty
    default:
      return options.errexit
    }
  }
}

extension ShellCommand {
  /// True when this command, feeding a pipe, cannot fail in a way worth reporting: it only
  /// prints its arguments (`echo`, `printf`, `yes`, `true`), or it is a `cat` that copies
  /// standard input or a heredoc.
  public var cannotFailInPipe: Bool {
    switch program {
    case "echo", "printf", "yes", "true", ":": return true
    case "cat": return arguments.isEmpty && redirections.isEmpty
    default: return false
    }
  }
}

/// A pipeline inside a command substitution whose value a plain assignment takes
/// (`dirs=$(ldconfig -p | sed …)`): the assignment's status is the substitution's, so the
/// script sees the pipeline's status where it looks at the assignment's.
public struct AssignedPipeline: Sendable {
  /// The position of the assignment in ``ShellScript/commands``.
  public var position: Int
  /// The assignment word holding the substitution.
  public var word: ShellWord
  /// The substitution's commands and its pipeline among them.
  public var commands: [ShellCommand]
  public var pipeline: Pipeline
}

extension ShellScript {
  /// Pipelines of command substitutions assigned by commands that only assign (`x=$(a | b)`;
  /// not `export x=$(…)` or `echo "$(…)"`, whose status is their own).
  public var assignedPipelines: [AssignedPipeline] {
    var result: [AssignedPipeline] = []
    for (position, command) in commands.enumerated() where command.name == nil {
      for word in command.assignments where !word.isLiteral {
        let inner = word.substitutedCommands
        guard inner.count > 1 else { continue }
        let script = ShellScript(commands: inner, isFullyParsed: true)
        for pipeline in script.pipelines where inner[pipeline.positions[0]].nesting == 1 {
          result.append(
            AssignedPipeline(position: position, word: word, commands: inner, pipeline: pipeline))
        }
      }
    }
    return result
  }
}
