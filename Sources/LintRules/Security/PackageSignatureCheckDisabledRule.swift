import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// Packages installed without their signatures checked: apt's `--allow-unauthenticated`,
/// `--allow-insecure-repositories`, `--force-yes` and `[trusted=yes]` sources, apk's
/// `--allow-untrusted`, yum/dnf's `--nogpgcheck` and `gpgcheck=0`, rpm's `--nosignature` and
/// `--nodigest`, zypper's `--no-gpg-checks`, `GOSUMDB=off`.
struct PackageSignatureCheckDisabledRule: Rule {
  static let descriptor = RuleDescriptor(
    id: "BL3042", name: "package-signature-check-disabled", severity: .warning,
    summary: "Packages are installed without checking their signatures.",
    peers: PeerEquivalents(
      checkov: [
        "CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11",
      ]
    ),
    security: SecurityClassification(cwe: 347, score: 6.5))

  func check(_ file: AnalyzedDockerfile, into findings: inout [Finding]) {
    let final = Set(file.finalImagePositions)
    // Files each stage has downloaded so far, by base name.
    var downloaded: Set<String> = []
    var stage: Int?
    for position in file.instructions.indices {
      let kind = file.instructions[position].kind
      if kind == .from || file.stage(containing: position)?.index != stage {
        stage = file.stage(containing: position)?.index
        downloaded = []
      }
      guard kind == .run || kind == .arg || kind == .env else { continue }
      let script = file.scripts[position]
      for command in script?.commands ?? [] {
        // The closure is written inline: bound to a name it captured a copy of the whole file
        // for every command.
        if let download = command.download,
          let name = download.savedFileName(expanding: { file.expand($0, before: position) })
        {
          downloaded.insert(name)
        }
      }
      for setting in file.verificationSettings(at: position, ships: final.contains(position))
      where setting.kind == .signature
        && !installsOwnFiles(setting.command, downloaded, { file.expand($0, before: position) })
      {
        findings.append(
          finding(
            setting.range, message(setting),
            help: "import the repository's signing key (`/etc/apt/keyrings/` with `signed-by=`, "
              + "`rpm --import`, `/etc/apk/keys/`) so the packages are checked"))
      }
    }
  }

  /// `apk add --allow-untrusted /tmp/packages/*.apk`, `rpm -i --nosignature ./x.rpm`: local
  /// package files the build made (or copied from a build stage) have no signature to check.
  /// Files downloaded in the stage do not count as local.
  private func installsOwnFiles(
    _ command: ShellCommand?, _ downloaded: Set<String>, _ expand: (String) -> String?
  ) -> Bool {
    guard let command else { return false }
    let files: [String]
    if let install = command.packageInstall {
      guard !install.packages.isEmpty, install.packages.allSatisfy({ $0.source == .file }) else {
        return false
      }
      files = install.packages.map(\.word.value)
    } else if command.program == "rpm" {
      let operands = command.parsedArguments.operands.map(\.value)
      guard !operands.isEmpty, operands.allSatisfy({ $0.hasSuffix(".rpm") && !$0.includes("://") })
      else { return false }
      files = operands
    } else {
      return false
    }
    return !files.contains { name in
      downloaded.contains(Paths.baseName(name))
        || expand(name).map { downloaded.contains(Paths.baseName($0)) } ?? false
    }
  }

  private func message(_ setting: VerificationSetting) -> String {
    let threat = "a mirror, a proxy or anyone on the network path can substitute packages"
    switch setting.place {
    case .repositoryFile:
      return "`\(setting.written)` makes this repository's packages install without a "
        + "signature check: \(threat)"
    case .argument, .environment, .commandVariable:
      return "`\(setting.written)` makes \(setting.program) accept module contents it cannot "
        + "verify: \(threat)"
    case .command:
      return "`\(setting.written)` makes \(setting.program) install packages without checking "
        + "their signatures: \(threat)"
    }
  }
}
