import DockerfileSyntax

/// One EXPOSE argument, `[ip:][hostPort:]containerPort[/protocol]`, split as BuildKit's
/// `parsePort` splits it (`convert_expose.go`), with each part's offset in the text so rules
/// can point at it.
public struct ExposedPort: Sendable, Equatable {
  /// A part of the text: its characters and UTF-8 offsets.
  public struct Part: Sendable, Equatable {
    public var text: String
    public var start: Int
    public var end: Int
  }

  public var ip: Part?
  public var hostPort: Part?
  public var containerPort: Part
  /// The protocol as written; nil when there is no `/`.
  public var proto: Part?
  /// Why BuildKit rejects it (the build fails), if it does.
  public var problem: String?

  public init(_ text: String) {
    let utf8 = Array(text.utf8)
    // Colons split ip, host port and container port; more than two colons belong to the ip.
    let colons = utf8.indices.filter { utf8[$0] == UInt8(ascii: ":") }
    func part(_ start: Int, _ end: Int) -> Part {
      Part(text: String(decoding: utf8[start..<end], as: UTF8.self), start: start, end: end)
    }
    var portStart = 0
    if colons.count >= 2 {
      let last = colons[colons.count - 1]
      let secondLast = colons[colons.count - 2]
      ip = part(0, secondLast)
      hostPort = part(secondLast + 1, last)
      portStart = last + 1
    } else if let colon = colons.first {
      hostPort = part(0, colon)
      portStart = colon + 1
    }
    var portEnd = utf8.count
    if let slash = utf8[portStart...].firstIndex(of: UInt8(ascii: "/")) {
      portEnd = slash
      proto = part(slash + 1, utf8.count)
    }
    containerPort = part(portStart, portEnd)
    problem = validate()
  }

  /// `ip:hostPort:` or `hostPort:`, the part EXPOSE ignores; nil when there is none.
  public var mapping: Part? {
    guard let hostPort else { return nil }
    let text = (ip.map { $0.text + ":" } ?? "") + hostPort.text + ":"
    return Part(text: text, start: ip?.start ?? hostPort.start, end: containerPort.start)
  }

  /// The protocol BuildKit records (`tcp` when none is written).
  public var effectiveProtocol: String { proto?.text.lowercased() ?? "tcp" }

  private func validate() -> String? {
    if containerPort.text.isEmpty { return "no port is given" }
    if let proto, !["", "tcp", "udp", "sctp"].contains(proto.text.lowercased()) {
      return "`\(proto.text)` is not a protocol EXPOSE knows (tcp, udp or sctp)"
    }
    if let ip, !Self.isIPAddress(ip.text) { return "`\(ip.text)` is not an IP address" }
    guard let container = Self.range(containerPort.text) else {
      return Self.rangeProblem(containerPort.text)
    }
    if let hostPort {
      guard let host = Self.range(hostPort.text) else { return Self.rangeProblem(hostPort.text) }
      if host.count != container.count && container.count != 1 {
        return
          "the host range `\(hostPort.text)` and the port range `\(containerPort.text)` differ in length"
      }
    }
    return nil
  }

  /// `80` or `8000-8010`, each number 0–65535, the range ascending.
  static func range(_ text: String) -> ClosedRange<Int>? {
    let bounds = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
    guard let low = number(bounds[0]) else { return nil }
    if bounds.count == 1 || bounds[0] == bounds[1] { return low...low }
    guard let high = number(bounds[1]), high >= low else { return nil }
    return low...high
  }

  private static func number(_ text: Substring) -> Int? {
    // strconv.ParseInt: an optional sign, then decimal digits.
    let digits = text.hasPrefix("+") || text.hasPrefix("-") ? text.dropFirst() : text
    guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
      return nil
    }
    let value = digits.count > 6 ? Int.max : Int(digits) ?? Int.max
    let signed = text.hasPrefix("-") ? -value : value
    return (0...65535).contains(signed) ? signed : nil
  }

  private static func rangeProblem(_ text: String) -> String {
    if text.isEmpty { return "a port is empty" }
    let bounds = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
    let isNumeric = bounds.allSatisfy { bound in
      let digits = bound.hasPrefix("+") ? bound.dropFirst() : bound
      return !digits.isEmpty && digits.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
    if !isNumeric { return "`\(text)` is not a port number or range" }
    if bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), high < low,
      high <= 65535
    {
      return "the range `\(text)` ends before it starts"
    }
    return "`\(text)` is out of range: ports go from 0 to 65535"
  }

  /// IPv4 dotted quad or an IPv6 address (optionally in brackets), as Go's `net.ParseIP`.
  static func isIPAddress(_ text: String) -> Bool {
    var address = Substring(text)
    if address.hasPrefix("[") && address.hasSuffix("]") {
      address = address.dropFirst().dropLast()
    }
    let quads = address.split(separator: ".", omittingEmptySubsequences: false)
    if quads.count == 4 && !address.contains(":") {
      return quads.allSatisfy { quad in
        !quad.isEmpty && quad.count <= 3 && quad.utf8.allSatisfy { (0x30...0x39).contains($0) }
          && Int(quad).map { $0 <= 255 } == true && !(quad.count > 1 && quad.hasPrefix("0"))
      }
    }
    guard address.contains(":") else { return false }
    let hex = Set("0123456789abcdefABCDEF:.")
    return address.allSatisfy(hex.contains) && address.count >= 2
  }
}

/// An EXPOSE argument after expansion, with where it is written.
public struct ExposedPortWord: Sendable {
  public var port: ExposedPort
  public var word: Word
  /// True when the word is written as it is used (no variables or quotes): then the parts'
  /// offsets are offsets from the word's start in the file.
  public var isLiteral: Bool

  /// The source range of a part, or the whole word when it is not written literally.
  public func range(of part: ExposedPort.Part) -> SourceRange {
    guard isLiteral else { return word.range }
    return SourceRange(start: word.range.start + part.start, end: word.range.start + part.end)
  }
}

extension AnalyzedDockerfile {
  /// The ports an EXPOSE instruction lists, expanded with the variables in force (BuildKit's
  /// `ProcessWords`: one word may expand to several); words with unknown variables are left out.
  public func exposedPorts(_ instruction: Instruction, at position: Int) -> [ExposedPortWord] {
    guard instruction.kind == .expose, let words = instruction.listWords else { return [] }
    var ports: [ExposedPortWord] = []
    for word in words {
      let literal = word.variables.isEmpty && !word.text.contains { "\"'\\`$".contains($0) }
      let expanded = literal ? word.text : expand(word.text, before: position)
      guard let expanded else { continue }
      for piece in expanded.split(whereSeparator: \.isWhitespace) {
        ports.append(
          ExposedPortWord(port: ExposedPort(String(piece)), word: word, isLiteral: literal))
      }
    }
    return ports
  }
}
