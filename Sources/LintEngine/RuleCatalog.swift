/// Finds rules by id, id prefix (`BL1`) or name, for the command line, configuration and
/// suppression comments.
public struct RuleCatalog: Sendable {
  public let descriptors: [RuleDescriptor]
  private let byID: [String: RuleDescriptor]
  private let byName: [String: RuleDescriptor]
  private let byHadolintID: [String: [RuleDescriptor]]

  public init(_ descriptors: [RuleDescriptor]) {
    self.descriptors = descriptors.sorted { $0.id < $1.id }
    byID = Dictionary(descriptors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    byName = Dictionary(descriptors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    var hadolint: [String: [RuleDescriptor]] = [:]
    for descriptor in descriptors {
      for id in descriptor.hadolintIDs { hadolint[id, default: []].append(descriptor) }
    }
    byHadolintID = hadolint
  }

  /// One rule by exact id (any case) or name.
  public func rule(_ key: String) -> RuleDescriptor? {
    byID[key.uppercased()] ?? byName[key.lowercased()]
  }

  /// Rules matching an id, a name, or an id prefix such as `BL1` or `BL10`.
  public func rules(matching key: String) -> [RuleDescriptor] {
    if let rule = rule(key) { return [rule] }
    let prefix = key.uppercased()
    guard prefix.hasPrefix("BL"), prefix.count < 6, prefix.dropFirst(2).allSatisfy(\.isNumber)
    else { return [] }
    return descriptors.filter { $0.id.hasPrefix(prefix) }
  }

  public func rules(forHadolintID id: String) -> [RuleDescriptor] {
    byHadolintID[id.uppercased()] ?? []
  }
}
