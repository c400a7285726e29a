/// One release's package dependency graph, generated from its index into
/// `PackageGraphs/*.generated.swift` by `Scripts/generate-package-facts.py`: enough to simulate
/// what `apt-get install` adds to an image, with and without recommends. Packages are ids, the
/// row numbers of the table (sorted by name); a row is read only when asked for.
public struct PackageGraph: Sendable {
  /// "bookworm", "noble".
  public let key: String
  /// "Debian bookworm", "Ubuntu 24.04".
  public let label: String
  /// The packages of the release's base image: `debian:*-slim`'s (required packages, apt and
  /// their dependencies) or the official ubuntu image's manifest.
  public let baseImage: Set<Int>
  private let bytes: [UInt8]
  private let rows: [Range<Int>]

  init(key: String, label: String, base: String, rows table: String) {
    self.key = key
    self.label = label
    baseImage = Set(
      base.utf8.split { $0 == UInt8(ascii: ",") || $0 == 0x0A }.compactMap(Self.number))
    bytes = Array(table.utf8)
    var rows: [Range<Int>] = []
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == 0x0A {
      if index > start { rows.append(start..<index) }
      start = index + 1
    }
    if start < bytes.count { rows.append(start..<bytes.count) }
    self.rows = rows
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
    var high = rows.count
    while low < high {
      let middle = (low + high) / 2
      let rowName = field(0, of: middle)
      if rowName.elementsEqual(key) { return middle }
      if rowName.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
    }
    return nil
  }

  public func name(of id: Int) -> String { String(decoding: field(0, of: id), as: UTF8.self) }

  /// Bytes the package itself installs (0 for documentation on an image that leaves it out).
  public func size(of id: Int) -> Int { Self.decimal(field(1, of: id)) * 1024 }

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
        let (depends, neededGroups, recommended) = relations(of: id)
        let groups = depends + (needed ? neededGroups : []) + (recommends ? recommended : [])
        for group in groups {
          if group.contains(where: { installed.contains($0) || added.contains($0) }) { continue }
          if let first = group.first { pending.append(first) }
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
      for id in part {
        for group in relations(of: id).recommends
        where !group.contains(where: present.contains) {
          if let first = group.first { pending.append(first) }
        }
      }
      while let id = pending.popLast() {
        guard present.insert(id).inserted else { continue }
        mine.append(id)
        let (depends, needed, recommended) = relations(of: id)
        for group in depends + needed + recommended
        where !group.contains(where: present.contains) {
          if let first = group.first { pending.append(first) }
        }
      }
      return mine
    }
  }

  /// The dependency groups (Pre-Depends and Depends), the Recommends groups a build needs
  /// (marked `*` among the dependencies) and the other Recommends groups of package `id`, each
  /// group its alternatives.
  func relations(of id: Int) -> (depends: [[Int]], needed: [[Int]], recommends: [[Int]]) {
    var depends: [[Int]] = []
    var needed: [[Int]] = []
    var recommends: [[Int]] = []
    for (field, isRecommends) in [(field(2, of: id), false), (field(3, of: id), true)]
    where !field.elementsEqual([UInt8(ascii: "-")]) {
      for group in field.split(separator: UInt8(ascii: ",")) {
        let isNeeded = group.first == UInt8(ascii: "*")
        let ids = group.dropFirst(isNeeded ? 1 : 0).split(separator: UInt8(ascii: "|"))
          .compactMap(Self.number)
        if isRecommends {
          recommends.append(ids)
        } else if isNeeded {
          needed.append(ids)
        } else {
          depends.append(ids)
        }
      }
    }
    return (depends, needed, recommends)
  }

  /// The recommends a build needs that package `id` declares.
  func neededRecommends(of id: Int) -> [[Int]] { relations(of: id).needed }

  /// Field `index` of row `id`, fields separated by one space.
  private func field(_ index: Int, of id: Int) -> ArraySlice<UInt8> {
    let row = rows[id]
    var start = row.lowerBound
    var current = 0
    var position = start
    while position < row.upperBound {
      if bytes[position] == UInt8(ascii: " ") {
        if current == index { return bytes[start..<position] }
        current += 1
        start = position + 1
      }
      position += 1
    }
    return current == index ? bytes[start..<row.upperBound] : []
  }

  private static func decimal(_ digits: ArraySlice<UInt8>) -> Int {
    digits.reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
  }

  /// A base-36 id (`0`–`9`, `a`–`z`).
  private static func number<S: Collection<UInt8>>(_ digits: S) -> Int? {
    guard !digits.isEmpty else { return nil }
    var value = 0
    for byte in digits {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value * 36 + Int(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "z"):
        value = value * 36 + Int(byte - UInt8(ascii: "a")) + 10
      default: return nil
      }
    }
    return value
  }
}
