import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// A Node.js application image that installs its devDependencies and keeps them.
struct NodeDevDependenciesKeptRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1018", name: "node-dev-dependencies-kept", severity: .info,
    summary: "`npm ci`/`npm install` in the final image also installs devDependencies.",
    fix: .unsafe)

  /// Startup scripts of development images, where devDependencies are the point.
  static let developmentScripts: Set<String> = ["dev", "test", "watch", "serve", "storybook"]
  /// `--omit=dev`, `--omit dev`, `--only=prod`, `--production`.
  static func omitsDevDependencies(_ arguments: CommandArguments) -> Bool {
    arguments.options.contains { option in
      let value = option.value?.value
      switch option.name {
      case "--production": return value == nil || value == "true"
      case "--omit": return value == "dev"
      case "--only": return value == "prod" || value == "production"
      default: return false
      }
    }
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    guard file.isApplicationImage, !runsDevelopmentScript(file) else { return }
    for position in file.finalImagePositions {
      guard let script = file.scripts[position], script.isFullyParsed else { continue }
      let environment = file.variables(before: position)
      if environment["NODE_ENV"] == "production" || environment["NPM_CONFIG_PRODUCTION"] == "true"
        || environment["npm_config_omit"] == "dev" || environment["NPM_CONFIG_OMIT"] == "dev"
      {
        continue
      }
      for index in script.positions(of: "npm") {
        let command = script.commands[index]
        let arguments = command.parsedArguments
        guard let verb = arguments.subcommand, ["ci", "install", "i"].contains(verb.value),
          // `npm install -g tool` and `npm install express` do not read devDependencies.
          arguments.operands.isEmpty, !arguments.has("--global", "-g"),
          !Self.omitsDevDependencies(arguments),
          command.assignment("NODE_ENV") != "production",
          !prunesDevDependencies(script, after: index)
        else { continue }
        let manifest = Self.devDependencies(file, before: position)
        // package.json read from the context and without devDependencies: nothing to keep out.
        if let names = manifest, names.isEmpty { continue }
        let what: String
        if let names = manifest {
          let shown = names.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
          let more = names.count > 3 ? " and \(names.count - 3) more" : ""
          what =
            "`npm \(verb.value)` also installs the \(names.count) devDependencies of package.json "
            + "(\(shown)\(more)) into the final image"
        } else {
          what =
            "`npm \(verb.value)` also installs the devDependencies of package.json, if it has any "
            + "(bundlers, compilers, test tools), into the final image"
        }
        findings.append(
          finding(
            verb.range, what + ", often more MB than the production dependencies",
            help: "build in an earlier stage and run `npm ci --omit=dev` in the final one, or "
              + "end the same RUN with `npm prune --omit=dev`",
            fix: fix(command, verb: verb, at: position, index: index, in: file)))
        break
      }
    }
  }

  /// `--omit=dev` after the verb, unless a later command of the image runs package scripts or
  /// package binaries (`npm run build`, `npx tsc`), which may need the devDependencies.
  /// Unsafe all the same: the program may import a package listed only for development.
  func fix(
    _ command: ShellCommand, verb: ShellWord, at position: Int, index: Int,
    in file: AnalyzedDockerfile
  ) -> Fix? {
    for later in file.finalImagePositions where later >= position {
      guard let script = file.scripts[later] else { continue }
      for (at, other) in script.commands.enumerated() where later > position || at > index {
        if other.program == "npx" || other.program == "yarn" || other.program == "pnpm" {
          return nil
        }
        if other.program == "npm",
          ["run", "run-script", "test", "exec", "rebuild", "start"].contains(
            other.parsedArguments.subcommand?.value ?? "")
        {
          return nil
        }
      }
    }
    return ShellEdits.insert("--omit=dev", after: verb, of: command, in: file.source).map {
      Fix(title: "add `--omit=dev`", edits: [$0], safety: .unsafe)
    }
  }

  /// The devDependencies of the package.json a COPY brought into the working directory, from
  /// the build context; nil when ballast cannot see that file.
  static func devDependencies(_ file: AnalyzedDockerfile, before position: Int) -> [String]? {
    guard file.context.isKnown, let stage = file.stage(containing: position),
      let directory = file.workingDirectory(before: position),
      let path = file.contextPath(
        ofImagePath: Paths.resolve("package.json", in: directory), before: position,
        inStage: stage.index, listing: file.context.listing, copies: file.contextCopies),
      let text = file.context.files[path],
      case .object(let fields)? = try? JSONReader.parse(text)
    else { return nil }
    guard let (_, value) = fields.first(where: { $0.0 == "devDependencies" }),
      case .object(let dependencies) = value
    else { return [] }
    return dependencies.map(\.0)
  }

  /// `npm prune --omit=dev` (or `--production`) later in the same RUN.
  func prunesDevDependencies(_ script: ShellScript, after index: Int) -> Bool {
    script.positions(of: "npm").contains { position in
      let arguments = script.commands[position].parsedArguments
      return position > index && arguments.verb == "prune" && Self.omitsDevDependencies(arguments)
    }
  }

  /// `CMD ["npm", "run", "dev"]`, `ng serve`, `nodemon`, a test runner, or a final stage named
  /// for development: an image where devDependencies are the point.
  func runsDevelopmentScript(_ file: AnalyzedDockerfile) -> Bool {
    if let name = file.finalStage?.name, name.includes("dev") || name.includes("test") {
      return true
    }
    return file.startupPrograms.contains { entry in
      let words = [entry.program] + entry.arguments.prefix(2)
      return words.contains { Self.developmentScripts.contains($0) || $0 == "nodemon" }
    }
  }
}
