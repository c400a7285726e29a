/// hadolint's configuration file (`.hadolint.yaml`), read into ballast's configuration so a
/// project's existing set-up keeps working: rule ids map to the ballast rules with that
/// equivalent, and whatever has no equivalent is a note that names it, never silence.
public enum HadolintConfigurationFile {
  /// The names hadolint looks for in the current folder (and, without the dot, in its
  /// configuration folders).
  public static let fileNames = [".hadolint.yaml", ".hadolint.yml"]

  /// The keys hadolint 2.15 reads.
  public static let keys = [
    "ignored", "override", "failure-threshold", "trustedRegistries", "label-schema",
    "strict-labels", "disable-ignore-pragma", "no-fail", "format", "no-color", "verbose",
  ]

  /// Whether a path names a hadolint configuration (`.yaml` or `.yml`) rather than
  /// `.ballast.json`.
  public static func isHadolintFile(_ path: String) -> Bool {
    let lower = path.lowercased()
    return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
  }

  /// Reads the file into `configuration`. `notes` gets one line for each thing that does not
  /// carry over (an id without a ballast rule, a key about hadolint's own output, an id whose
  /// rule covers other hadolint ids too); errors name the line.
  public static func load(
    _ text: String, path: String, catalog: RuleCatalog, into configuration: inout Configuration,
    notes: inout [String]
  ) throws(ConfigurationError) {
    let root: YAMLNode
    do { root = try YAMLReader.parse(text) } catch {
      throw ConfigurationError(path: path, message: "line \(error.line): \(error.message)")
    }
    let entries: [YAMLEntry]
    switch root.kind {
    case .mapping(let found): entries = found
    case .null: entries = []
    default:
      throw ConfigurationError(
        path: path,
        message: "line \(root.line): the file must be a mapping of keys such as `ignored:`")
    }
    try apply(
      entries, path: path, place: { "line \($0)" }, catalog: catalog, into: &configuration,
      notes: &notes)
  }

  /// hadolint's environment variables, which it reads over its configuration file:
  /// `HADOLINT_IGNORE`, `HADOLINT_OVERRIDE_ERROR` (`_WARNING`, `_INFO`, `_STYLE`) with
  /// comma-separated ids, `HADOLINT_FAILURE_THRESHOLD`, `HADOLINT_NOFAIL`,
  /// `HADOLINT_STRICT_LABELS`, `HADOLINT_DISABLE_IGNORE_PRAGMA` (1, y, on, true or yes),
  /// `HADOLINT_ALLOWED_REGISTRIES` (and `HADOLINT_TRUSTED_REGISTRIES`, the name hadolint's
  /// README gives it), `HADOLINT_REQUIRE_LABELS` (`label:format,…`). `HADOLINT_FORMAT` and
  /// `HADOLINT_VERBOSE` are about hadolint's output: a note says they are not read.
  public static let environmentVariables = [
    "HADOLINT_IGNORE", "HADOLINT_OVERRIDE_ERROR", "HADOLINT_OVERRIDE_WARNING",
    "HADOLINT_OVERRIDE_INFO", "HADOLINT_OVERRIDE_STYLE", "HADOLINT_FAILURE_THRESHOLD",
    "HADOLINT_NOFAIL", "HADOLINT_STRICT_LABELS", "HADOLINT_DISABLE_IGNORE_PRAGMA",
    "HADOLINT_ALLOWED_REGISTRIES", "HADOLINT_TRUSTED_REGISTRIES", "HADOLINT_REQUIRE_LABELS",
    "HADOLINT_FORMAT", "HADOLINT_VERBOSE",
  ]

