/// Finds rules by id, id prefix (`BL1`) or name, for the command line, configuration and
/// suppression comments.
public struct RuleCatalog: Sendable {
  public let descriptors: [RuleDescriptor]

  // A few dozen rules: a linear search costs less than building dictionaries at every start-up.
  public init(_ descriptors: [RuleDescriptor]) {
    self.descriptors = descriptors.sorted { $0.id < $1.id }
  }

  /// One rule by exact id (any case) or name; ShellCheck's codes (`SC2086`) too.
  public func rule(_ key: String) -> RuleDescriptor? {
    let id = key.uppercased()
    if let rule = descriptors.first(where: { $0.id == id }) { return rule }
    if ShellCheckCodes.isCode(id) { return ShellCheckCodes.descriptor(id) }
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
    rules(forPeer: .hadolint, id: id)
  }

  /// Rules that are this peer's check `id` (ids compare without case: `dl3008`, `ds-0002`,
  /// `jsonargsrecommended`; Trivy's `AVD-DS-0002` and older `DS002` forms are accepted too).
  public func rules(forPeer peer: PeerEquivalents.Peer, id: String) -> [RuleDescriptor] {
    var key = id.uppercased()
    if peer == .trivy, key.hasPrefix("AVD-") { key.removeFirst(4) }
    if peer == .trivy, key.count == 5, key.hasPrefix("DS"), key.dropFirst(2).allSatisfy(\.isNumber)
    {
      key = "DS-0" + key.dropFirst(2)
    }
    let found = descriptors.filter { descriptor in
      descriptor.peers[peer].contains { $0.uppercased() == key }
    }
    // hadolint reports ShellCheck's codes as its own: `# hadolint ignore=SC2086` names them.
    if peer == .hadolint, ShellCheckCodes.isCode(key) {
      return found + [ShellCheckCodes.descriptor(key)]
    }
    return found
  }

  /// Every peer whose check `id` names one or more rules, with those rules.
  public func rules(forAnyPeerID id: String) -> [(
    peer: PeerEquivalents.Peer, rules: [RuleDescriptor]
  )] {
    PeerEquivalents.Peer.allCases.compactMap { peer in
      let found = rules(forPeer: peer, id: id)
      return found.isEmpty ? nil : (peer, found)
    }
  }
}
