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

/// Parsed `ballast lint` options.
struct LintOptions {
  var paths: [String] = []
  var format = OutputFormat.text
  var color = "auto"
  var configPath: String?
  var useConfigFiles = true
  var stdinFilename: String?
  var ignore: [String] = []
  var select: [String] = []
  var severityOverrides: [(String, String)] = []
  var failureThreshold: String?
  /// Worker threads; nil means one per core.
  var jobs: Int?
}

enum LintCommand {
  static let linter = BuiltinRules.linter

  static func parseOptions(_ arguments: [String]) -> Result<LintOptions, InputError> {
    var options = LintOptions()
    var index = 0
    func value(_ name: String) -> String? {
      index += 1
      return index < arguments.count ? arguments[index] : nil
    }
    while index < arguments.count {
      var argument = arguments[index]
      if argument == "--" {
        // Everything after `--` is a path, even `-x` or `--format`.
        options.paths += arguments[(index + 1)...]
        break
      }
      var inline: String?
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        inline = String(argument[argument.index(after: equals)...])
        argument = String(argument[..<equals])
      }
      func next() -> String? { inline ?? value(argument) }
      switch argument {
      case "-f", "--format":
        guard let name = next(), let format = OutputFormat(rawValue: name) else {
          return .failure(
            InputError(
              message:
                "--format takes one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))"
            ))
        }
        options.format = format
      case "--color":
        guard let mode = next(), ["auto", "always", "never"].contains(mode) else {
          return .failure(InputError(message: "--color takes auto, always or never"))
        }
        options.color = mode
      case "--config":
        guard let path = next() else {
          return .failure(InputError(message: "--config needs a file"))
        }
        options.configPath = path
      case "--no-config":
        options.useConfigFiles = false
      case "--stdin-filename":
        guard let name = next() else {
          return .failure(InputError(message: "--stdin-filename needs a name"))
        }
        options.stdinFilename = name
      case "--ignore":
        guard let rule = next() else {
          return .failure(InputError(message: "--ignore needs a rule id or name"))
        }
        options.ignore.append(rule)
      case "--select", "--only":
        guard let rule = next() else {
          return .failure(InputError(message: "\(argument) needs a rule id, prefix or name"))
        }
        options.select.append(rule)
      case "--severity-override":
        guard let pair = next(), let equals = pair.firstIndex(of: "=") else {
          return .failure(InputError(message: "--severity-override takes RULE=LEVEL"))
        }
        options.severityOverrides.append(
          (String(pair[..<equals]), String(pair[pair.index(after: equals)...])))
      case "--jobs", "-j":
        guard let count = next().flatMap(Int.init), count > 0 else {
          return .failure(InputError(message: "--jobs takes a positive number"))
        }
        options.jobs = count
      case "--failure-threshold":
        guard let level = next() else {
          return .failure(InputError(message: "--failure-threshold needs a level"))
        }
        options.failureThreshold = level
      default:
        if argument.hasPrefix("-") && argument != "-" {
          return .failure(InputError(message: "unknown option '\(argument)'"))
        }
        options.paths.append(argument)
      }
      index += 1
    }
    if options.paths.isEmpty { options.paths = ["."] }
    return .success(options)
  }

  /// Applies the command-line choices on top of a file's configuration.
  static func apply(_ options: LintOptions, to configuration: inout Configuration)
    throws(InputError)
  {
    let catalog = linter.catalog
    for name in options.ignore {
      guard let rule = catalog.rule(name) else {
        throw InputError(message: "--ignore: unknown rule '\(name)'")
      }
      configuration.ignored.insert(rule.id)
    }
    if !options.select.isEmpty {
      var selected: Set<String> = []
      for key in options.select {
        let rules = catalog.rules(matching: key)
        guard !rules.isEmpty else {
          throw InputError(message: "--select: no rule matches '\(key)'")
        }
        selected.formUnion(rules.map(\.id))
      }
      configuration.selected = selected
    }
    for (name, level) in options.severityOverrides {
      guard let rule = catalog.rule(name) else {
        throw InputError(message: "--severity-override: unknown rule '\(name)'")
      }
      guard let severity = Severity(rawValue: level) else {
        throw InputError(
          message: "--severity-override: '\(level)' is not error, warning, info or style")
      }
      configuration.severities[rule.id] = severity
    }
    if let threshold = options.failureThreshold {
      if threshold == "none" {
        configuration.failureThreshold = nil
      } else if let severity = Severity(rawValue: threshold) {
        configuration.failureThreshold = severity
      } else {
        throw InputError(message: "--failure-threshold takes error, warning, info, style or none")
      }
    }
  }

  /// The configuration for files in `folder`: `--config`, or the nearest `.ballast.json`.
  static func configuration(
    for folder: String, options: LintOptions,
    cache: inout [String: Result<Configuration, InputError>]
  ) -> Result<Configuration, InputError> {
    if let cached = cache[folder] { return cached }
    var configuration = Configuration()
    var result: Result<Configuration, InputError>
    do {
      if let path = options.configPath {
        try load(path, into: &configuration)
      } else if options.useConfigFiles, let path = findConfig(from: folder) {
        try load(path, into: &configuration)
      }
      try apply(options, to: &configuration)
      result = .success(configuration)
    } catch {
      result = .failure(error)
    }
    cache[folder] = result
    return result
  }

  static func load(_ path: String, into configuration: inout Configuration) throws(InputError) {
    let bytes: [UInt8]
    switch FileSystem.readFile(path) {
    case .success(let read): bytes = read
    case .failure(let error): throw InputError(message: "\(path): \(error.description)")
    }
    do {
      try ConfigurationFile.load(
        String(decoding: bytes, as: UTF8.self), path: path, catalog: linter.catalog,
        into: &configuration)
    } catch {
      throw InputError(message: error.description)
    }
  }

  static func findConfig(from folder: String) -> String? {
    var current = folder
    for _ in 0..<64 {
      let candidate = (current == "/" ? "" : current) + "/" + ConfigurationFile.fileName
      if case .success = FileSystem.readFile(candidate) { return candidate }
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
    var context: BuildContext
  }

  static func run(
    _ arguments: [String], input: () -> Result<[UInt8], ReadError>, into result: inout CommandResult
  ) {
    let options: LintOptions
    switch parseOptions(arguments) {
    case .success(let parsed): options = parsed
    case .failure(let error):
      result.errors += "ballast: \(error.message)\n"
      result.status = ExitStatus.failure
      return
    }
    var jobs: [Job] = []
    var cache: [String: Result<Configuration, InputError>] = [:]
    var failed = false
    func report(_ message: String) {
      result.errors += "ballast: \(message)\n"
      failed = true
    }
    var files: [(path: String, display: String)] = []
    for path in options.paths {
      if path == "-" {
        files.append(("-", options.stdinFilename ?? "-"))
      } else if FileDiscovery.isDirectory(path) {
        let walk = FileDiscovery.dockerfiles(under: path)
        files += walk.files.map { ($0, displayPath($0)) }
        for (folder, error) in walk.unreadable {
          report("\(displayPath(folder)): \(error.description)")
        }
      } else {
        files.append((path, displayPath(path)))
      }
    }
    for file in files {
      let folder =
        file.path == "-"
        ? FileDiscovery.folder(of: options.stdinFilename ?? "./-")
        : FileDiscovery.folder(of: file.path)
      let configuration: Configuration
      switch Self.configuration(for: folder, options: options, cache: &cache) {
      case .success(let loaded): configuration = loaded
      case .failure(let error):
        report(error.message)
        continue
      }
      switch InputFile.load(file.path, input: input) {
      case .failure(let error):
        report(
          error.message.hasPrefix("-:") ? file.display + error.message.dropFirst(1) : error.message)
      case .success(let input):
        let ignore = FileSystem.readFile(folder + "/.dockerignore")
        let context = BuildContext(
          dockerignore: (try? ignore.get()).map {
            String(decoding: $0, as: UTF8.self).split(
              separator: "\n", omittingEmptySubsequences: false
            ).map(String.init)
          })
        jobs.append(
          Job(
            path: file.path, displayName: file.display, bytes: input.bytes,
            configuration: configuration, context: context))
      }
    }
    let results = lintInParallel(jobs, workers: options.jobs)
    let report = LintReport(
      files: results, catalog: linter.catalog, toolVersion: BallastCommand.version)
    let color: Bool
    switch options.color {
    case "always": color = true
    case "never": color = false
    default:
      color =
        FileDiscovery.isTerminal(1) && FileDiscovery.environment("NO_COLOR").map(\.isEmpty) != false
        && FileDiscovery.environment("TERM") != "dumb"
    }
    result.output += options.format.render(report, options: TextOptions(color: color))
    if failed {
      result.status = ExitStatus.failure
      return
    }
    // One result per job, in job order; the same file may be named twice.
    let failing = zip(jobs, results).contains { job, file in
      guard let threshold = job.configuration.failureThreshold else { return false }
      return file.findings.contains { $0.severity >= threshold }
    }
    result.status = failing ? ExitStatus.findings : ExitStatus.clean
  }

  static func displayPath(_ path: String) -> String {
    path.hasPrefix("./") ? String(path.dropFirst(2)) : path
  }

  /// Lints on all cores; results come back in input order, so output never depends on timing.
  static func lintInParallel(_ jobs: [Job], workers: Int? = nil) -> [FileResult] {
    let slots = ResultSlots(count: jobs.count)
    let count = min(max(1, workers ?? jobs.count), max(1, jobs.count))
    DispatchQueue.concurrentPerform(iterations: count) { worker in
      for index in stride(from: worker, to: jobs.count, by: count) {
        let job = jobs[index]
        let source = SourceFile(path: job.displayName, bytes: job.bytes)
        slots.store(
          linter.lint(source, configuration: job.configuration, context: job.context), at: index)
      }
    }
    return slots.values()
  }
}

/// One slot per job, each written by exactly one worker.
final class ResultSlots: @unchecked Sendable {
  private let storage: UnsafeMutablePointer<FileResult?>
  private let count: Int

  init(count: Int) {
    self.count = count
    storage = .allocate(capacity: max(count, 1))
    storage.initialize(repeating: nil, count: max(count, 1))
  }

  deinit {
    storage.deinitialize(count: max(count, 1))
    storage.deallocate()
  }

  func store(_ result: FileResult, at index: Int) { storage[index] = result }

  func values() -> [FileResult] { (0..<count).compactMap { storage[$0] } }
}
