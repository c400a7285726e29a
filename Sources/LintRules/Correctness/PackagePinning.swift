import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// What the package-pinning rules (BL4070–BL4076) share: the installs of some package managers
/// in each RUN, and the packages each takes at whatever version is newest when the image is
/// built (``PackageInstall/floatingPackages``). Lists in variables without a known value,
/// files, folders, downloads and requirement files are never reported.
struct PackagePinning {
  let managers: Set<PackageManager>

  /// Calls `report` with each install of these managers that has floating packages, and
  /// those packages, in file order.
  func forEachFloatingInstall(
    in file: AnalyzedDockerfile, _ report: (PackageInstall, [RequestedPackage]) -> Void
  ) {
    for (position, script) in file.scripts.enumerated() {
      // The cheap test first: reading the installs parses every package word.
      guard let script,
        script.commands.contains(where: { PackageManager.of($0).map(managers.contains) == true })
      else { continue }
      for install in file.packageInstalls(at: position) where managers.contains(install.manager) {
        let floating = install.floatingPackages
        if !floating.isEmpty { report(install, floating) }
      }
    }
  }

  /// `` `curl` ``, `` `curl` and `git` ``, `` `a`, `b`, `c` and 4 more ``.
  static func names(_ packages: [RequestedPackage]) -> String {
    var seen = Set<String>()
    // A floating version (`@latest`, a branch) is shown as written.
    let names = packages.map { $0.version == nil ? $0.name : $0.word.value }
      .filter { seen.insert($0).inserted }.map { "`\($0)`" }
    switch names.count {
    case 1: return names[0]
    case 2, 3: return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    default: return names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more"
    }
  }

  /// `apt-get install`, `pip install`, `yarn global add`: the program and its subcommand.
  static func commandName(_ install: PackageInstall) -> String {
    let program = install.manager == .pip ? "pip" : install.command.program
    return "\(program) \(install.arguments.verb)"
  }
}
