import Dispatch
import DockerfileSemantics
import DockerfileSyntax
import LintEngine
import ShellCheckAdapter

/// `--shellcheck`: the files are linted in groups, each group's RUN scripts checked by one
/// ShellCheck call, so the program starts once per group instead of once per RUN.
enum ShellCheckLinting {
  /// Files per group: enough scripts per call to make start-up negligible, few enough that
  /// every core gets groups.
  static let filesPerGroup = 48

  /// The programs the jobs' configurations ask for, keyed by `shellcheck.path` ("" for PATH);
  /// the first that is missing or cannot run is the error.
  static func runners(for jobs: [LintCommand.Job]) -> Result<
    [String: ShellCheckRunner], ShellCheckError
  > {
    var runners: [String: ShellCheckRunner] = [:]
    for job in jobs where job.configuration.shellCheck.enabled {
      let configured = job.configuration.shellCheck.path
      guard runners[configured ?? ""] == nil else { continue }
      switch ShellCheckRunner.locate(configured, path: FileDiscovery.environment("PATH")) {
      case .success(let runner): runners[configured ?? ""] = runner
      case .failure(let error): return .failure(error)
      }
    }
    return .success(runners)
  }

  /// Lints every job, with ShellCheck's findings for those whose configuration enables it;
  /// results in job order. The first ShellCheck failure is the error (nothing is printed).
  static func lint(
    _ jobs: [LintCommand.Job], workers: Int?, runners: [String: ShellCheckRunner]
  ) -> Result<[FileResult], ShellCheckError> {
    let groups = stride(from: 0, to: jobs.count, by: filesPerGroup).map {
      $0..<min($0 + filesPerGroup, jobs.count)
    }
    let slots = Slots<FileResult>(count: jobs.count)
    let failures = Slots<ShellCheckError>(count: groups.count)
    let count = min(max(1, workers ?? groups.count), max(1, groups.count))
    DispatchQueue.concurrentPerform(iterations: count) { worker in
      for groupIndex in stride(from: worker, to: groups.count, by: count) {
        let group = Array(groups[groupIndex])
        let analyzed = group.map { index in
          let job = jobs[index]
          let source = SourceFile(path: job.displayName, bytes: job.bytes)
          let file = AnalyzedDockerfile(DockerfileParser.parse(source))
          return file.attaching(LintCommand.contextReader(job.context)(file))
        }
        var external = [[Finding]](repeating: [], count: group.count)
        let byRunner = Dictionary(grouping: group.indices) { position -> String? in
          let settings = jobs[group[position]].configuration.shellCheck
          return settings.enabled ? settings.path ?? "" : nil
        }
        for (key, positions) in byRunner {
          guard let key, let runner = runners[key] else { continue }
          do throws(ShellCheckError) {
            let found = try ShellCheckFindings.findings(
              for: positions.map { analyzed[$0] }, runner: runner)
            for (position, findings) in zip(positions, found) { external[position] = findings }
          } catch {
            failures.store(error, at: groupIndex)
          }
        }
        for (position, index) in group.enumerated() {
          let result = LintCommand.linter.lint(
            analyzed[position], configuration: jobs[index].configuration,
            external: external[position])
          slots.store(result, at: index)
        }
      }
    }
    if let failure = failures.values().first { return .failure(failure) }
    return .success(slots.values())
  }
}
