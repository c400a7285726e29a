import Dispatch
import DockerfileSyntax
import LintEngine
import LintFormatters

/// `--fix`, `--unsafe-fixes` and `--diff`: fixes every file, then writes the changed ones
/// (standard output for `-`), or prints a unified diff and changes nothing.
enum FixMode {
  static func run(
    _ jobs: [LintCommand.Job], options: LintOptions, failed: Bool,
    into result: inout CommandResult
  ) {
    var failed = failed
    let outcomes = fixInParallel(jobs, options: options)
    var files: [FileResult] = []
    var fixes: [FileFixes] = []
    var statuses: [(Configuration, FileResult)] = []
    var patch = ""
    var changed = 0
    var standardOutput = ""
    for (job, outcome) in zip(jobs, outcomes) {
      var remaining = outcome.remaining
      var applied = outcome.applied
      if outcome.changed { changed += 1 }
      if options.diff {
        patch += UnifiedDiff.diff(
          outcome.original.bytes, outcome.fixed.bytes, path: job.displayName)
      } else if job.path == "-" {
        standardOutput += String(decoding: outcome.fixed.bytes, as: UTF8.self)
      } else if outcome.changed {
        if case .failure(let error) = FileWriter.replace(job.path, with: outcome.fixed.bytes) {
          result.errors += "ballast: \(error.message)\n"
          failed = true
          // Nothing was fixed in this file: report what it still holds.
          remaining = LintCommand.linter.lint(
            outcome.original, configuration: job.configuration,
            readingContext: LintCommand.contextReader(job.context))
          applied = []
        }
      }
      files.append(remaining)
      fixes.append(
        FileFixes(original: outcome.original, applied: applied, refused: outcome.refused))
      statuses.append((job.configuration, remaining))
    }
    let report = LintReport(
      files: files, catalog: LintCommand.linter.catalog, toolVersion: BallastCommand.version,
      fixes: fixes)
    let fixedCount = fixes.reduce(0) { $0 + $1.applied.count }
    if options.diff {
      result.output += patch
      let fileWord = changed == 1 ? "file" : "files"
      result.errors +=
        changed == 0
        ? "Nothing to fix.\n"
        : "Would fix \(fixedCount) \(fixedCount == 1 ? "problem" : "problems") in \(changed) \(fileWord) "
          + "(\(files.reduce(0) { $0 + $1.findings.count }) would remain).\n"
      result.status =
        failed ? ExitStatus.failure : changed > 0 ? ExitStatus.findings : ExitStatus.clean
      return
    }
    let rendered = options.format.render(report, options: LintCommand.textOptions(options))
    if jobs.contains(where: { $0.path == "-" }) {
      // Editors read the fixed text from standard output; the report goes to standard error.
      result.output += standardOutput
      result.errors += rendered
    } else {
      result.output += rendered
    }
    result.status = failed ? ExitStatus.failure : LintCommand.status(of: statuses)
  }

  static func fixInParallel(_ jobs: [LintCommand.Job], options: LintOptions) -> [FixOutcome] {
    let fixer = Fixer(
      linter: LintCommand.linter, options: FixOptions(includeUnsafe: options.unsafeFixes))
    let slots = Slots<FixOutcome>(count: jobs.count)
    let count = min(max(1, options.jobs ?? jobs.count), max(1, jobs.count))
    DispatchQueue.concurrentPerform(iterations: count) { worker in
      for index in stride(from: worker, to: jobs.count, by: count) {
        let job = jobs[index]
        let source = SourceFile(path: job.displayName, bytes: job.bytes)
        slots.store(
          fixer.fix(
            source, configuration: job.configuration,
            readingContext: LintCommand.contextReader(job.context)),
          at: index)
      }
    }
    return slots.values()
  }
}

/// One slot per job, each written by exactly one worker.
final class Slots<Value: Sendable>: @unchecked Sendable {
  private var storage: [Value?]
  private let lock = DispatchQueue(label: "ballast.slots")

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  func store(_ value: Value, at index: Int) { lock.sync { storage[index] = value } }

  func values() -> [Value] { lock.sync { storage.compactMap { $0 } } }
}
