import DockerfileSyntax

/// Why a configuration could not be used; the message names the file and the key.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
  public var path: String
  public var message: String

  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }
}

/// `.ballast.json`, versioned. Every key is checked: a typo is an error, not a silent no-op.
public enum ConfigurationFile {
  public static let fileName = ".ballast.json"
  public static let currentVersion = 1
  /// The keys the file accepts at the top level.
  public static let topLevelKeys = [
    "version", "ignore", "failureThreshold", "trustedRegistries", "labelSchema", "strictLabels",
    "disableIgnorePragma", "rules", "shellcheck",
  ]
  /// The keys of the `shellcheck` object.
  public static let shellCheckKeys = ["enabled", "path", "exclude", "severity"]

  /// The text with whole-line `//` comments blanked (line numbers kept): `ballast migrate`
  /// writes one per hadolint id that did not carry over.
  static func withoutCommentLines(_ text: String) -> String {
    guard text.includes("//") else { return text }
    return text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }
    ).map { line in
      line.drop { $0 == " " || $0 == "\t" }.hasPrefix("//") ? "" : line
    }.joined(separator: "\n")
  }

  public static func load(
    _ text: String, path: String, catalog: RuleCatalog, into configuration: inout Configuration
  ) throws(ConfigurationError) {
    var warnings: [String] = []
    try load(text, path: path, catalog: catalog, into: &configuration, warnings: &warnings)
  }

  /// Loads the file; `warnings` gets one line per peer id (`DL3026`) that no ballast rule
  /// covers, which is no error: the file may come from a set-up made for that peer.
  public static func load(
    _ text: String, path: String, catalog: RuleCatalog, into configuration: inout Configuration,
    warnings: inout [String]
  ) throws(ConfigurationError) {
    func fail(_ message: String) -> ConfigurationError {
      ConfigurationError(path: path, message: message)
    }
    let root: JSONValue
    do { root = try JSONReader.parse(withoutCommentLines(text)) } catch {
      throw fail("line \(error.line): \(error.message)")
    }
    guard case .object(let members) = root else { throw fail("the top level must be an object") }
    // A ballast id or name, or a peer's id standing for every rule it maps to.
    func rules(_ key: String, in context: String) throws(ConfigurationError) -> [RuleDescriptor] {
      switch catalog.reference(key) {
      case .rules(let found): return found
      case .unmapped(let peer, let id):
        warnings.append(
          "\(path): \(RuleReference.unmappedMessage(peer: peer, id: id)), so '\(key)' in "
            + "\(context) changes nothing")
        return []
      case .unknown:
        throw fail("unknown rule '\(key)' in \(context)\(catalog.unknownRuleHint(key))")
      }
    }
    func strings(_ value: JSONValue, _ key: String) throws(ConfigurationError) -> [String] {
      guard case .array(let items) = value else { throw fail("'\(key)' must be a list of strings") }
      var result: [String] = []
      for item in items {
        guard case .string(let text) = item else {
          throw fail("'\(key)' must be a list of strings")
        }
        result.append(text)
      }
      return result
    }
    func unknown(_ key: String, _ known: [String], in prefix: String = "") -> ConfigurationError {
      let near = Suggestion.closest(to: key, in: known).map { "; did you mean '\(prefix)\($0)'?" }
      return fail("unknown key '\(prefix)\(key)'" + (near ?? ": expected \(Wording.list(known))"))
    }
    let severities = Severity.allCases.reversed().map(\.rawValue)
    func severity(_ value: JSONValue, _ key: String, orNone: Bool = false)
      throws(ConfigurationError) -> Severity?
    {
      let allowed = severities + (orNone ? ["none"] : [])
      if orNone, case .string("none") = value { return nil }
      guard case .string(let text) = value, let severity = Severity(rawValue: text) else {
        throw fail("'\(key)' must be one of \(Wording.list(allowed))")
      }
      return severity
    }
    for (key, value) in members {
      switch key {
      case "version":
        guard case .int(let version) = value else { throw fail("'version' must be a number") }
        guard version <= currentVersion else {
          throw fail(
            "version \(version) is newer than this ballast understands (\(currentVersion))")
        }
      case "ignore":
        for name in try strings(value, key) {
          configuration.ignored.formUnion(try rules(name, in: "'ignore'").map(\.id))
        }
      case "failureThreshold":
        configuration.failureThreshold = try severity(value, key, orNone: true)
      case "trustedRegistries":
        configuration.trustedRegistries = try strings(value, key)
      case "labelSchema":
        guard case .object(let labels) = value else {
          throw fail("'labelSchema' must be an object of label names and formats")
        }
        let formats = Wording.list(LabelFormat.allCases.map(\.rawValue))
        var schema: [String: LabelFormat] = [:]
        for (label, format) in labels {
          guard !label.isEmpty else { throw fail("'labelSchema' has an empty label name") }
          guard case .string(let name) = format, let parsed = LabelFormat(rawValue: name) else {
            throw fail("'labelSchema.\(label)' must be one of \(formats)")
          }
          schema[label] = parsed
        }
        configuration.labelSchema = schema
      case "strictLabels":
        guard case .bool(let strict) = value else {
          throw fail("'strictLabels' must be true or false")
        }
        configuration.strictLabels = strict
      case "shellcheck":
        guard case .object(let fields) = value else {
          throw fail("'shellcheck' must be an object")
        }
        for (field, fieldValue) in fields {
          switch field {
          case "enabled":
            guard case .bool(let enabled) = fieldValue else {
              throw fail("'shellcheck.enabled' must be true or false")
            }
            configuration.shellCheck.enabled = enabled
          case "path":
            guard case .string(let path) = fieldValue, !path.isEmpty else {
              throw fail("'shellcheck.path' must be the path of the shellcheck program")
            }
            configuration.shellCheck.path = path
          case "exclude":
            for code in try strings(fieldValue, "shellcheck.exclude") {
              guard ShellCheckCodes.isCode(code) else {
                throw fail(
                  "'shellcheck.exclude': '\(code)' is not a ShellCheck code such as SC2086")
              }
              configuration.shellCheck.exclude.insert(code.uppercased())
            }
          case "severity":
            guard case .object(let levels) = fieldValue else {
              throw fail(
                "'shellcheck.severity' must be an object of levels or codes and severities")
            }
            for (key, level) in levels {
              guard let mapped = try severity(level, "shellcheck.severity.\(key)") else { continue }
              if ShellCheckCodes.isCode(key) {
                configuration.severities[key.uppercased()] = mapped
              } else if let from = Severity(rawValue: key) {
                configuration.shellCheck.levelSeverities[from] = mapped
              } else {
                throw fail(
                  "'shellcheck.severity.\(key)': expected one of ShellCheck's levels "
                    + "\(Wording.list(severities)) or a code such as SC2086")
              }
            }
          default:
            throw unknown(field, shellCheckKeys, in: "shellcheck.")
          }
        }
      case "disableIgnorePragma":
        guard case .bool(let disabled) = value else {
          throw fail("'disableIgnorePragma' must be true or false")
        }
        configuration.inlineSuppressions = !disabled
      case "rules":
        guard case .object(let entries) = value else { throw fail("'rules' must be an object") }
        for (name, settings) in entries {
          let descriptors = try rules(name, in: "'rules'")
          guard case .object(let fields) = settings else {
            throw fail("'rules.\(name)' must be an object")
          }
          for (field, fieldValue) in fields {
            switch field {
            case "severity":
              let level = try severity(fieldValue, "rules.\(name).severity")
              for descriptor in descriptors { configuration.severities[descriptor.id] = level }
            case "enabled":
              guard case .bool(let enabled) = fieldValue else {
                throw fail("'rules.\(name).enabled' must be true or false")
              }
              for descriptor in descriptors { configuration.enabled[descriptor.id] = enabled }
            case "options":
              guard case .object(let options) = fieldValue else {
                throw fail("'rules.\(name).options' must be an object")
              }
              if let first = options.first {
                let ids = Wording.list(descriptors.map(\.id), conjunction: "and")
                throw fail(
                  "unknown option 'rules.\(name).options.\(first.0)': \(ids.isEmpty ? name : ids) "
                    + "\(descriptors.count > 1 ? "have" : "has") no options")
              }
            default:
              throw unknown(field, ["severity", "enabled", "options"], in: "rules.\(name).")
            }
          }
        }
      default:
        throw unknown(key, topLevelKeys)
      }
    }
  }

  /// Only what differs from the defaults, as a `.ballast.json` (for `ballast migrate`):
  /// loading the result gives `configuration` back.
  public static func renderChanges(_ configuration: Configuration, catalog: RuleCatalog)
    -> String
  {
    let defaults = Configuration()
    var members: [(String, JSONValue)] = [("version", .int(currentVersion))]
    if !configuration.ignored.isEmpty {
      members.append(("ignore", .array(configuration.ignored.sorted().map(JSONValue.string))))
    }
    if configuration.failureThreshold != defaults.failureThreshold {
      members.append(
        ("failureThreshold", .string(configuration.failureThreshold?.rawValue ?? "none")))
    }
    if !configuration.trustedRegistries.isEmpty {
      members.append(
        ("trustedRegistries", .array(configuration.trustedRegistries.map(JSONValue.string))))
    }
    if !configuration.labelSchema.isEmpty {
      members.append(
        (
          "labelSchema",
          .object(
            configuration.labelSchema.sorted { $0.key < $1.key }.map {
              ($0.key, .string($0.value.rawValue))
            })
        ))
    }
    if configuration.strictLabels { members.append(("strictLabels", .bool(true))) }
    if !configuration.inlineSuppressions { members.append(("disableIgnorePragma", .bool(true))) }
    var rules: [(String, JSONValue)] = []
    for descriptor in catalog.descriptors {
      var fields: [(String, JSONValue)] = []
      if let enabled = configuration.enabled[descriptor.id] {
        fields.append(("enabled", .bool(enabled)))
      }
      if let severity = configuration.severities[descriptor.id] {
        fields.append(("severity", .string(severity.rawValue)))
      }
      if !fields.isEmpty { rules.append((descriptor.id, .object(fields))) }
    }
    if !rules.isEmpty { members.append(("rules", .object(rules))) }
    return JSONValue.object(members).serialized(.pretty) + "\n"
  }

  /// The effective configuration as the file format, for `ballast config --print`.
  public static func render(_ configuration: Configuration, catalog: RuleCatalog) -> String {
    var rules: [(String, JSONValue)] = []
    for descriptor in catalog.descriptors {
      rules.append(
        (
          descriptor.id,
          .object([
            ("enabled", .bool(configuration.isEnabled(descriptor))),
            ("severity", .string(configuration.severity(of: descriptor).rawValue)),
          ])
        ))
    }
    return JSONValue.object([
      ("version", .int(currentVersion)),
      ("ignore", .array(configuration.ignored.sorted().map(JSONValue.string))),
      ("failureThreshold", .string(configuration.failureThreshold?.rawValue ?? "none")),
      ("trustedRegistries", .array(configuration.trustedRegistries.map(JSONValue.string))),
      (
        "labelSchema",
        .object(
          configuration.labelSchema.sorted { $0.key < $1.key }.map {
            ($0.key, .string($0.value.rawValue))
          })
      ),
      ("strictLabels", .bool(configuration.strictLabels)),
      ("shellcheck", shellCheckObject(configuration)),
      ("disableIgnorePragma", .bool(!configuration.inlineSuppressions)),
      ("rules", .object(rules)),
    ]).serialized(.pretty) + "\n"
  }

  static func shellCheckObject(_ configuration: Configuration) -> JSONValue {
    let settings = configuration.shellCheck
    var levels: [(String, JSONValue)] = Severity.allCases.reversed().compactMap { level in
      settings.levelSeverities[level].map { (level.rawValue, .string($0.rawValue)) }
    }
    levels += configuration.severities.keys.filter(ShellCheckCodes.isCode).sorted().map {
      ($0, .string(configuration.severities[$0]!.rawValue))
    }
    var fields: [(String, JSONValue)] = [("enabled", .bool(settings.enabled))]
    if let path = settings.path { fields.append(("path", .string(path))) }
    fields.append(("exclude", .array(settings.exclude.sorted().map(JSONValue.string))))
    fields.append(("severity", .object(levels)))
    return .object(fields)
  }
}
