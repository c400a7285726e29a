import Dispatch
import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import LintFormatters
import LintRules

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// `ballast lint` options, read from the parsed command line; every value is already checked.
struct LintOptions {
  var paths: [String] = []
  var format = OutputFormat.text
  var color = "auto"
  var configPath: String?
  var useConfigFiles = true
  var stdinFilename: String?
  var overrides = ConfigurationOverrides()
  /// Worker threads; nil means one per core.
  var jobs: Int?
  /// `--context DIR`: the build context of every Dockerfile linted; nil to find it.
  var contextRoot: String?
  /// `--no-context`: read nothing beside the Dockerfile, as for standard input.
  var readsContext = true
  /// `--fix`: apply fixes and write the files (standard output for `-`).
  var fix = false
  /// `--unsafe-fixes`: also apply fixes that may change behaviour.
  var unsafeFixes = false
  /// `--diff`: print what `--fix` would change, change nothing.
  var diff = false
  /// `-o FILE`: the report goes to this file, written atomically.
  var outputPath: String?
  /// `--sarif-file FILE`: a SARIF report too, written atomically, whatever `--format` prints;
  /// nil (or an empty value, as a CI input left empty passes it) for none.
  var sarifPath: String?
  /// `--report-suppressed`: SARIF also lists suppressed findings with their reasons.
  var reportSuppressed = false
  /// `--file-path-in-report`: the name the report gives the one file linted.
  var reportedPath: String?
  /// The current folder and variables hadolint's configuration is found from.
  var environment = ProcessEnvironment.process

  init(_ parsed: ParsedArguments, catalog: RuleCatalog) throws(UsageError) {
    for (name, given) in parsed.given {
      let value = given ?? ""
      switch name {
      case "format": format = OutputFormat(named: value) ?? .text
      case "color": color = value
      case "no-color": color = "never"
      case "config": configPath = value
      case "no-config": useConfigFiles = false
      case "stdin-filename": stdinFilename = value
      case "jobs": jobs = Int(value)
      case "context": contextRoot = value
      case "no-context": readsContext = false
      case "fix": fix = true
      case "unsafe-fixes": unsafeFixes = true
      case "diff": diff = true
      case "output": outputPath = value
      case "sarif-file": sarifPath = value.isEmpty ? nil : value
      case "report-suppressed": reportSuppressed = true
      case "file-path-in-report": reportedPath = value
      case "shellcheck": overrides.shellCheck = true
      default: overrides.read(name, value, catalog: catalog)
      }
    }
    paths = parsed.operands.isEmpty ? ["."] : parsed.operands
    if stdinFilename != nil, !paths.contains("-") {
      throw UsageError(
        message: "--stdin-filename names standard input, but no `-` is among the paths")
    }
    if let contextRoot, !FileDiscovery.isDirectory(contextRoot) {
      throw UsageError(message: "--context: '\(contextRoot)' is not a folder")
    }
    try Self.checkCommandLookalikes(parsed)
  }

  /// `ballast --no-config version` or `ballast rulez`: a word that is no file but a command
  /// (or nearly one) was meant as the command, not as a path to lint.
  static func checkCommandLookalikes(_ parsed: ParsedArguments) throws(UsageError) {
    let names = CommandTable.commands.map(\.name)
    let candidates = parsed.operands.prefix(parsed.operandsBeforeDoubleDash ?? Int.max)
    for (index, path) in candidates.enumerated() where path != "-" && !FileDiscovery.exists(path) {
      if names.contains(path) {
        throw UsageError(
          message: "'\(path)' is a command, not a file: write it first (`ballast \(path) …`)")
      }
      if index == 0, !path.contains("/"), !path.contains("."),
        let near = Suggestion.closest(to: path, in: names)
      {
        throw UsageError(
          message: "'\(path)' is neither a file nor a command; did you mean `ballast \(near)`?")
      }
    }
  }
}

/// What the command line changes in every file's configuration, with rules resolved to ids.
struct ConfigurationOverrides {
  enum Threshold: Equatable {
    case level(Severity)
    /// `none`: findings never fail the run.
    case never
  }

