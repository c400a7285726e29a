import DockerfileSyntax

/// Formats of credentials that can be recognised by their value alone: a fixed prefix the
/// issuer puts on every token, then a body of known characters and length. Only formats
/// whose prefix makes a false match unlikely are listed (no bare 40-character strings).
public struct TokenFormat: Sendable {
  /// What the user calls it (`GitHub token`), for messages.
  public var name: String
  /// The bytes every such token starts with; shown in masked output.
  public var prefix: String
  /// The characters of the body after the prefix.
  public var body: TokenAlphabet
  /// Allowed body lengths.
  public var length: ClosedRange<Int>
}

/// Character classes of token bodies.
public enum TokenAlphabet: Sendable {
  /// `A-Z0-9` (AWS key ids).
  case upperAlphanumeric
  /// `A-Za-z0-9`.
  case alphanumeric
  /// `A-Za-z0-9_-` (URL-safe base64 and most API keys).
  case urlSafe
  /// `A-Za-z0-9_`.
  case word
  /// `a-f0-9`.
  case lowerHex
  /// `a-fA-F0-9`.
  case hex
  /// `A-Za-z`.
  case letters
  /// `A-Za-z0-9+/=` (standard base64).
  case base64
  /// `A-Za-z0-9_-.` (SendGrid's two dot-separated parts).
  case dotted
  /// `A-Za-z0-9_-/` (the path of a webhook URL).
  case path

  public func contains(_ byte: UInt8) -> Bool {
    let digit = (0x30...0x39).contains(byte)
    let upper = (0x41...0x5A).contains(byte)
    let lower = (0x61...0x7A).contains(byte)
    switch self {
    case .upperAlphanumeric: return digit || upper
    case .alphanumeric: return digit || upper || lower
    case .urlSafe: return digit || upper || lower || byte == 0x5F || byte == 0x2D
    case .word: return digit || upper || lower || byte == 0x5F
    case .lowerHex: return digit || (0x61...0x66).contains(byte)
    case .hex: return digit || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
    case .letters: return upper || lower
    case .base64: return digit || upper || lower || byte == 0x2B || byte == 0x2F || byte == 0x3D
    case .dotted: return digit || upper || lower || byte == 0x5F || byte == 0x2D || byte == 0x2E
    case .path: return digit || upper || lower || byte == 0x5F || byte == 0x2D || byte == 0x2F
    }
  }
}

public enum SecretFormats {
  /// Issuer-prefixed tokens, from the issuers' documentation of their token formats.
  public static let tokens: [TokenFormat] = [
    TokenFormat(
      name: "AWS access key id", prefix: "AKIA", body: .upperAlphanumeric, length: 16...16),
    TokenFormat(
      name: "AWS temporary access key id", prefix: "ASIA", body: .upperAlphanumeric,
      length: 16...16),
    TokenFormat(name: "GitHub token", prefix: "ghp_", body: .alphanumeric, length: 36...36),
    TokenFormat(name: "GitHub OAuth token", prefix: "gho_", body: .alphanumeric, length: 36...36),
    TokenFormat(name: "GitHub app token", prefix: "ghu_", body: .alphanumeric, length: 36...36),
    TokenFormat(name: "GitHub app token", prefix: "ghs_", body: .alphanumeric, length: 36...36),
    TokenFormat(
      name: "GitHub refresh token", prefix: "ghr_", body: .alphanumeric, length: 36...36),
    TokenFormat(
      name: "GitHub fine-grained token", prefix: "github_pat_", body: .word, length: 82...82),
    TokenFormat(name: "GitLab token", prefix: "glpat-", body: .urlSafe, length: 20...64),
    TokenFormat(name: "Slack bot token", prefix: "xoxb-", body: .urlSafe, length: 20...255),
    TokenFormat(name: "Slack user token", prefix: "xoxp-", body: .urlSafe, length: 20...255),
    TokenFormat(name: "Slack app token", prefix: "xapp-", body: .urlSafe, length: 20...255),
    TokenFormat(
      name: "Slack webhook URL", prefix: "https://hooks.slack.com/services/T", body: .path,
      length: 30...120),
    TokenFormat(
      name: "Stripe secret key", prefix: "sk_live_", body: .alphanumeric, length: 24...247),
    TokenFormat(
      name: "Stripe restricted key", prefix: "rk_live_", body: .alphanumeric, length: 24...247),
    TokenFormat(name: "Google API key", prefix: "AIza", body: .urlSafe, length: 35...35),
    TokenFormat(name: "npm token", prefix: "npm_", body: .alphanumeric, length: 36...36),
    TokenFormat(
      name: "PyPI token", prefix: "pypi-AgEIcHlwaS5vcmc", body: .urlSafe, length: 50...400),
    TokenFormat(name: "OpenAI key", prefix: "sk-proj-", body: .urlSafe, length: 40...400),
    TokenFormat(name: "OpenAI key", prefix: "sk-svcacct-", body: .urlSafe, length: 40...400),
    TokenFormat(name: "Anthropic key", prefix: "sk-ant-", body: .urlSafe, length: 80...400),
    TokenFormat(name: "Hugging Face token", prefix: "hf_", body: .letters, length: 34...34),
    TokenFormat(name: "SendGrid key", prefix: "SG.", body: .dotted, length: 66...66),
    TokenFormat(
      name: "DigitalOcean token", prefix: "dop_v1_", body: .lowerHex, length: 64...64),
    TokenFormat(name: "Docker Hub token", prefix: "dckr_pat_", body: .urlSafe, length: 27...64),
    TokenFormat(name: "Shopify token", prefix: "shpat_", body: .hex, length: 32...32),
    TokenFormat(
      name: "Azure storage account key", prefix: "AccountKey=", body: .base64, length: 86...88),
  ]