  public static func loadEnvironment(
    _ variable: (String) -> String?, catalog: RuleCatalog,
    into configuration: inout Configuration, notes: inout [String]
  ) throws(ConfigurationError) {
    var entries: [YAMLEntry] = []
    var names: [String] = []
    func add(_ key: String, _ node: YAMLNode.Kind, from name: String) {
      names.append(name)
      entries.append(
        YAMLEntry(key: key, value: YAMLNode(node, line: names.count), line: names.count))
    }
    func list(_ text: String) -> YAMLNode.Kind {
      .sequence(
        text.split(separator: ",").map {
          YAMLNode(.scalar(String($0).trimmingCharacters(), quoted: true), line: names.count + 1)
        })
    }
    func truthy(_ text: String) -> YAMLNode.Kind {
      .scalar(
        ["1", "y", "on", "true", "yes"].contains(text.lowercased()) ? "true" : "false",
        quoted: false)
    }
    if let text = variable("HADOLINT_IGNORE") {
      add("ignored", list(text), from: "HADOLINT_IGNORE")
    }
    var levels: [YAMLEntry] = []
    for level in ["error", "warning", "info", "style"] {
      let name = "HADOLINT_OVERRIDE_" + level.uppercased()
      guard let text = variable(name) else { continue }
      names.append(name)
      levels.append(
        YAMLEntry(key: level, value: YAMLNode(list(text), line: names.count), line: names.count))
    }
    if !levels.isEmpty {
      entries.append(
        YAMLEntry(
          key: "override", value: YAMLNode(.mapping(levels), line: names.count), line: names.count))
    }
    if let text = variable("HADOLINT_FAILURE_THRESHOLD") {
      add("failure-threshold", .scalar(text, quoted: true), from: "HADOLINT_FAILURE_THRESHOLD")
    }
    for (name, key) in [
      ("HADOLINT_NOFAIL", "no-fail"), ("HADOLINT_STRICT_LABELS", "strict-labels"),
      ("HADOLINT_DISABLE_IGNORE_PRAGMA", "disable-ignore-pragma"),
    ] {
      if let text = variable(name) { add(key, truthy(text), from: name) }
    }
    for name in ["HADOLINT_ALLOWED_REGISTRIES", "HADOLINT_TRUSTED_REGISTRIES"] {
      if let text = variable(name) { add("trustedRegistries", list(text), from: name) }
    }
    if let text = variable("HADOLINT_REQUIRE_LABELS") {
      names.append("HADOLINT_REQUIRE_LABELS")
      let labels = text.split(separator: ",").map { pair -> YAMLEntry in
        let parts = pair.split(separator: ":", maxSplits: 1).map { String($0).trimmingCharacters() }
        return YAMLEntry(
          key: parts[0],
          value: YAMLNode(
            parts.count > 1 ? .scalar(parts[1], quoted: true) : .null, line: names.count),
          line: names.count)
      }
      entries.append(
        YAMLEntry(
          key: "label-schema", value: YAMLNode(.mapping(labels), line: names.count),
          line: names.count))
    }
    for (name, key) in [("HADOLINT_FORMAT", "format"), ("HADOLINT_VERBOSE", "verbose")] {
      if variable(name) != nil { add(key, .null, from: name) }
    }
    // Two names for the registries: the later list adds to the earlier one.
    var merged: [YAMLEntry] = []
    for entry in entries {
      if let index = merged.firstIndex(where: { $0.key == entry.key }),
        case .sequence(let old) = merged[index].value.kind,
        case .sequence(let new) = entry.value.kind
      {
        merged[index].value.kind = .sequence(old + new)
      } else {
        merged.append(entry)
      }
    }
    try apply(
      merged, path: "environment", place: { names[max(0, min($0, names.count) - 1)] },
      catalog: catalog, into: &configuration, notes: &notes)
  }

