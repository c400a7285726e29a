/// Package-manager facts shared by rules.
public enum PackageManagers {
  /// Programs and the subcommand that installs packages.
  public static let installCommands: [String: Set<String>] = [
    "apt-get": ["install"], "apt": ["install"], "yum": ["install"], "dnf": ["install"],
    "microdnf": ["install"], "apk": ["add"], "zypper": ["install", "in"], "tdnf": ["install"],
  ]

  /// Packages that make an image a build or development environment.
  public static let buildToolPackages: Set<String> = [
    "gcc", "g++", "gcc-c++", "clang", "make", "cmake", "build-essential", "build-base",
    "autoconf", "automake", "libtool", "musl-dev", "libc6-dev", "git", "maven", "gradle",
  ]

  /// Package names installed by `command`, or nil when it installs nothing.
  public static func installedPackages(_ command: ShellCommand) -> [String]? {
    guard let subcommands = installCommands[command.program], let subcommand = command.subcommand,
      subcommands.contains(subcommand.value)
    else { return nil }
    return command.operands.filter(\.isLiteral).map { word in
      // `curl=7.88*` / `gcc~=12` pin versions; the name is before the operator.
      String(word.value.prefix { $0 != "=" && $0 != "~" && $0 != "<" && $0 != ">" })
    }
  }
}

extension AnalyzedDockerfile {
  /// True when the final image installs compilers or other build tools itself: it is meant
  /// as a build or development environment.
  public var finalImageInstallsBuildTools: Bool {
    finalImagePositions.contains { position in
      scripts[position]?.commands.contains { command in
        PackageManagers.installedPackages(command)?.contains {
          PackageManagers.buildToolPackages.contains($0)
        } == true
      } == true
    }
  }
}

extension ShellCommand {
  /// `apt-get update` or `apt update`.
  public var isAptUpdate: Bool {
    (program == "apt-get" || program == "apt") && subcommand?.value == "update"
  }
}

extension ShellScript {
  /// True when a package manager installs or upgrades packages in this script.
  public var installsPackages: Bool {
    commands.contains { command in
      PackageManagers.installedPackages(command) != nil
        || ["upgrade", "dist-upgrade", "full-upgrade", "build-dep"].contains(
          command.subcommand?.value ?? "")
    }
  }
}