  /// Private key blocks: `-----BEGIN … PRIVATE KEY-----` (PEM, OpenSSH, PGP).
  public static let privateKeyMarkers = [
    "-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----",
    "-----BEGIN DSA PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----",
    "-----BEGIN OPENSSH PRIVATE KEY-----", "-----BEGIN ENCRYPTED PRIVATE KEY-----",
    "-----BEGIN PGP PRIVATE KEY BLOCK-----",
  ]

  /// How messages call each marker's key (the marker without dashes and `BEGIN `).
  public static let privateKeyNames: [String: String] = [
    "PRIVATE KEY": "Private key", "RSA PRIVATE KEY": "RSA private key",
    "DSA PRIVATE KEY": "DSA private key", "EC PRIVATE KEY": "EC private key",
    "OPENSSH PRIVATE KEY": "OpenSSH private key",
    "ENCRYPTED PRIVATE KEY": "Encrypted private key",
    "PGP PRIVATE KEY BLOCK": "PGP private key",
  ]

  /// Passwords in URLs that are placeholders, not secrets (compared lower-cased).
  public static let placeholderPasswords: Set<String> = [
    "password", "passwd", "pass", "pwd", "secret", "changeme", "example", "mypassword",
    "yourpassword", "your_password", "your-password", "token", "x-oauth-basic", "x",
    "xxx", "xxxx", "xxxxx", "xxxxxx", "xxxxxxxx", "***", "****", "*****", "******", "********",
    "...", "pw",
  ]

  /// Values that documentation uses as examples (AWS's own `AKIAIOSFODNN7EXAMPLE`).
  public static func isDocumentationExample(_ body: String) -> Bool {
    body.includes("EXAMPLE") || body.includes("example") || body.includes("XXXXXXXX")
      || body.includes("xxxxxxxx")
  }
}

/// Files that hold credentials, by name: what they are, and whether they always do.
public enum SecretFiles {
  public struct Kind: Sendable, Equatable {
    /// For messages: `a private SSH key`, `npm's configuration, which often holds a token`.
    public var description: String
    /// False when the file may also hold no secret (`.npmrc` without a token): messages say
    /// "if".
    public var isCertain: Bool
  }

  /// The kind of secret file `path` (context-relative or absolute) is, nil for other files.
  public static func kind(of path: String) -> Kind? {
    let parts = path.parts(separatedBy: UInt8(ascii: "/")).map { $0.lowercased() }
    guard let name = parts.last else { return nil }
    let folder = parts.dropLast().last
    if folder == ".aws", name == "credentials" || name == "config" {
      return Kind(description: "AWS credentials", isCertain: name == "credentials")
    }
    if folder == ".docker", name == "config.json" {
      return Kind(description: "Docker registry credentials", isCertain: false)
    }
    if (folder == ".kube" && name == "config") || name == "kubeconfig"
      || name.hasSuffix(".kubeconfig")
    {
      return Kind(description: "Kubernetes cluster credentials (a kubeconfig)", isCertain: true)
    }
    if ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"].contains(name)
    {
      return Kind(description: "a private SSH key", isCertain: true)
    }
    switch name {
    case ".netrc", "_netrc": return Kind(description: "login credentials (.netrc)", isCertain: true)
    case ".git-credentials": return Kind(description: "git credentials", isCertain: true)
    case ".pypirc": return Kind(description: "PyPI credentials (.pypirc)", isCertain: false)
    case ".npmrc":
      return Kind(
        description: "npm's configuration, which often holds a registry token", isCertain: false)
    case ".htpasswd": return Kind(description: "password hashes (.htpasswd)", isCertain: true)
    default: break
    }
    if name == ".env"
      || (name.hasPrefix(".env.") && !exampleSuffixes.contains { name.hasSuffix($0) })
    {
      return Kind(
        description: "an environment file, which usually holds the application's secrets",
        isCertain: false)
    }
    // Keys by extension, when the name's words do not say public or signing key.
    let words = name.split(whereSeparator: { "-_.".contains($0) }).dropLast().map(String.init)
    let isPublic = words.contains { word in
      word.hasPrefix("pub") || word.hasPrefix("repo")
        || ["gpg", "asc", "release", "archive", "keyring", "signing", "dh", "dhparam", "dhparams"]
          .contains(word)
    }
    if name.hasSuffix(".key"), !isPublic {
      return Kind(description: "a private key file", isCertain: false)
    }
    if name.hasSuffix(".pem"), !isPublic,
      words.contains(where: { $0.includes("key") || $0.includes("priv") })
    {
      return Kind(description: "a private key file", isCertain: true)
    }
    if name.hasSuffix(".p12") || name.hasSuffix(".pfx") {
      return Kind(description: "a certificate store with its private key", isCertain: true)
    }
    return nil
  }

  /// `.env.example` and the like are templates without values.
  static let exampleSuffixes = [
    ".example", ".sample", ".template", ".dist", ".defaults", ".tmpl", ".schema",
  ]

  /// Variables naming a credentials file (Trivy's list): a COPY to them copies credentials.
  public static let pathVariables: Set<String> = [
    "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "GOOGLE_APPLICATION_CREDENTIALS",
    "HF_TOKEN_PATH",
  ]
}
