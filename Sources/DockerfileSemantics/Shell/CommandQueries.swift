import DockerfileSyntax

extension ShellCommand {
  /// The subcommand (`install` in `apt-get -y -o X=1 install x`), read with the program's
  /// syntax; nil for programs without subcommands. Shorthand for `parsedArguments.subcommand`.
  public var subcommand: ShellWord? { parsedArguments.subcommand }

  /// The operands after the subcommand, option values excluded: `parsedArguments.operands`.
  public var operands: [ShellWord] { parsedArguments.operands }

  /// True when any of the long options (`--no-cache`) or the short letter (`y` in `-qy`) is
  /// given, read with the program's syntax (a value is never taken for an option).
  public func hasOption(_ long: String..., short: Character? = nil) -> Bool {
    let names = long + (short.map { ["-\($0)"] } ?? [])
    return parsedArguments.options.contains { names.contains($0.name) }
  }

  /// The value of the last of these options given (`-o FILE`, `-oFILE`, `--output=FILE`,
  /// `curl -fsSLo FILE`): `parsedArguments.value(…)`.
  public func optionValue(_ names: String...) -> ShellWord? {
    parsedArguments.options.last { names.contains($0.name) && $0.value != nil }?.value
  }
}

extension Instruction {
  /// Targets of `--mount=type=cache` and `type=tmpfs` on this RUN: what is written there
  /// never reaches the layer.
  public var cacheMountTargets: [String] {
    flags("mount").compactMap { flag in
      let options = (flag.value ?? "").split(separator: ",").map(String.init)
      guard options.contains(where: { $0 == "type=cache" || $0 == "type=tmpfs" }) else {
        return nil
      }
      for option in options {
        for key in ["target=", "dst=", "destination="] where option.hasPrefix(key) {
          return String(option.dropFirst(key.count))
        }
      }
      return nil
    }
  }

  /// True when a cache mount covers `path`.
  public func hasCacheMount(covering path: String) -> Bool {
    cacheMountTargets.contains { Paths.isWithin(path, Paths.resolve($0, in: "/")) }
  }
}

extension ShellScript {
  /// True when an `rm` in this script removes `path` or a directory containing it, or its
  /// contents (`/var/lib/apt/lists/*`), or something inside it.
  public func removes(_ path: String) -> Bool {
    removalTargets.contains { target, isPrefix in
      (isPrefix && path.hasPrefix(target)) || Paths.isWithin(path, target)
        || Paths.isWithin(target, path)
    }
  }

  /// True when an `rm` in this script removes the folder `path` itself, a folder above it, or
  /// everything in it (`rm -rf /src/*`); deleting some files inside it is not enough.
  /// `after`: only the `rm` commands after the command at that index count (a folder made
  /// again after an `rm` is still there).
  public func removesFolder(_ path: String, after index: Int = -1) -> Bool {
    removalTargets(after: index).contains { target, isPrefix in
      (isPrefix && path.hasPrefix(target)) || Paths.isWithin(path, target)
    }
  }

  private var removalTargets: [(target: String, isPrefix: Bool)] { removalTargets(after: -1) }

  /// The operands of the script's `rm` commands without their trailing `/` and `*`; `isPrefix`
  /// when a `*` was cut (`/tmp/build*` removes every name starting `/tmp/build`).
  private func removalTargets(after index: Int) -> [(target: String, isPrefix: Bool)] {
    positions(of: "rm").filter { $0 > index }.map { commands[$0] }.flatMap { command in
      command.arguments.compactMap { word -> (target: String, isPrefix: Bool)? in
        guard !word.value.hasPrefix("-") else { return nil }
        var target = word.value
        var isPrefix = false
        while target.hasSuffix("*") || target.hasSuffix("/") {
          if target.hasSuffix("*") { isPrefix = true }
          target.removeLast()
        }
        return target.isEmpty ? nil : (target, isPrefix)
      }
    }
  }

  private static let harmlessFindWords: Set<String> = [
    "-type", "-mindepth", "-maxdepth", "-depth", "-xdev", "-mount", "-print", "-noleaf",
    "-ignore_readdir_race", "-H", "-L", "-P",
  ]
  private static let findValueWords: Set<String> = ["-type", "-mindepth", "-maxdepth"]

  /// True when a `find` in this script deletes every file under `path`: it starts at `path`
  /// or a folder above it, deletes with `-delete` or `-exec rm` / `-execdir rm`, and filters
  /// nothing out but by type or depth (`-name '*.gz'` keeps the rest).
  public func findDeletesEverything(under path: String) -> Bool {
    let harmless = Self.harmlessFindWords
    let takesValue = Self.findValueWords
    return commands("find").contains { command in
      let words = command.arguments.map(\.value)
      let starts = words.prefix { !$0.hasPrefix("-") && $0 != "(" && $0 != "!" }
      guard
        starts.contains(where: { start in
          let folder = start.count > 1 && start.hasSuffix("/") ? String(start.dropLast()) : start
          return folder.hasPrefix("/") && Paths.isWithin(path, folder)
        })
      else { return false }
      var deletes = false
      var index = starts.count
      while index < words.count {
        let word = words[index]
        if word == "-delete" {
          deletes = true
        } else if word == "-exec" || word == "-execdir" {
          guard index + 1 < words.count, words[index + 1] == "rm" else { return false }
          deletes = true
          // The command runs to `;` or `+`.
          while index < words.count, words[index] != ";", words[index] != "+" { index += 1 }
        } else if !harmless.contains(word) {
          return false
        } else if takesValue.contains(word) {
          index += 1
        }
        index += 1
      }
      return deletes
    }
  }

  /// True when the script removes APT's package lists (`rm -rf /var/lib/apt/lists/*`,
  /// `find /var/lib/apt/lists -type f -delete`, or `apt-get dist-clean`, which since APT 2.7
  /// also deletes them; `apt-get clean` empties only the package cache).
  public var removesAptLists: Bool {
    removes("/var/lib/apt/lists") || findDeletesEverything(under: "/var/lib/apt/lists")
      || commands.contains {
        ($0.program == "apt-get" || $0.program == "apt") && $0.subcommand?.value == "dist-clean"
      }
  }
}
