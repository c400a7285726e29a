import DockerfileSyntax

extension ShellCommand {
  /// The first argument that is not an option (`install` in `apt-get -y install x`).
  public var subcommand: ShellWord? {
    arguments.first { !$0.value.hasPrefix("-") }
  }

  /// Arguments that are not options, after the subcommand.
  public var operands: [ShellWord] {
    var seenSubcommand = false
    return arguments.filter { word in
      if word.value.hasPrefix("-") { return false }
      if !seenSubcommand {
        seenSubcommand = true
        return false
      }
      return true
    }
  }

  /// True when any of the long options (`--no-cache`) or short letters (`y` in `-qy`) is given.
  public func hasOption(_ long: String..., short: Character? = nil) -> Bool {
    arguments.contains { word in
      let value = word.value
      if long.contains(where: { value == $0 || value.hasPrefix($0 + "=") }) { return true }
      if let short, value.hasPrefix("-"), !value.hasPrefix("--") {
        return value.dropFirst().contains(short)
      }
      return false
    }
  }

  /// The value of `-o FILE`, `-oFILE`, `--output FILE` or `--output=FILE`.
  public func optionValue(_ names: String...) -> ShellWord? {
    for (index, word) in arguments.enumerated() {
      for name in names {
        if word.value == name, index + 1 < arguments.count { return arguments[index + 1] }
        // A short option at the end of a cluster takes the next word: `curl -fsSLo FILE`.
        if name.count == 2, !name.hasPrefix("--"), word.value.hasPrefix("-"),
          !word.value.hasPrefix("--"),
          word.value.count > 2, word.value.last == name.last, index + 1 < arguments.count
        {
          return arguments[index + 1]
        }
        if name.hasPrefix("--"), word.value.hasPrefix(name + "=") {
          return ShellWord(
            value: String(word.value.dropFirst(name.count + 1)), range: word.range,
            isLiteral: word.isLiteral)
        }
      }
    }
    return nil
  }

  /// `python -m pip install …` and `pip3 install …` alike: the pip arguments, or nil.
  public var pipArguments: [ShellWord]? {
    let program = self.program
    if program.hasPrefix("pip") { return arguments }
    if program.hasPrefix("python"), let module = arguments.firstIndex(where: { $0.value == "-m" }),
      module + 1 < arguments.count, arguments[module + 1].value.hasPrefix("pip")
    {
      return Array(arguments[(module + 2)...])
    }
    return nil
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
  /// contents (`/var/lib/apt/lists/*`).
  public func removes(_ path: String) -> Bool {
    commands("rm").contains { command in
      command.arguments.contains { word in
        guard !word.value.hasPrefix("-") else { return false }
        var target = word.value
        var isPrefix = false
        while target.hasSuffix("*") || target.hasSuffix("/") {
          if target.hasSuffix("*") { isPrefix = true }
          target.removeLast()
        }
        guard !target.isEmpty else { return false }
        if isPrefix && path.hasPrefix(target) { return true }
        return Paths.isWithin(path, target) || Paths.isWithin(target, path)
      }
    }
  }

  /// True when the script removes APT's package lists (`rm -rf /var/lib/apt/lists/*`, or
  /// `apt-get dist-clean`, which since APT 2.7 also deletes them).
  public var removesAptLists: Bool {
    removes("/var/lib/apt/lists")
      || commands.contains {
        ($0.program == "apt-get" || $0.program == "apt") && $0.subcommand?.value == "dist-clean"
      }
  }
}