  var ignored: Set<String> = []
  var selected: Set<String>?
  var severities: [String: Severity] = [:]
  /// Severities a group brings (`--select hadolint`: hadolint's); `severities` win over them.
  var groupSeverities: [String: Severity] = [:]
  var failureThreshold: Threshold?
  /// `--no-fail`: findings never fail the run, whatever the threshold.
  var noFail = false
  var trustedRegistries: [String] = []
  var labelSchema: [(String, LabelFormat)] = []
  var strictLabels = false
  var disableIgnorePragma = false
  /// `--target`: the stage built as the image.
  var targetStage: String?
  /// `--shellcheck`: run ShellCheck whatever the configuration files say.
  var shellCheck = false
  /// Peer ids given that no ballast rule covers, one line each, said before linting.
  var warnings: [String] = []

  /// The rules a value names (values checked by the parser); a peer's id without an
  /// equivalent is a warning and names none.
  mutating func rules(
    _ value: String, option: String, catalog: RuleCatalog, selecting: Bool = false
  ) -> [RuleDescriptor] {
    switch catalog.reference(value, selecting: selecting) {
    case .rules(let found): return found
    case .unmapped(let peer, let id):
      let message = "\(option) \(value): \(RuleReference.unmappedMessage(peer: peer, id: id))"
      warnings.append(message + (selecting ? ", so it selects no rule" : ", so it changes nothing"))
      if selecting, selected == nil { selected = [] }
      return []
    case .unknown: return []
    }
  }

  /// Reads one of `CommandTable.configurationOptions` (values checked by the parser).
  mutating func read(_ name: String, _ value: String, catalog: RuleCatalog) {
    switch name {
    case "ignore":
      ignored.formUnion(rules(value, option: "--ignore", catalog: catalog).map(\.id))
    case "select":
      let found = rules(value, option: "--select", catalog: catalog, selecting: true)
      selected = (selected ?? []).union(found.map(\.id))
      if RuleGroup(rawValue: value.lowercased()) == .hadolint {
        for rule in found {
          groupSeverities[rule.id] = RuleGroup.hadolintSeverity(of: rule) ?? rule.defaultSeverity
        }
      }
    case "severity-override":
      let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2, let level = Severity(rawValue: parts[1]) {
        for rule in rules(parts[0], option: "--severity-override", catalog: catalog) {
          severities[rule.id] = level
        }
      }
    case "failure-threshold":
      // hadolint's `ignore` is below style: every finding counts, as style does here.
      let level = value == "ignore" ? Severity.style : Severity(rawValue: value)
      failureThreshold = level.map(Threshold.level) ?? .never
    case "error", "warning", "info", "style":
      for rule in rules(value, option: "--" + name, catalog: catalog) {
        severities[rule.id] = Severity(rawValue: name)
      }
    case "no-fail": noFail = true
    case "trusted-registry": trustedRegistries.append(value)
    case "require-label":
      if let colon = value.lastIndex(of: ":"),
        let format = LabelFormat(rawValue: String(value[value.index(after: colon)...]))
      {
        labelSchema.append((String(value[..<colon]), format))
      }
    case "strict-labels": strictLabels = true
    case "disable-ignore-pragma": disableIgnorePragma = true
    case "target": targetStage = value
    default:
      break
    }
  }

  func apply(to configuration: inout Configuration) {
    configuration.ignored.formUnion(ignored)
    if let selected { configuration.selected = selected }
    configuration.severities.merge(groupSeverities) { _, new in new }
    configuration.severities.merge(severities) { _, new in new }
    if shellCheck { configuration.shellCheck.enabled = true }
    switch failureThreshold {
    case .level(let severity): configuration.failureThreshold = severity
    case .never: configuration.failureThreshold = nil
    case nil: break
    }
    if noFail { configuration.failureThreshold = nil }
    configuration.trustedRegistries += trustedRegistries
    for (label, format) in labelSchema { configuration.labelSchema[label] = format }
    if strictLabels { configuration.strictLabels = true }
    if disableIgnorePragma { configuration.inlineSuppressions = false }
    if let targetStage { configuration.targetStage = targetStage }
  }
}

