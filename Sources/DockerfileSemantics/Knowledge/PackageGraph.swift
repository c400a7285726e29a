/// One release's package dependency graph, generated from its index into
/// `PackageGraphs/*.generated.swift` by `Scripts/generate-package-facts.py`: enough to simulate
/// what `apt-get install` adds to an image, with and without recommends. Packages are ids, the
/// row numbers of the table (sorted by name). The relations are read once, on first use of
/// the release, into flat arrays: simulations visit the same rows many times.
public struct PackageGraph: Sendable {
  /// "bookworm", "noble".
  public let key: String
  /// "Debian bookworm", "Ubuntu 24.04".
  public let label: String
  /// The packages of the release's base image: `debian:*-slim`'s (required packages, apt and
  /// their dependencies) or the official ubuntu image's manifest.
  public let baseImage: Set<Int>
  private let bytes: [UInt8]
  /// Where each row's name is in `bytes`.
  private let names: [Range<Int>]
  /// KiB each package installs.
  private let kibibytes: [Int32]
  /// Row `id`'s groups are `groupStart[id]..<groupStart[id + 1]`; group `g`'s alternatives are
  /// `alternatives[groupEnd[g - 1]..<groupEnd[g]]` (from 0 for the first), its kind
  /// `groupKind[g]`.
  private let groupStart: [Int32]
  private let groupEnd: [Int32]
  private let groupKind: [Relation]
  private let alternatives: [Int32]

  /// What a dependency group is to apt.
  enum Relation: UInt8, Sendable {
    /// Pre-Depends and Depends.
    case depends
    /// A Recommends a build needs (`ca-certificates`, a compiler's `libc6-dev`), marked `*`.
    case needed
    case recommends
  }

  init(key: String, label: String, base: String, rows table: String) {
    self.key = key
    self.label = label
    baseImage = Set(
      base.utf8.split { $0 == UInt8(ascii: ",") || $0 == 0x0A }.compactMap(Self.number))
    let bytes = Array(table.utf8)
    // One pass, byte by byte (the first use of a release pays for it), its state local to the
    // closure (captured variables would live in boxes): a row is `name KiB depends
    // recommends`, a list `a|b,*c` of base-36 ids, or `-`.
    let parsed = bytes.withUnsafeBufferPointer { buffer in
      var names: [Range<Int>] = []
      var kibibytes: [Int32] = []
      var groupStart: [Int32] = []
      var groupEnd: [Int32] = []
      var groupKind: [Relation] = []
      var alternatives: [Int32] = []
      names.reserveCapacity(buffer.count / 32)
      kibibytes.reserveCapacity(buffer.count / 32)
      groupStart.reserveCapacity(buffer.count / 32 + 1)
      groupEnd.reserveCapacity(buffer.count / 8)
      groupKind.reserveCapacity(buffer.count / 8)
      alternatives.reserveCapacity(buffer.count / 3)
      var field = 0
      var start = 0
      var kind = Relation.depends
      var number = 0
      var hasNumber = false
      var groupOpen = false
      let count = buffer.count
      var index = 0
      while index <= count {
        let byte = index < count ? buffer[index] : 0x0A
        switch byte {
        case UInt8(ascii: " "), 0x0A, UInt8(ascii: ","), UInt8(ascii: "|"):
          if field >= 2 {
            if hasNumber {
              alternatives.append(Int32(number))
              groupOpen = true
            }
            number = 0
            hasNumber = false
            if byte != UInt8(ascii: "|"), groupOpen {
              groupEnd.append(Int32(alternatives.count))
              groupKind.append(kind)
              groupOpen = false
            }
          }
          if byte == UInt8(ascii: " ") || byte == 0x0A {
            if field == 0, index > start {
              names.append(start..<index)
              groupStart.append(Int32(groupKind.count))
            } else if field == 1 {
              var value = 0
              for position in start..<index {
                value = value * 10 + Int(buffer[position] &- UInt8(ascii: "0"))
              }
              kibibytes.append(Int32(value))
            }
            field = byte == 0x0A ? 0 : field + 1
            start = index + 1
          }
          kind = field == 3 ? .recommends : .depends
        case UInt8(ascii: "*") where field >= 2: kind = .needed
        case UInt8(ascii: "0")...UInt8(ascii: "9") where field >= 2:
          number = number * 36 + Int(byte - UInt8(ascii: "0"))
          hasNumber = true
        case UInt8(ascii: "a")...UInt8(ascii: "z") where field >= 2:
          number = number * 36 + Int(byte - UInt8(ascii: "a")) + 10
          hasNumber = true
        default: break
        }
        index += 1
      }
      groupStart.append(Int32(groupKind.count))
      return (names, kibibytes, groupStart, groupEnd, groupKind, alternatives)
    }
    self.bytes = bytes
    (names, kibibytes, groupStart, groupEnd, groupKind, alternatives) = parsed
  }

