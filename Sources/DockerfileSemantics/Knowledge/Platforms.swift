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
