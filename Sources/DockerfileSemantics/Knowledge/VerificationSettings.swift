/// Which check a setting switches off.
public enum VerificationKind: Sendable, Hashable {
  /// TLS certificate checks: the tool accepts any server, or talks plain HTTP.
  case tls
  /// Signature or checksum checks of packages and repositories.
  case signature
}

/// Environment variables and configuration keys that switch off a verification, with the
/// values that do it. Lists only; `Shell/VerificationSwitches.swift` reads commands with them.
public enum VerificationSettings {
  public struct Variable: Sendable {
    public var kind: VerificationKind
    /// Who reads it, for messages (`Node.js`).
    public var reader: String
    /// Lower-cased values that switch the check off; empty when any non-empty value does.
    public var offValues: Set<String>
  }

  static let falsy: Set<String> = ["0", "false", "no", "off"]

  /// By name; names compare exactly (npm's lower-case `npm_config_*` spelling is listed).
  public static let variables: [String: Variable] = [
    "NODE_TLS_REJECT_UNAUTHORIZED": Variable(kind: .tls, reader: "Node.js", offValues: ["0"]),
    "PYTHONHTTPSVERIFY": Variable(kind: .tls, reader: "Python", offValues: ["0"]),
    // Git treats any value as "do not verify".
    "GIT_SSL_NO_VERIFY": Variable(kind: .tls, reader: "git", offValues: []),
    "PIP_TRUSTED_HOST": Variable(kind: .tls, reader: "pip", offValues: []),
    "NPM_CONFIG_STRICT_SSL": Variable(kind: .tls, reader: "npm", offValues: falsy),
    "npm_config_strict_ssl": Variable(kind: .tls, reader: "npm", offValues: falsy),
    "YARN_STRICT_SSL": Variable(kind: .tls, reader: "yarn", offValues: falsy),
    "YARN_ENABLE_STRICT_SSL": Variable(kind: .tls, reader: "yarn", offValues: falsy),
    // Go: GOINSECURE fetches these modules without TLS checks; GOSUMDB=off trusts any
    // module content.
    "GOINSECURE": Variable(kind: .tls, reader: "Go", offValues: []),
    "GOSUMDB": Variable(kind: .signature, reader: "Go", offValues: ["off"]),
  ]

  /// The variable's check if `value` switches it off; nil otherwise.
  public static func switchedOff(_ name: String, value: String) -> Variable? {
    guard let variable = variables[name] else { return nil }
    let bare = value.trimmingQuotes().lowercased()
    if variable.offValues.isEmpty { return bare.isEmpty ? nil : variable }
    return variable.offValues.contains(bare) ? variable : nil
  }

  /// npm/yarn/pnpm configuration keys whose false value switches TLS checks off.
  public static let strictSSLKeys: Set<String> = ["strict-ssl", "strict_ssl", "enablestrictssl"]

  /// dnf/yum repository options (`--setopt=KEY=VALUE`, `REPO.KEY=VALUE`, repo files).
  public static let repositoryOptions: [String: VerificationKind] = [
    "sslverify": .tls, "gpgcheck": .signature, "repo_gpgcheck": .signature,
    "localpkg_gpgcheck": .signature, "pkg_gpgcheck": .signature,
  ]

  /// APT configuration items (`-o NAME=VALUE`) that switch checks off when true (or false,
  /// for the `Verify-*` ones).
  public static let aptOptions: [String: (kind: VerificationKind, offWhenTrue: Bool)] = [
    "apt::get::allowunauthenticated": (.signature, true),
    "acquire::allowinsecurerepositories": (.signature, true),
    "acquire::allowdowngradetoinsecurerepositories": (.signature, true),
    "acquire::https::verify-peer": (.tls, false), "acquire::https::verify-host": (.tls, false),
  ]

  /// Package-manager options that switch checks off, by program family.
  public static let options: [String: [String: VerificationKind]] = [
    "apt-get": [
      "--allow-unauthenticated": .signature, "--allow-insecure-repositories": .signature,
      "--force-yes": .signature,
    ],
    "apk": ["--allow-untrusted": .signature],
    "dnf": ["--nogpgcheck": .signature, "--no-gpgcheck": .signature],
    "yum": ["--nogpgcheck": .signature],
    "zypper": ["--no-gpg-checks": .signature],
    "rpm": [
      "--nosignature": .signature, "--nodigest": .signature, "--nofiledigest": .signature,
    ],
    "curl": ["-k": .tls, "--insecure": .tls, "--proxy-insecure": .tls],
    "wget": ["--no-check-certificate": .tls],
    "pip": ["--trusted-host": .tls],
  ]

  /// True for the values that mean "on" in configuration files and options.
  public static func isTrue(_ value: String) -> Bool {
    ["1", "true", "yes", "on"].contains(value.trimmingQuotes().lowercased())
  }

  public static func isFalse(_ value: String) -> Bool {
    falsy.contains(value.trimmingQuotes().lowercased())
  }
}

extension String {
  /// Without one pair of surrounding quotes.
  func trimmingQuotes() -> String {
    guard count >= 2, let first, let last, first == last, first == "\"" || first == "'" else {
      return self
    }
    return String(dropFirst().dropLast())
  }
}