/// Finds and loads the configuration of each folder once, and each configuration file once,
/// so a bad file is reported once however many Dockerfiles it governs.
struct ConfigurationResolver {
  var options: LintOptions
  var catalog: RuleCatalog
  private var fileForFolder: [String: String?] = [:]
  private var loaded: [String: Result<Configuration, InputError>] = [:]
  /// Problems in the order their files were first met.
  private(set) var problems: [String] = []
  /// Warnings about the files loaded (peer ids without an equivalent), once per file.
  private(set) var warnings: [String] = []

  init(options: LintOptions, catalog: RuleCatalog) {
    self.options = options
    self.catalog = catalog
  }

  /// hadolint's configuration file, searched for once (nil inside: none found).
  private var hadolintFile: String??

  /// The configuration for files in `folder`, or nil when its file is invalid (in `problems`).
  /// When no `.ballast.json` applies (and none is given), hadolint's configuration does: its
  /// file found the way hadolint finds it, then its `HADOLINT_*` variables.
  mutating func configuration(for folder: String) -> Configuration? {
    var path: String?
    if let given = options.configPath {
      path = given
    } else if !options.useConfigFiles {
      path = nil
    } else if let known = fileForFolder[folder] {
      path = known
    } else {
      path = LintCommand.findConfig(from: folder)
      fileForFolder[folder] = path
    }
    let usesHadolint =
      path.map(HadolintConfigurationFile.isHadolintFile)
      ?? (options.useConfigFiles && options.configPath == nil)
    if path == nil, usesHadolint {
      if hadolintFile == nil {
        hadolintFile = .some(HadolintConfigSearch.find(in: options.environment))
      }
      path = hadolintFile ?? nil
    }
    let key = (usesHadolint ? "hadolint\u{0}" : "") + (path ?? "")
    if loaded[key] == nil {
      var fresh = Configuration()
      do {
        if let path {
          try LintCommand.load(
            path, into: &fresh, given: path == options.configPath, warnings: &warnings)
        }
        if usesHadolint {
          var notes: [String] = []
          try HadolintConfigurationFile.loadEnvironment(
            options.environment.variable, catalog: catalog, into: &fresh, notes: &notes)
          warnings += notes.map { "environment: " + $0 }
        }
        loaded[key] = .success(fresh)
      } catch let error as InputError {
        loaded[key] = .failure(error)
        problems.append(error.message)
      } catch {
        let message = (error as? ConfigurationError)?.description ?? "\(error)"
        loaded[key] = .failure(InputError(message: message))
        problems.append(message)
      }
    }
    guard case .success(var configuration) = loaded[key] else { return nil }
    options.overrides.apply(to: &configuration)
    return configuration
  }
}

enum LintCommand {
  static let linter = BuiltinRules.linter

  /// Reads a configuration file; `given` marks the one named by `--config`.
  static func load(
    _ path: String, into configuration: inout Configuration, given: Bool,
    warnings: inout [String]
  ) throws(InputError) {
    let bytes: [UInt8]
    switch FileSystem.readFile(path) {
    case .success(let read): bytes = read
    case .failure(let error):
      throw InputError(message: (given ? "--config: " : "") + "\(path): \(error.description)")
    }
    let text = String(decoding: bytes, as: UTF8.self)
    do {
      if HadolintConfigurationFile.isHadolintFile(path) {
        var notes: [String] = []
        try HadolintConfigurationFile.load(
          text, path: path, catalog: linter.catalog, into: &configuration, notes: &notes)
        warnings += notes.map { "\(path): " + $0 }
      } else {
        try ConfigurationFile.load(
          text, path: path, catalog: linter.catalog, into: &configuration, warnings: &warnings)
      }
    } catch {
      throw InputError(message: error.description)
    }
  }

