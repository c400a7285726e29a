import DockerfileSyntax

/// Reading LSP messages: members by key and typed values, nil when absent or of another type.
extension JSONValue {
  subscript(_ key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == key }?.1
  }

  var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// An integer, also from a whole-valued double (`3.0`), which some clients write.
  var int: Int? {
    switch self {
    case .int(let value): return value
    case .double(let value) where value.rounded() == value && abs(value) < 9e15: return Int(value)
    default: return nil
    }
  }

  var bool: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  var array: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  var isObject: Bool {
    if case .object = self { return true }
    return false
  }

  /// The member at a dotted path of keys (`capabilities.general.positionEncodings`).
  func value(at path: String) -> JSONValue? {
    var current: JSONValue? = self
    for key in path.split(separator: ".") { current = current?[String(key)] }
    return current
  }
}
