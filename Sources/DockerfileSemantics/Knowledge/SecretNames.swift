import DockerfileSyntax

/// Which variable names look like they hold a secret. The words are BuildKit's
/// (`getSecretsRegex` in `dockerfile2llb/validations.go`): a name is suspicious when one of
/// its `_`-separated words, in any case, is a secret word and none is an allowed word.
/// ballast allows a few more words for names that hold public or indirect material.
public enum SecretNames {
  /// BuildKit's secret words.
  public static let secretWords: Set<String> = [
    "apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd",
    "secret", "token",
  ]
  /// BuildKit's allowed words: a `PUBLIC_KEY`, a `PASSWORD_FILE` or a `TOKEN_VERSION` is not
  /// the secret itself.
  public static let buildkitAllowedWords: Set<String> = ["public", "file", "version"]
  /// Words that make the name describe public key material: a GPG or signing key variable
  /// holds the fingerprint used to verify downloads (`GPG_KEY`, `SWIFT_SIGNING_KEY`).
  public static let publicKeyWords: Set<String> = ["gpg", "pgp", "gnupg", "signing"]
  /// Words that, after the last secret word, say the value is about the secret rather than the
  /// secret: where it is stored (`KEY_DIR`, `PASSWORD_PATH`, `PASSWORD_SECRETFILE`).
  public static let locationWords: Set<String> = [
    "path", "dir", "directory", "filepath", "filename", "secretfile", "files",
  ]

  /// Words that, after the last secret word, say the value names a source revision of
  /// something whose name holds a secret word (`PG_AUTH_MON_COMMIT`: the pg_auth_mon
  /// extension's commit).
  public static let revisionWords: Set<String> = ["commit", "sha", "revision", "rev"]

  /// The verdict for one name.
  public enum Verdict: Equatable, Sendable {
    /// No secret word, or an allowed one (BuildKit stays silent too).
    case plain
    /// BuildKit reports it, but the name holds public or indirect material.
    case notSecret(reason: String)
    /// Looks like a secret.
    case secret
  }

  public static func verdict(_ name: String) -> Verdict {
    let words = name.parts(separatedBy: UInt8(ascii: "_"), omittingEmpty: false).map(folded)
    guard let last = words.lastIndex(where: secretWords.contains),
      !words.contains(where: buildkitAllowedWords.contains)
    else { return .plain }
    if let word = words.first(where: publicKeyWords.contains) {
      return .notSecret(reason: "a `\(word)` key variable holds a public key or its fingerprint")
    }
    if let word = words[(last + 1)...].first(where: locationWords.contains) {
      return .notSecret(reason: "a `\(word)` variable holds where the secret is, not the secret")
    }
    if let word = words[(last + 1)...].first(where: revisionWords.contains) {
      return .notSecret(reason: "a `\(word)` variable holds a source revision, not a secret")
    }
    return .secret
  }

  /// Lower case as Go's `(?i)` matches: ASCII, plus the two non-ASCII letters that fold onto
  /// the secret words' letters (Kelvin sign `K`, long s `ſ`).
  private static func folded(_ word: Substring) -> String {
    // ASCII words (nearly all) are lowered byte by byte: appending scalars one at a time
    // cost about 200 instructions each.
    if word.utf8.allSatisfy({ $0 < 0x80 }) {
      return String(
        decoding: word.utf8.map { (0x41...0x5A).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }
    var result = ""
    for scalar in word.unicodeScalars {
      switch scalar {
      case "\u{212A}": result.append("k")
      case "\u{017F}": result.append("s")
      default: result.unicodeScalars.append(scalar.isASCII ? lowered(scalar) : scalar)
      }
    }
    return result
  }

  private static func lowered(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
  }
}
