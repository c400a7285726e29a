import DockerfileSyntax

/// A `--platform` value (`linux/arm64/v8`), read as BuildKit's `platforms.Parse` reads it:
/// architecture aliases are normalised and a lone part is an OS or an architecture.
public struct PlatformFlag: Sendable, Hashable {
  public var os: String
  public var architecture: String
  public var variant: String?

  /// Operating systems `platforms.Parse` knows; a lone part that is one of them is the OS.
  static let operatingSystems: Set<String> = [
    "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
    "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
  ]

  /// What `platforms.Parse` does to architecture names.
  static func normalizedArchitecture(_ name: String) -> String {
    switch name {
    case "i386", "i486", "i586", "i686": return "386"
    case "x86_64", "x86-64", "amd64": return "amd64"
    case "aarch64", "arm64": return "arm64"
    case "armhf", "armel", "arm": return "arm"
    default: return name
    }
  }

  /// Parses a constant value; nil when it has variables or too many parts. A lone OS takes
  /// the architecture of the machine building (amd64 is assumed), a lone architecture Linux.
  public init?(_ text: String) {
    let parts = text.lowercased().split(separator: "/", omittingEmptySubsequences: false)
      .map(String.init)
    guard !text.contains("$"), (1...3).contains(parts.count), !parts.contains(where: \.isEmpty)
    else { return nil }
    if parts.count == 1 {
      if Self.operatingSystems.contains(parts[0]) {
        os = parts[0]
        architecture = "amd64"
      } else {
        os = "linux"
        architecture = Self.normalizedArchitecture(parts[0])
      }
    } else {
      os = parts[0]
      architecture = Self.normalizedArchitecture(parts[1])
      variant = parts.count == 3 ? parts[2] : nil
    }
  }

  /// The names a `--platform` value refers to with `$name` or `${name…}`.
  public static func variableNames(in text: String) -> [String] {
    VariableExpander.mentionedNames(in: text)
  }
}

/// The platform an image's name alone tells, for the images that exist for one platform only.
public enum ImagePlatformKnowledge {
  /// Docker Hub's per-architecture organisations of the official images (`arm64v8/alpine`).
  static let architectureOrganisations: [String: (os: String, architecture: String)] = [
    "amd64": ("linux", "amd64"), "arm32v5": ("linux", "arm"), "arm32v6": ("linux", "arm"),
    "arm32v7": ("linux", "arm"), "arm64v8": ("linux", "arm64"), "i386": ("linux", "386"),
    "ppc64le": ("linux", "ppc64le"), "s390x": ("linux", "s390x"),
    "riscv64": ("linux", "riscv64"), "mips64le": ("linux", "mips64le"),
    "windows-amd64": ("windows", "amd64"),
  ]

  /// The operating system and, when the name fixes it, the architecture of every image
  /// `image` names; nil when its name does not tell (most images are multi-platform).
  public static func platform(of image: ImageReference) -> (os: String, architecture: String?)? {
    let parts = image.repository.lowercased().parts(separatedBy: UInt8(ascii: "/")).map(String.init)
    let onHub = image.registry.map { ["docker.io", "index.docker.io"].contains($0.lowercased()) }
    if onHub ?? true, parts.count == 2, let known = architectureOrganisations[parts[0]] {
      return (known.os, known.architecture)
    }
    if image.isWindows { return ("windows", nil) }
    return nil
  }
}