  /// Applies hadolint's keys; `place` names where a line came from in messages.
  static func apply(
    _ entries: [YAMLEntry], path: String, place: (Int) -> String, catalog: RuleCatalog,
    into configuration: inout Configuration, notes: inout [String]
  ) throws(ConfigurationError) {
    func fail(_ line: Int, _ message: String) -> ConfigurationError {
      ConfigurationError(path: path, message: "\(place(line)): \(message)")
    }
    /// A list of words; hadolint also takes a single word where it takes a list.
    func words(_ node: YAMLNode, _ key: String) throws(ConfigurationError) -> [(String, Int)] {
      switch node.kind {
      case .null: return []
      case .scalar(let text, _): return [(text, node.line)]
      case .sequence(let items):
        var result: [(String, Int)] = []
        for item in items {
          guard let text = item.text else {
            throw fail(item.line, "'\(key)' must be a list of words")
          }
          result.append((text, item.line))
        }
        return result
      case .mapping: throw fail(node.line, "'\(key)' must be a list of words, not a mapping")
      }
    }
    func rules(_ id: String, in key: String, line: Int) throws(ConfigurationError)
      -> [RuleDescriptor]
    {
      switch catalog.reference(id) {
      case .rules(let found):
        for rule in found {
          let others = rule.peers.hadolint.filter { $0.uppercased() != id.uppercased() }
          if !others.isEmpty, key == "ignored" || key.hasPrefix("override.") {
            notes.append(
              "\(place(line)): \(id) in '\(key)' is \(rule.id) \(rule.name), which also stands for "
                + "hadolint's \(Wording.list(others, conjunction: "and")); they are "
                + (key == "ignored" ? "ignored" : "set") + " too")
          }
        }
        return found
      case .unmapped(let peer, let spelled):
        notes.append(
          "\(place(line)): \(RuleReference.unmappedMessage(peer: peer, id: spelled)), so '\(id)' "
            + "in '\(key)' changes nothing")
        return []
      case .unknown:
        throw fail(line, "'\(id)' in '\(key)' is not a hadolint rule\(catalog.unknownRuleHint(id))")
      }
    }
    func flag(_ node: YAMLNode, _ key: String) throws(ConfigurationError) -> Bool {
      if node.kind == .null { return false }
      guard let value = node.bool else { throw fail(node.line, "'\(key)' must be true or false") }
      return value
    }
    for entry in entries {
      let value = entry.value
      switch entry.key {
      case "ignored":
        for (id, line) in try words(value, entry.key) {
          configuration.ignored.formUnion(try rules(id, in: "ignored", line: line).map(\.id))
        }
      case "override":
        guard case .mapping(let levels) = value.kind else {
          if value.kind == .null { continue }
          throw fail(value.line, "'override' must map error, warning, info or style to rule lists")
        }
        for level in levels {
          guard let severity = Severity(rawValue: level.key) else {
            let near = Suggestion.closest(to: level.key, in: ["error", "warning", "info", "style"])
            throw fail(
              level.line,
              "'override.\(level.key)' is not a level"
                + (near.map { "; did you mean '\($0)'?" }
                  ?? ": expected error, warning, info or style"))
          }
          for (id, line) in try words(level.value, "override.\(level.key)") {
            for rule in try rules(id, in: "override.\(level.key)", line: line) {
              configuration.severities[rule.id] = severity
            }
          }
        }
      case "failure-threshold":
        guard let text = value.text?.lowercased() else {
          throw fail(
            value.line, "'failure-threshold' must be error, warning, info, style, ignore or none")
        }
        switch text {
        case "none": configuration.failureThreshold = nil
        // hadolint's lowest level: every finding counts.
        case "ignore": configuration.failureThreshold = .style
        default:
          guard let severity = Severity(rawValue: text) else {
            throw fail(
              value.line,
              "'failure-threshold' must be error, warning, info, style, ignore or none (got '\(text)')"
            )
          }
          configuration.failureThreshold = severity
        }
      case "no-fail":
        if try flag(value, entry.key) { configuration.failureThreshold = nil }
      case "trustedRegistries":
        configuration.trustedRegistries += try words(value, entry.key).map(\.0)
      case "label-schema":
        guard case .mapping(let labels) = value.kind else {
          if value.kind == .null { continue }
          throw fail(value.line, "'label-schema' must map label names to formats")
        }
        let formats = LabelFormat.allCases.map(\.rawValue)
        for label in labels {
          guard let name = label.value.text, let format = LabelFormat(rawValue: name) else {
            throw fail(
              label.line,
              "'label-schema.\(label.key)' must be one of \(Wording.list(formats))")
          }
          configuration.labelSchema[label.key] = format
        }
      case "strict-labels":
        configuration.strictLabels = try flag(value, entry.key)
      case "disable-ignore-pragma":
        configuration.inlineSuppressions = !(try flag(value, entry.key))
      case "format", "no-color", "verbose":
        notes.append(
          "\(place(entry.line)): '\(entry.key)' is about hadolint's output and is not read "
            + "(give \(entry.key == "format" ? "-f" : entry.key == "no-color" ? "--color never" : "nothing") "
            + "on the command line)")
      default:
        let near = Suggestion.closest(to: entry.key, in: keys)
        notes.append(
          "\(place(entry.line)): '\(entry.key)' is not a key hadolint reads"
            + (near.map { "; did you mean '\($0)'?" } ?? "") + "; it changes nothing")
      }
    }
  }
}

extension String {
  fileprivate func trimmingCharacters() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
  }
}