  static func findConfig(from folder: String) -> String? {
    var current = folder
    for _ in 0..<64 {
      let candidate = (current == "/" ? "" : current) + "/" + ConfigurationFile.fileName
      if FileDiscovery.exists(candidate) { return candidate }
      if current == "." || current.isEmpty {
        current = absolutePath(".")
        continue
      }
      let parent = FileDiscovery.folder(of: current)
      if parent == current { return nil }
      current = parent
    }
    return nil
  }

  static func absolutePath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  struct Job {
    var path: String
    var displayName: String
    var bytes: [UInt8]
    var configuration: Configuration
    /// Where to read the build context from; nil for none.
    var context: ContextRequest?
  }

  struct ContextRequest {
    var dockerfilePath: String
    var root: String?
    /// One loader per run, shared by its files (its file system remembers folder facts).
    var loader: BuildContextLoader
  }

  /// A file to lint and the folder its configuration comes from.
  struct Target {
    var path: String
    var display: String
    var folder: String
  }

  /// Lints in three steps, so that what can be known before linting is reported before it:
  /// the command line (checked by the caller), then every file found and every configuration
  /// file loaded (an invalid one stops everything: one line per file, nothing on standard
  /// output), then each file read and linted (an unreadable one is reported, the others go on).
  static func run(
    _ parsed: ParsedArguments, input: () -> Result<[UInt8], ReadError>,
    environment: ProcessEnvironment = .process, into result: inout CommandResult
  ) throws(UsageError) {
    var options = try LintOptions(parsed, catalog: linter.catalog)
    options.environment = environment
    var failed = false
    func report(_ message: String) {
      result.errors += "ballast: \(message)\n"
      failed = true
    }
    var notes = ""
    var targets: [Target] = []
    for path in options.paths {
      if path == "-" {
        let name = options.stdinFilename ?? "-"
        targets.append(
          Target(
            path: "-", display: name,
            folder: FileDiscovery.folder(of: options.stdinFilename ?? "./-")))
      } else if FileDiscovery.isDirectory(path) {
        let walk = FileDiscovery.dockerfiles(under: path)
        targets += walk.files.map {
          Target(path: $0, display: displayPath($0), folder: FileDiscovery.folder(of: $0))
        }
        for (folder, error) in walk.unreadable {
          report("\(displayPath(folder)): \(error.description)")
        }
        if walk.files.isEmpty && walk.unreadable.isEmpty {
          notes +=
            "ballast: no Dockerfile found in \(path) (looked for \(DockerfileName.description))\n"
        }
      } else {
        targets.append(
          Target(path: path, display: displayPath(path), folder: FileDiscovery.folder(of: path)))
      }
    }
    if let reported = options.reportedPath {
      guard targets.count == 1 else {
        throw UsageError(
          message: "--file-path-in-report names one file, but \(targets.count) are linted")
      }
      targets[0].display = reported
    }
    var resolver = ConfigurationResolver(options: options, catalog: linter.catalog)
    let configurations = targets.map { resolver.configuration(for: $0.folder) }
    if !resolver.problems.isEmpty {
      throw UsageError(message: resolver.problems.joined(separator: "\nballast: "))
    }
    for warning in options.overrides.warnings + resolver.warnings {
      result.errors += "ballast: warning: \(warning)\n"
    }
    result.errors += notes
    var jobs: [Job] = []
    let contextLoader = BuildContextLoader(fileSystem: RunContextFileSystem())
    for (target, configuration) in zip(targets, configurations) {
      guard let configuration else { continue }
      switch InputFile.load(target.path, input: input) {
      case .failure(let error):
        report(
          error.message.hasPrefix("-:")
            ? target.display + error.message.dropFirst(1) : error.message)
      case .success(let input):
        // Standard input has no context unless --context names one.
        let reads = options.readsContext && (target.path != "-" || options.contextRoot != nil)
        jobs.append(
          Job(
            path: target.path, displayName: target.display, bytes: input.bytes,
            configuration: configuration,
            context: reads
              ? ContextRequest(
                dockerfilePath: target.path == "-"
                  ? options.stdinFilename ?? "Dockerfile" : target.path,
                root: options.contextRoot, loader: contextLoader) : nil))
      }
    }
    if options.fix || options.diff {
      FixMode.run(jobs, options: options, failed: failed, into: &result)
      return
    }
    let results: [FileResult]
    switch ShellCheckLinting.runners(for: jobs) {
    case .failure(let error): throw UsageError(message: error.message)
    case .success(let runners) where runners.isEmpty:
      results = lintInParallel(jobs, workers: options.jobs)
    case .success(let runners):
      switch ShellCheckLinting.lint(jobs, workers: options.jobs, runners: runners) {
      case .failure(let error): throw UsageError(message: error.message)
      case .success(let linted): results = linted
      }
    }
    for file in results {
      if let target = file.missingTarget {
        result.errors +=
          "ballast: warning: \(file.source.path): --target \(target): no stage is named "
          + "\(target); the last stage is judged as the image\n"
      }
    }
    var report = LintReport(
      files: results, catalog: linter.catalog, toolVersion: BallastCommand.version)
    report.sarifReportsSuppressed = options.reportSuppressed
    let rendered = options.format.render(report, options: textOptions(options))
    if let path = options.outputPath {
      if case .failure(let error) = FileWriter.create(path, with: Array(rendered.utf8)) {
        result.errors += "ballast: \(error.message)\n"
        failed = true
      }
    } else {
      result.output += rendered
    }
    if let path = options.sarifPath {
      let sarif = OutputFormat.sarif.render(report)
      if case .failure(let error) = FileWriter.create(path, with: Array(sarif.utf8)) {
        result.errors += "ballast: \(error.message)\n"
        failed = true
      }
    }
    if failed {
      result.status = ExitStatus.failure
      return
    }
    // One result per job, in job order; the same file may be named twice.
    result.status = status(of: zip(jobs, results).map { ($0.configuration, $1) })
  }

