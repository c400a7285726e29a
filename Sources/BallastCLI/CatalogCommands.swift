import DockerfileSyntax
import LintEngine
import LintFormatters
import LintRules

/// `ballast rules`, `ballast explain`, `ballast config --print`.
enum CatalogCommands {
  static var catalog: RuleCatalog { LintCommand.linter.catalog }

  static func rules(json: Bool, into result: inout CommandResult) {
    if json {
      let items: [JSONValue] = catalog.descriptors.map { descriptor in
        .object(
          [
            ("id", .string(descriptor.id)), ("name", .string(descriptor.name)),
            ("category", .string(descriptor.category.title)),
            ("severity", .string(descriptor.defaultSeverity.rawValue)),
            ("enabledByDefault", .bool(descriptor.isEnabledByDefault)),
            ("fix", descriptor.fixSafety.map { .string($0.rawValue) } ?? .null),
            ("summary", .string(descriptor.summary)),
          ]
            + PeerEquivalents.Peer.allCases.map { peer in
              (peer.rawValue, JSONValue.array(descriptor.peers[peer].map(JSONValue.string)))
            })
      }
      result.output += JSONValue.array(items).serialized(.pretty) + "\n"
      return
    }
    result.output += rulesText(catalog) + "\n" + shellCheckNote
  }

  /// What `ballast rules` says after the table: ShellCheck's codes are not rules of ballast's,
  /// but `--shellcheck` reports them and every option naming rules accepts them.
  static let shellCheckNote =
    "SCnnnn  ShellCheck's codes inside RUN scripts, with --shellcheck (off by default); "
    + "see Rules/ShellCheck.md\n"

  /// `ballast rules`: a header, then one line per rule; the name column fits the longest name,
  /// and DEFAULT says which rules run unless configured (`off` ones need `enabled: true`).
  static func rulesText(_ catalog: RuleCatalog) -> String {
    let width = max(4, catalog.descriptors.map(\.name.count).max() ?? 0)
    var text = "ID      \("NAME".padding(to: width))  SEVERITY  DEFAULT  SUMMARY\n"
    for descriptor in catalog.descriptors {
      text += "\(descriptor.id)  \(descriptor.name.padding(to: width))  "
      text += descriptor.defaultSeverity.rawValue.padding(to: 8) + "  "
      text += (descriptor.isEnabledByDefault ? "on" : "off").padding(to: 7) + "  "
      text += descriptor.summary + "\n"
    }
    return text
  }

  static func explain(_ key: String, into result: inout CommandResult) throws(UsageError) {
    result.output += try explanation(of: key, in: catalog, pages: RuleDocumentation.pages).get()
  }

  /// A rule's page, by id, name or a peer's id; the candidates when a peer's id stands for
  /// several rules.
  static func explanation(of key: String, in catalog: RuleCatalog, pages: [String: String])
    -> Result<String, UsageError>
  {
    func page(_ descriptor: RuleDescriptor) -> String {
      var text =
        pages[descriptor.id] ?? "# \(descriptor.id) \(descriptor.name)\n\n\(descriptor.summary)\n"
      while text.hasSuffix("\n\n") { text.removeLast() }
      if !text.hasSuffix("\n") { text += "\n" }
      return text
    }
    if let descriptor = catalog.rule(key) { return .success(page(descriptor)) }
    let matches = catalog.rules(forAnyPeerID: key)
    guard let first = matches.first else {
      let hint = catalog.unknownRuleHint(key)
      return .failure(
        UsageError(
          message:
            "explain: '\(TerminalSafe.text(key))' is not a rule id or name, nor a peer's id\(hint)")
      )
    }
    let spelled =
      first.rules[0].peers[first.peer].first { $0.uppercased() == key.uppercased() } ?? key
    let owner = "\(first.peer.title) \(spelled)"
    let rules = matches.flatMap(\.rules).reduce(into: [RuleDescriptor]()) { list, rule in
      if !list.contains(rule) { list.append(rule) }
    }
    if rules.count == 1 {
      return .success("\(owner) is \(rules[0].id) \(rules[0].name).\n\n" + page(rules[0]))
    }
    return .success(
      "\(owner) is covered by \(rules.count) ballast rules:\n" + table(rules, indent: "  ")
        + "`ballast explain ID` shows one.\n")
  }

  /// Rules as aligned columns (id, name, then the given extra columns and the summary); the
  /// name column is as wide as the longest name.
  static func table(_ rules: [RuleDescriptor], indent: String = "") -> String {
    let width = rules.map(\.name.count).max() ?? 0
    return rules.map { "\(indent)\($0.id)  \($0.name.padding(to: width))  \($0.summary)\n" }
      .joined()
  }

  static func config(
    _ parsed: ParsedArguments, environment: ProcessEnvironment = .process,
    into result: inout CommandResult
  ) throws(UsageError) {
    guard parsed.has("print") else {
      throw UsageError(message: "config needs --print (the only action so far)")
    }
    var options = try LintOptions(parsed, catalog: catalog)
    options.environment = environment
    let path = options.paths.first ?? "."
    let folder = FileDiscovery.isDirectory(path) ? path : FileDiscovery.folder(of: path)
    var resolver = ConfigurationResolver(options: options, catalog: catalog)
    guard let configuration = resolver.configuration(for: folder) else {
      throw UsageError(message: resolver.problems.joined(separator: "\nballast: "))
    }
    for warning in options.overrides.warnings + resolver.warnings {
      result.errors += "ballast: warning: \(warning)\n"
    }
    result.output += ConfigurationFile.render(configuration, catalog: catalog)
  }

  /// `ballast migrate [FILE]`: the `.ballast.json` that means what hadolint's configuration
  /// means, with a `//` line for each thing that does not carry over.
  static func migrate(
    _ parsed: ParsedArguments, environment: ProcessEnvironment = .process,
    into result: inout CommandResult
  ) throws(UsageError) {
    guard let path = parsed.operands.first ?? HadolintConfigSearch.find(in: environment) else {
      let looked = HadolintConfigSearch.candidates(in: environment).joined(separator: ", ")
      throw UsageError(message: "migrate: no hadolint configuration found (looked for \(looked))")
    }
    let bytes: [UInt8]
    switch FileSystem.readFile(path) {
    case .success(let read): bytes = read
    case .failure(let error): throw UsageError(message: "migrate: \(path): \(error.description)")
    }
    var configuration = Configuration()
    var notes: [String] = []
    do {
      try HadolintConfigurationFile.load(
        String(decoding: bytes, as: UTF8.self), path: path, catalog: catalog,
        into: &configuration, notes: &notes)
    } catch {
      throw UsageError(message: "migrate: \(error.description)")
    }
    var text = "// From \(path) (hadolint's configuration).\n"
    for note in notes { text += "// \(note)\n" }
    let set = HadolintConfigurationFile.environmentVariables.filter {
      environment.variable($0) != nil
    }
    if !set.isEmpty {
      text +=
        "// Not included: \(Wording.list(set, conjunction: "and")) (set in the environment); "
        + "ballast reads them only where hadolint's configuration applies.\n"
    }
    result.output += text + ConfigurationFile.renderChanges(configuration, catalog: catalog)
  }
}
