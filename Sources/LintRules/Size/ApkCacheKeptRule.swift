import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// `apk add` that keeps the package index and cache in the layer.
struct ApkCacheKeptRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL1005", name: "apk-cache-kept", severity: .warning,
    summary: "`apk add` without `--no-cache` leaves the package index in the layer.",
    peers: PeerEquivalents(hadolint: ["DL3019"], trivy: ["DS-0025"]), fix: .safe)

  static let cache = "/var/cache/apk"

  /// `--no-cache` on every `apk add` and `apk upgrade` of the RUN, and each `apk update &&`
  /// removed (with `--no-cache` apk fetches a fresh index itself and keeps none).
  func fix(_ script: ShellScript, in file: AnalyzedDockerfile) -> Fix? {
    var edits: [Fix.Edit] = []
    for (index, command) in script.commands.enumerated() where command.program == "apk" {
      guard let verb = command.subcommand else { continue }
      switch verb.value {
      case "add", "upgrade":
        guard !command.hasOption("--no-cache"), !command.hasOption("--no-network") else { continue }
        guard let edit = ShellEdits.insert("--no-cache", after: verb, of: command, in: file.source)
        else { return nil }
        edits.append(edit)
      case "update":
        guard let edit = ShellEdits.remove(index, of: script, in: file) else { return nil }
        edits.append(edit)
      default: continue
      }
    }
    guard !edits.isEmpty else { return nil }
    return Fix(title: "use `apk --no-cache`", edits: edits, safety: .safe)
  }

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    // A dev container is an editor's workspace that never ships: its size is not at stake.
    guard !file.isDevelopmentContainer else { return }
    for position in file.finalImagePositions {
      guard let script = file.scripts[position], script.isFullyParsed else { continue }
      let instruction = file.instructions[position]
      guard !instruction.hasCacheMount(covering: Self.cache), !script.removes(Self.cache) else {
        continue
      }
      let cleans = script.commands("apk").contains {
        let arguments = $0.parsedArguments
        return arguments.verb == "cache" && arguments.operands.first?.value == "clean"
      }
      guard !cleans else { continue }
      for command in script.commands where command.program == "apk" {
        let arguments = command.parsedArguments
        guard let subcommand = arguments.subcommand,
          subcommand.value == "add" || subcommand.value == "update",
          // `--no-network` fetches no index: docker-library's `apk add --no-network
          // --virtual .rundeps $runDeps` only records packages already installed.
          !arguments.has("--no-cache", "--no-network")
        else { continue }
        findings.append(
          finding(
            subcommand.range,
            "`apk \(subcommand.value)` without `--no-cache` keeps the package index (~2–3 MB per "
              + "repository) in this layer",
            help: "use `apk add --no-cache …` (no separate `apk update` needed)",
            fix: fix(script, in: file)))
        break
      }
    }
  }
}
