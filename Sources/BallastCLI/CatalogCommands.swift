import DockerfileSyntax
import LintEngine
import LintFormatters
import LintRules

/// `ballast rules`, `ballast explain`, `ballast config --print`.
enum CatalogCommands {
  static var catalog: RuleCatalog { LintCommand.linter.catalog }

  static func rules(_ arguments: [String], into result: inout CommandResult) {
    let json = arguments == ["--format", "json"] || arguments == ["--format=json"]
    guard json || arguments.isEmpty || arguments == ["--format", "text"] else {
      result.errors += "ballast rules: usage: ballast rules [--format text|json]\n"
      result.status = ExitStatus.failure
      return
    }
    if json {
      let items: [JSONValue] = catalog.descriptors.map { descriptor in
        .object(
          [
            ("id", .string(descriptor.id)), ("name", .string(descriptor.name)),
            ("category", .string(descriptor.category.title)),
            ("severity", .string(descriptor.defaultSeverity.rawValue)),
            ("enabledByDefault", .bool(descriptor.isEnabledByDefault)),
            ("summary", .string(descriptor.summary)),
          ]
            + PeerEquivalents.Peer.allCases.map { peer in
              (peer.rawValue, JSONValue.array(descriptor.peers[peer].map(JSONValue.string)))
            })
      }
      result.output += JSONValue.array(items).serialized(.pretty) + "\n"
      return
    }
    for descriptor in catalog.descriptors {
      let name = descriptor.name.padding(to: 26)
      let severity = descriptor.defaultSeverity.rawValue.padding(to: 8)
      result.output += "\(descriptor.id)  \(name)  \(severity)  \(descriptor.summary)\n"
    }
  }

  static func explain(_ arguments: [String], into result: inout CommandResult) {
    guard arguments.count == 1 else {
      result.errors += "ballast explain: give one rule id or name (see `ballast rules`)\n"
      result.status = ExitStatus.failure
      return
    }
    guard let descriptor = catalog.rule(arguments[0]) else {
      result.errors +=
        "ballast explain: unknown rule '\(TerminalSafe.text(arguments[0]))' (see `ballast rules`)\n"
      result.status = ExitStatus.failure
      return
    }
    result.output +=
      RuleDocumentation.pages[descriptor.id]
      ?? "\(descriptor.id) \(descriptor.name)\n\n\(descriptor.summary)\n"
  }

  static func config(_ arguments: [String], into result: inout CommandResult) {
    guard arguments.first == "--print" else {
      result.errors += "ballast config: usage: ballast config --print [--config FILE] [PATH]\n"
      result.status = ExitStatus.failure
      return
    }
    let options: LintOptions
    switch LintCommand.parseOptions(Array(arguments.dropFirst())) {
    case .success(let parsed): options = parsed
    case .failure(let error):
      result.errors += "ballast: \(error.message)\n"
      result.status = ExitStatus.failure
      return
    }
    let path = options.paths.first ?? "."
    let folder = FileDiscovery.isDirectory(path) ? path : FileDiscovery.folder(of: path)
    var cache: [String: Result<Configuration, InputError>] = [:]
    switch LintCommand.configuration(for: folder, options: options, cache: &cache) {
    case .success(let configuration):
      result.output += ConfigurationFile.render(configuration, catalog: catalog)
    case .failure(let error):
      result.errors += "ballast: \(error.message)\n"
      result.status = ExitStatus.failure
    }
  }
}

extension String {
  func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