  /// The graph of release `key`, nil when ballast has none.
  public static func release(_ key: String) -> PackageGraph? {
    switch key {
    case "bookworm": return bookworm
    case "bullseye": return bullseye
    case "xenial": return xenial
    case "bionic": return bionic
    case "focal": return focal
    case "jammy": return jammy
    case "noble": return noble
    default: return nil
    }
  }

  /// The id of package `name`, nil when the graph does not have it.
  public func id(of name: String) -> Int? {
    let key = Array(name.utf8)
    var low = 0
    var high = names.count
    while low < high {
      let middle = (low + high) / 2
      let rowName = bytes[names[middle]]
      if rowName.elementsEqual(key) { return middle }
      if rowName.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
    }
    return nil
  }

  public func name(of id: Int) -> String { String(decoding: bytes[names[id]], as: UTF8.self) }

  /// Bytes the package itself installs (0 for documentation on an image that leaves it out).
  public func size(of id: Int) -> Int { Int(kibibytes[id]) * 1024 }

  public func size<S: Sequence<Int>>(of ids: S) -> Int { ids.reduce(0) { $0 + size(of: $1) } }

  /// What installing `roots` adds to `installed`, root by root (what each adds that the ones
  /// before it did not): apt's choice for each dependency group is an alternative already
  /// there, else the first. With `recommends`, what every added package recommends is added
  /// too, as apt does by default.
  /// Without `needed`, the recommends a build needs (`ca-certificates`, a compiler's
  /// `libc6-dev`) are left out too, as `--no-install-recommends` leaves them.
  public func install(
    _ roots: [Int], on installed: Set<Int>, recommends: Bool, needed: Bool = true
  ) -> [[Int]] {
    var added: Set<Int> = []
    var byRoot: [[Int]] = []
    for root in roots {
      var mine: [Int] = []
      var pending = [root]
      while let id = pending.popLast() {
        guard !installed.contains(id), added.insert(id).inserted else { continue }
        mine.append(id)
        for group in groups(of: id) {
          switch groupKind[group] {
          case .depends: break
          case .needed: guard needed else { continue }
          case .recommends: guard recommends else { continue }
          }
          let choices = alternatives(of: group)
          if choices.contains(where: { installed.contains(Int($0)) || added.contains(Int($0)) }) {
            continue
          }
          if let first = choices.first { pending.append(Int(first)) }
        }
      }
      byRoot.append(mine)
    }
    return byRoot
  }

  /// What the recommends of each root's part of an install without recommends (`plain`, as
  /// `install` returns it) add once all of `plain` is there: each root is answerable for what
  /// the packages it brought recommend (`libc-devtools` to `build-essential`, whose `libc6-dev`
  /// recommends it, not to `python3-pip`, which recommends `build-essential`).
  public func recommendations(of plain: [[Int]], on installed: Set<Int>) -> [[Int]] {
    var present = installed.union(plain.joined())
    return plain.map { part in
      var mine: [Int] = []
      var pending: [Int] = []
      func follow(_ id: Int, onlyRecommends: Bool) {
        for group in groups(of: id) where !onlyRecommends || groupKind[group] == .recommends {
          let choices = alternatives(of: group)
          if choices.contains(where: { present.contains(Int($0)) }) { continue }
          if let first = choices.first { pending.append(Int(first)) }
        }
      }
      for id in part { follow(id, onlyRecommends: true) }
      while let id = pending.popLast() {
        guard present.insert(id).inserted else { continue }
        mine.append(id)
        follow(id, onlyRecommends: false)
      }
      return mine
    }
  }

  /// The groups of row `id`.
  private func groups(of id: Int) -> Range<Int> { Int(groupStart[id])..<Int(groupStart[id + 1]) }

  /// The alternatives of group `group`, apt's choice first.
  private func alternatives(of group: Int) -> ArraySlice<Int32> {
    alternatives[(group == 0 ? 0 : Int(groupEnd[group - 1]))..<Int(groupEnd[group])]
  }

  /// The recommends a build needs that package `id` declares, each group its alternatives.
  func neededRecommends(of id: Int) -> [[Int]] {
    groups(of: id).filter { groupKind[$0] == .needed }.map { alternatives(of: $0).map(Int.init) }
  }

  private static func decimal(_ digits: ArraySlice<UInt8>) -> Int {
    digits.reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
  }

  /// A base-36 id (`0`–`9`, `a`–`z`).
  private static func number<S: Collection<UInt8>>(_ digits: S) -> Int? {
    guard !digits.isEmpty else { return nil }
    var value = 0
    for byte in digits {
      guard let digit = digit(byte) else { return nil }
      value = value * 36 + digit
    }
    return value
  }

  private static func digit(_ byte: UInt8) -> Int? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(byte - UInt8(ascii: "a")) + 10
    default: return nil
    }
  }
}
