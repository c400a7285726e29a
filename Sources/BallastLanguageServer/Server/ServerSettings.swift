import DockerfileSyntax
import LintEngine

/// What the editor's settings for ballast say (`initializationOptions`,
/// `workspace/didChangeConfiguration` or the `ballast` section of `workspace/configuration`):
/// where the configuration and the build context come from, and choices applied on top of
/// the configuration, as the command line's options are.
///
///     { "configPath": "ci/ballast.json", "useConfigFiles": true, "select": ["BL1"],
///       "ignore": ["BL5002"], "rules": { "BL1004": { "severity": "error" } },
///       "context": ".", "readContext": true }
struct ServerSettings: Equatable, Sendable {
  /// A configuration file used instead of the nearest `.ballast.json` (absolute, or relative
  /// to the workspace root).
  var configPath: String?
  var useConfigFiles = true
  /// The build context folder for every document (the CLI's `--context`); nil to find it.
  var contextRoot: String?
  /// False to read nothing beside the documents (the CLI's `--no-context`).
  var readsContext = true
  /// Rule ids, id prefixes or names; only these run.
  var select: [String] = []
  /// The keys `.ballast.json` also has (`ignore`, `rules`, `trustedRegistries`, `labelSchema`,
  /// `strictLabels`), applied after the file with the same checks.
  var overlay: [(String, JSONValue)] = []

  static func == (lhs: ServerSettings, rhs: ServerSettings) -> Bool {
    lhs.configPath == rhs.configPath && lhs.useConfigFiles == rhs.useConfigFiles
      && lhs.contextRoot == rhs.contextRoot && lhs.readsContext == rhs.readsContext
      && lhs.select == rhs.select
      && JSONValue.object(lhs.overlay).serialized() == JSONValue.object(rhs.overlay).serialized()
  }

  static let overlayKeys: Set<String> = [
    "ignore", "rules", "trustedRegistries", "labelSchema", "strictLabels",
  ]

  /// Reads settings; unknown keys and wrong types are named in `problems` and skipped, so a
  /// typo in an editor's settings never stops diagnostics. A `ballast` member is the
  /// section; otherwise the object itself is.
  static func parse(_ value: JSONValue?, root: String?) -> (ServerSettings, [String]) {
    var settings = ServerSettings()
    var problems: [String] = []
    guard var section = value, !section.isNull else { return (settings, problems) }
    if let inner = section["ballast"] { section = inner }
    guard case .object(let members) = section else {
      if !section.isNull { problems.append("ballast settings must be an object") }
      return (settings, problems)
    }
    for (key, member) in members {
      switch key {
      case "configPath", "context":
        if member.isNull { continue }
        guard let path = member.string, !path.isEmpty else {
          problems.append("'\(key)' must be a path")
          continue
        }
        var absolute = path
        if !path.hasPrefix("/"), let root {
          absolute = (root.hasSuffix("/") ? root : root + "/") + path
        }
        if key == "context" {
          settings.contextRoot = absolute
        } else {
          settings.configPath = absolute
        }
      case "readContext":
        guard let flag = member.bool else {
          problems.append("'readContext' must be true or false")
          continue
        }
        settings.readsContext = flag
      case "useConfigFiles":
        guard let flag = member.bool else {
          problems.append("'useConfigFiles' must be true or false")
          continue
        }
        settings.useConfigFiles = flag
      case "select":
        guard let items = member.array, items.allSatisfy({ $0.string != nil }) else {
          problems.append("'select' must be a list of rule ids or names")
          continue
        }
        settings.select = items.compactMap(\.string)
      case _ where overlayKeys.contains(key):
        settings.overlay.append((key, member))
      default:
        problems.append("unknown setting '\(key)'")
      }
    }
    return (settings, problems)
  }

  /// Applies the choices on top of a file's configuration.
  func apply(to configuration: inout Configuration, catalog: RuleCatalog) throws(ConfigurationError)
  {
    if !overlay.isEmpty {
      try ConfigurationFile.load(
        JSONValue.object(overlay).serialized(), path: "ballast settings", catalog: catalog,
        into: &configuration)
    }
    guard !select.isEmpty else { return }
    var selected: Set<String> = []
    for key in select {
      let rules = catalog.rules(matching: key)
      guard !rules.isEmpty else {
        throw ConfigurationError(
          path: "ballast settings", message: "'select': no rule matches '\(key)'")
      }
      selected.formUnion(rules.map(\.id))
    }
    configuration.selected = selected
  }
}