  /// 1 when any file has a finding at or above its configuration's threshold, else 0.
  static func status(of files: [(Configuration, FileResult)]) -> Int32 {
    let failing = files.contains { configuration, file in
      guard let threshold = configuration.failureThreshold else { return false }
      return file.findings.contains { $0.severity >= threshold }
    }
    return failing ? ExitStatus.findings : ExitStatus.clean
  }

  static func textOptions(_ options: LintOptions) -> TextOptions {
    let color: Bool
    switch options.color {
    case "always": color = true
    case "never": color = false
    default:
      color =
        FileDiscovery.isTerminal(1) && FileDiscovery.environment("NO_COLOR").map(\.isEmpty) != false
        && FileDiscovery.environment("TERM") != "dumb"
    }
    return TextOptions(color: color, unsafeFixes: options.unsafeFixes)
  }

  static func displayPath(_ path: String) -> String {
    path.hasPrefix("./") ? String(path.dropFirst(2)) : path
  }

  /// Lints on all cores; results come back in input order, so output never depends on timing.
  static func lintInParallel(_ jobs: [Job], workers: Int? = nil) -> [FileResult] {
    let slots = Slots<FileResult>(count: jobs.count)
    let count = min(max(1, workers ?? jobs.count), max(1, jobs.count))
    DispatchQueue.concurrentPerform(iterations: count) { worker in
      for index in stride(from: worker, to: jobs.count, by: count) {
        let job = jobs[index]
        let source = SourceFile(path: job.displayName, bytes: job.bytes)
        let result = linter.lint(
          source, configuration: job.configuration, readingContext: contextReader(job.context))
        slots.store(result, at: index)
      }
    }
    return slots.values()
  }

  /// Reads the build context a file's analysis asks for; nothing without a request.
  static func contextReader(_ request: ContextRequest?) -> (AnalyzedDockerfile) -> BuildContext {
    { analyzed in
      guard let request else { return BuildContext() }
      return request.loader.load(
        for: analyzed, dockerfilePath: request.dockerfilePath, root: request.root)
    }
  }
}
