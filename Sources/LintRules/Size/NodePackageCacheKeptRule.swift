import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// npm and yarn installs that keep their download caches in the image.
struct NodePackageCacheKeptRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1010", name: "node-package-cache-kept", severity: .info,
    summary: "`npm install`/`npm ci`/`yarn install` keep their package cache in the layer.",
    peers: PeerEquivalents(hadolint: ["DL3060"]), fix: .safe)

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // A dev container is an editor's workspace that never ships: its size is not at stake.
    guard !file.isDevelopmentContainer else { return }
    // Windows images keep the caches in the user's AppData folder, not under /root.
    let windows = file.finalBaseImage?.isWindows == true
    for position in file.finalImagePositions {
      guard let script = file.scripts[position], script.isFullyParsed else { continue }
      let instruction = file.instructions[position]
      // One finding per tool and RUN: the cache is one folder however many installs fill it.
      var reported: Set<String> = []
      for command in script.commands where !reported.contains(command.program) {
        guard command.program == "npm" || command.program == "yarn" else { continue }
        let arguments = command.parsedArguments
        var cache: String
        switch (command.program, arguments.subcommand?.value) {
        case ("npm", "install"), ("npm", "ci"), ("npm", "i"): cache = "/root/.npm"
        case ("yarn", "install"): cache = "/usr/local/share/.cache/yarn"
        case ("yarn", nil) where command.arguments.isEmpty: cache = "/usr/local/share/.cache/yarn"
        default: continue
        }
        // `sudo -u app npm install` fills app's cache, somewhere ballast cannot name.
        if command.runsAsOtherUser { cache = cache == "/root/.npm" ? "~/.npm" : "~/.cache/yarn" }
        let cleaned = script.commands.contains {
          guard $0.program == "npm" || $0.program == "yarn" else { return false }
          let arguments = $0.parsedArguments
          return arguments.verb == "cache" && arguments.operands.first?.value == "clean"
        }
        let environment = file.variables(before: position)
        if cleaned || script.removes(cache) || script.removes("/root/.cache")
          || instruction.hasCacheMount(covering: cache)
          || instruction.hasCacheMount(covering: "/root/.cache")
          || environment["npm_config_cache"] != nil
          || environment["YARN_CACHE_FOLDER"] != nil
          || arguments.has("--cache", "--cache-folder")
        {
          continue
        }
        guard let word = arguments.subcommand ?? command.name else { continue }
        reported.insert(command.program)
        let invocation = [command.program, arguments.subcommand?.value].compactMap { $0 }
        let clean = "\(command.program) cache clean\(command.program == "npm" ? " --force" : "")"
        if windows {
          let folder = command.program == "npm" ? "`npm-cache`" : "Yarn's cache"
          findings.append(
            finding(
              word.range,
              "`\(invocation.joined(separator: " "))` leaves its package cache (\(folder) in the "
                + "user's AppData folder) in this layer, often as large as node_modules itself",
              help: "clean it in the same RUN: `\(clean)`"))
          continue
        }
        findings.append(
          finding(
            word.range,
            "`\(invocation.joined(separator: " "))` leaves its package cache "
              + "(\(cache)) in this layer, often as large as node_modules itself",
            help:
              "end the same RUN with `&& \(clean)`, "
              + "or use `--mount=type=cache,target=\(cache)`",
            fix: ShellEdits.append(
              command.program == "npm" ? "npm cache clean --force" : "yarn cache clean",
              to: position, in: file
            ).map {
              Fix(title: "clean the cache at the end of the RUN", edits: [$0], safety: .safe)
            }))
      }
    }
  }
}
