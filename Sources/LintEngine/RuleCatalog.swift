/// Finds rules by id, id prefix (`BL1`) or name, for the command line, configuration and
/// suppression comments.
public struct RuleCatalog: Sendable {
  public let descriptors: [RuleDescriptor]

  // A few dozen rules: a linear search costs less than building dictionaries at every start-up.
  public init(_ descriptors: [RuleDescriptor]) {
    self.descriptors = descriptors.sorted { $0.id < $1.id }
  }

  /// One rule by exact id (any case) or name.
  public func rule(_ key: String) -> RuleDescriptor? {
    let id = key.uppercased()
    if let rule = descriptors.first(where: { $0.id == id }) { return rule }
    let name = key.lowercased()
    return descriptors.first { $0.name == name }
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
    let id = id.uppercased()
    return descriptors.filter { $0.hadolintIDs.contains(id) }
  }
}
