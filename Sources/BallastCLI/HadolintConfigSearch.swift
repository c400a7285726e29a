import LintEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Where the process runs: its current folder and environment variables. Tests give their own.
struct ProcessEnvironment: Sendable {
  /// nil: the process's.
  var currentFolder: String?
  /// nil: the process's variables.
  var variables: [String: String]?

  static let process = ProcessEnvironment()

  func variable(_ name: String) -> String? {
    if let variables { return variables[name] }
    return FileDiscovery.environment(name)
  }

  var folder: String { currentFolder ?? LintCommand.absolutePath(".") }

  /// Whether any `HADOLINT_*` variable that ballast reads is set.
  var hasHadolintVariables: Bool {
    HadolintConfigurationFile.environmentVariables.contains { variable($0) != nil }
  }
}

/// hadolint's configuration file, found the way hadolint 2.15 finds it when no `-c` is given:
/// the first that exists of `.hadolint.yaml` and `.hadolint.yml` in the current folder, then
/// `hadolint.yaml`/`.yml` in `$XDG_CONFIG_HOME` (default `~/.config`), then in
/// `~/.hadolint/` `hadolint.yaml`/`.yml` and `config.yaml`/`.yml`, then `~/.hadolint.yaml`/`.yml`.
/// (On Linux and macOS; hadolint's Windows folders are not searched.)
enum HadolintConfigSearch {
  static func candidates(in environment: ProcessEnvironment) -> [String] {
    var result = HadolintConfigurationFile.fileNames.map { join(environment.folder, $0) }
    let home = environment.variable("HOME").flatMap { $0.isEmpty ? nil : $0 }
    let visible = ["hadolint.yaml", "hadolint.yml"]
    if let xdg = environment.variable("XDG_CONFIG_HOME"), !xdg.isEmpty {
      result += visible.map { join(xdg, $0) }
    } else if let home {
      result += visible.map { join(home + "/.config", $0) }
    }
    if let home {
      result += (visible + ["config.yaml", "config.yml"]).map { join(home + "/.hadolint", $0) }
      result += HadolintConfigurationFile.fileNames.map { join(home, $0) }
    }
    return result
  }

  static func find(in environment: ProcessEnvironment) -> String? {
    candidates(in: environment).first { FileDiscovery.exists($0) && !FileDiscovery.isDirectory($0) }
  }

  static func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }
}
