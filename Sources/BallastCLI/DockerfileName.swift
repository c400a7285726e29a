/// What counts as a Dockerfile's name when searching folders.
enum DockerfileName {
  /// The names as users read them, for messages and help.
  static let description =
    "Dockerfile, Containerfile, *.Dockerfile, *.dockerfile, Dockerfile.* and Containerfile.*"

  static func matches(_ name: String) -> Bool {
    let lower = name.lowercased()
    return lower == "dockerfile" || lower == "containerfile" || lower.hasSuffix(".dockerfile")
      || lower.hasPrefix("dockerfile.") || lower.hasPrefix("containerfile.")
  }
}
