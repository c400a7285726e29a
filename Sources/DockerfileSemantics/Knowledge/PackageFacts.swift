/// Facts about Debian packages from Debian's own index, generated into
/// `PackageFacts.generated.swift` by `Scripts/generate-package-facts.py` (see there for what is
/// and is not covered: Debian bookworm amd64 main; for names bookworm lacks, Debian bullseye and
/// Ubuntu 16.04 to 24.04).
public struct PackageFact: Sendable, Hashable {
  public var name: String
  /// The index the fact comes from ("Debian bookworm", "Ubuntu 18.04"); its base image is the
  /// one the sizes are weighed on.
  public var index = PackageIndex.bookwormLabel
  public var isFromBookworm: Bool { index == PackageIndex.bookwormLabel }
  /// Bytes the package adds with its dependencies to `debian:*-slim`, without recommends.
  public var bytes: Int
  /// Bytes its Recommends (and theirs) add on top, per base.
  public var recommendsOnSlim: Int
  public var recommendsOnBuildpackSCM: Int
  public var recommendsOnBuildpack: Int
  /// How many packages the Recommends add to `debian:*-slim`.
  public var recommendedCount: Int
  /// True when `debian:*-slim` already has it.
  public var isInSlimBase: Bool
  /// The largest packages the Recommends bring, for messages.
  public var largestRecommends: [String]
  /// The packages the install adds whose own Recommends bring something: once an earlier
  /// install put them there, APT does not add what they recommend (it adds the Recommends of
  /// what it installs, not of what is there already).
  public var carriers: [String] = []
  /// Every package the Recommends bring, when there are few; nil when there are more.
  public var recommended: [String]? = nil
  /// The heaviest packages the Recommends start from (python3-pip's `build-essential`), each
  /// with what it adds without its own recommends: an install that names one gets that much
  /// anyway.
  public var recommendationRoots: [RecommendationRoot] = []

  /// Bytes the Recommends add on `base`.
  public func recommendsBytes(on base: DebianBase) -> Int {
    switch base {
    case .slim: return recommendsOnSlim
    case .buildpackSCM: return recommendsOnBuildpackSCM
    case .buildpack: return recommendsOnBuildpack
    }
  }
}

/// A package some Recommends name, with the bytes it adds without its own recommends.
public struct RecommendationRoot: Sendable, Hashable {
  public var name: String
  public var bytes: Int
}

/// The package sets ballast knows for Debian-based images.
public enum DebianBase: Sendable, Hashable {
  /// `debian:*` and `debian:*-slim`, and the `-slim` language images built on them.
  case slim
  /// `buildpack-deps:*-scm` (and `golang:*` on Debian).
  case buildpackSCM
  /// `buildpack-deps:*` (and the non-slim `python`, `node`, `ruby`, `rust` images).
  case buildpack

  /// The package set of a base image; nil when ballast does not know it (Ubuntu, other
  /// distributions, images of other projects), or for Alpine and other non-Debian images.
  public static func of(_ image: ImageReference?) -> DebianBase? {
    guard let (name, tag) = official(image) else { return nil }
    let otherDistribution = ["alpine", "ubuntu", "jammy", "noble", "focal", "windows", "nano"]
    if otherDistribution.contains(where: { tag.includes($0) }) { return nil }
    // Releases other than bookworm have other package versions; their sizes are close enough
    // only for the slim set's membership, so only bookworm or an unspecified release counts.
    let otherRelease = [
      "bullseye", "buster", "trixie", "forky", "sid", "stretch", "jessie", "wheezy", "oldstable",
      "testing", "unstable", "experimental",
    ]
    if otherRelease.contains(where: { tag.includes($0) }) { return nil }
    return family(name: name, tag: tag)
  }

  /// The package set whose Dockerfile-installed names the image has in any release: the
  /// buildpack-deps family installs the same names (`curl`, `git`, `gcc`, …) in every
  /// Debian and Ubuntu release, so that they are there holds even where their sizes differ.
  public static func membership(of image: ImageReference?) -> DebianBase? {
    guard let (name, tag) = official(image),
      !["alpine", "windows", "nano"].contains(where: { tag.includes($0) }),
      let set = family(name: name, tag: tag), set != .slim
    else { return nil }
    return set
  }

  /// The name and lower-cased tag of a Docker Hub official image; nil for other images.
  static func official(_ image: ImageReference?) -> (name: String, tag: String)? {
    guard let image, let name = ImageEnvironmentKnowledge.officialName(of: image) else {
      return nil
    }
    return (name, (image.tag ?? "latest").lowercased())
  }

  private static func family(name: String, tag: String) -> DebianBase? {
    switch name {
    case "debian":
      // `debian:13`, `debian:11.9-slim`: a release by number; 12 is bookworm.
      let major = tag.prefix { $0.isNumber }
      return major.isEmpty || major == "12" ? .slim : nil
    case "buildpack-deps":
      return tag.includes("scm") ? .buildpackSCM : tag.includes("curl") ? nil : .buildpack
    case "python", "node", "ruby", "rust":
      return tag.includes("slim") ? .slim : .buildpack
    // The official gcc image is built on buildpack-deps of its release.
    case "gcc": return .buildpack
    case "golang": return .buildpackSCM
    case "php", "httpd", "nginx", "postgres", "redis", "perl":
      return .slim
    default: return nil
    }
  }
}

extension PackageFacts {
  /// The facts for `name` in Debian bookworm's index, nil when it does not know it.
  public static func fact(_ name: String) -> PackageFact? { bookworm.fact(name) }

  /// The facts for `name` as an install on `image` finds it: by the index of the image's own
  /// release when ballast has it (`ubuntu:18.04`, `python:3.9-bullseye`), else by Debian
  /// bookworm's.
  public static func fact(_ name: String, on image: ImageReference?) -> PackageFact? {
    index(for: image).fact(name)
  }

  /// The index installs on `image` are weighed by: its own release's, else bookworm's.
  /// Callers that look up many names resolve it once.
  public static func index(for image: ImageReference?) -> PackageIndex {
    if let index = releaseIndex(of: image) { return index }
    if let named = namedRelease(of: image) {
      return named == "newer-ubuntu"
        ? newestUbuntuStandingIn ?? bookworm : otherRelease(named) ?? bookworm
    }
    return bookworm
  }

  /// The other release whose graph knows more of `names` than `index`'s does (the most; the
  /// newest on a tie), nil when none does. Only for bases whose release nothing else tells.
  static func releaseKnowingMost(of names: [String], beyond index: PackageIndex) -> PackageIndex? {
    func known(_ key: String) -> Int {
      guard let graph = PackageGraph.release(key) else { return 0 }
      return names.filter { graph.id(of: $0) != nil }.count
    }
    let current = known(index.key)
    guard current < names.count else { return nil }
    var best: (key: String, count: Int)? = nil
    for key in otherReleaseKeys.reversed() {
      let count = known(key)
      if count > current, count > best?.count ?? 0 { best = (key, count) }
    }
    return best.flatMap { otherRelease($0.key) }
  }

  /// The release another project's image names in its tag (`dotnet/sdk:8.0-noble`,
  /// `nvidia/cuda:12.4.1-devel-ubuntu22.04`, `myorg/base:bullseye`): what apt installs there
  /// comes from that release, whatever else the image has. Nil when the tag names none.
  static func namedRelease(of image: ImageReference?) -> String? {
    guard let image, let tag = image.tag?.lowercased() else { return nil }
    let versions = [
      ("16.04", "xenial"), ("18.04", "bionic"), ("20.04", "focal"), ("22.04", "jammy"),
      ("24.04", "noble"),
    ]
    // A copy of a distribution's image under another name (`ubuntu.azurecr.io/ubuntu:24.04`).
    let name = image.repository.split(separator: "/").last.map { $0.lowercased() }
    if name == "ubuntu", let (_, codename) = versions.first(where: { tag.hasPrefix($0.0) }) {
      return codename
    }
    if name == "debian", tag.hasPrefix("11") { return "bullseye" }
    // A release after 24.04 (`ubuntu-26.04-helix`): 24.04's index stands in.
    let afterUbuntu = tag.split(separator: "ubuntu", omittingEmptySubsequences: false)
      .dropFirst().map { $0.drop { $0 == "-" } }
    if (name == "ubuntu" && isNewerUbuntu(tag))
      || afterUbuntu.contains(where: { isNewerUbuntu($0) })
    {
      return "newer-ubuntu"
    }
    for (version, codename) in versions {
      let compact = String(version.filter { $0 != "." })
      if tag.includes("ubuntu\(version)") || tag.includes("ubuntu-\(version)")
        || tag.includes("ubuntu\(compact)")
      {
        return codename
      }
    }
    let words = tag.split { !$0.isLetter }.map(String.init)
    return ["bullseye", "xenial", "bionic", "focal", "jammy", "noble"].first(where: words.contains)
  }

  /// The index of `image`'s own release, other than bookworm: the official `ubuntu` image (or
  /// `buildpack-deps`) of 16.04 to 24.04, or an official image of Debian bullseye (`debian:11`, `node:18-bullseye`).
  /// Ubuntu 14.04's index is no longer published: its images get 16.04's, the nearest, marked
  /// as standing in (its sizes are then a condition, not a fact about the image).
  public static func releaseIndex(of image: ImageReference?) -> PackageIndex? {
    guard let (name, tag) = DebianBase.official(image) else { return nil }
    if let release = UbuntuBase.release(of: image) {
      guard release.codename == "trusty" else { return otherRelease(release.codename) }
      var nearest = otherRelease("xenial")
      nearest?.isStandIn = true
      return nearest
    }
    let isBullseye = tag.includes("bullseye") || (name == "debian" && tag.hasPrefix("11"))
    if isBullseye { return otherRelease("bullseye") }
    return name == "ubuntu" && isNewerUbuntu(tag) ? newestUbuntuStandingIn : nil
  }

  /// Ubuntu 24.04's index standing in for a newer release (`ubuntu:26.04`), the nearest
  /// ballast has: its sizes are then a condition.
  static var newestUbuntuStandingIn: PackageIndex? {
    var nearest = otherRelease("noble")
    nearest?.isStandIn = true
    return nearest
  }

  /// True for a tag that starts with an Ubuntu version after 24.04 (`26.04`, `25.10-slim`).
  static func isNewerUbuntu(_ version: some StringProtocol) -> Bool {
    let parts = version.split(separator: ".", maxSplits: 1)
    guard parts.count == 2, let year = Int(parts[0]),
      let month = Int(parts[1].prefix { $0.isNumber }), [4, 10].contains(month)
    else { return false }
    return year > 24 && year < 100
  }

  /// True when the image with `base` has `name` installed.
  public static func isInstalled(_ name: String, on base: DebianBase) -> Bool {
    if debianBase.contains(name) { return true }
    switch base {
    case .slim: return false
    case .buildpackSCM: return buildpackDepsCurl.contains(name) || buildpackDepsScm.contains(name)
    case .buildpack:
      return buildpackDepsCurl.contains(name) || buildpackDepsScm.contains(name)
        || buildpackDepsFull.contains(name)
    }
  }

  static let bookworm = PackageIndex(
    key: "bookworm", label: PackageIndex.bookwormLabel, table: table)

  /// The index of release `key` (other than bookworm). Each is read on first use only: reading five
  /// cost a one-file run on ubuntu:22.04 3 M instructions, nearly doubling it.
  static func otherRelease(_ key: String) -> PackageIndex? {
    switch key {
    case "bullseye": return bullseye
    case "xenial": return xenial
    case "bionic": return bionic
    case "focal": return focal
    case "jammy": return jammy
    case "noble": return noble
    default: return nil
    }
  }

  static let bullseye = releaseIndex("bullseye")
  static let xenial = releaseIndex("xenial")
  static let bionic = releaseIndex("bionic")
  static let focal = releaseIndex("focal")
  static let jammy = releaseIndex("jammy")
  static let noble = releaseIndex("noble")

  private static func releaseIndex(_ key: String) -> PackageIndex? {
    otherReleases.first { $0.key == key }.map {
      PackageIndex(key: $0.key, label: $0.label, table: $0.table)
    }
  }

  /// The keys of the generated other releases, for tests.
  public static var otherReleaseKeys: [String] { otherReleases.map(\.key) }

  /// True when `otherRelease(_:)` answers for `key`.
  public static func hasReleaseIndex(_ key: String) -> Bool { otherRelease(key) != nil }
}

/// One release's generated table of package facts, read row by row as asked.
public struct PackageIndex: Sendable {
  public static let bookwormLabel = "Debian bookworm"

  /// "bookworm", "bionic": the release, whose `PackageGraph` has the same key.
  public let key: String
  /// "Debian bookworm", "Ubuntu 18.04".
  public let label: String
  /// True when the index is the nearest release's, not the image's own (16.04's for 14.04).
  public var isStandIn = false
  public var isBookworm: Bool { key == "bookworm" }
  /// The release's dependency graph, for simulated installs.
  public var graph: PackageGraph? { PackageGraph.release(key) }
  let bytes: [UInt8]
  /// Where each row of the table is, in the table's order (by name).
  let rows: [Range<Int>]

  init(key: String, label: String, table: String) {
    self.key = key
    self.label = label
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

  /// The facts for `name`, nil when the table does not know it.
  public func fact(_ name: String) -> PackageFact? {
    // A binary search over the table's rows, sorted by name, reading only the row found:
    // building a dictionary of all 950 rows cost 8 M instructions, more than half of a
    // one-file run with an apt install.
    let key = Array(name.utf8)
    var low = 0
    var high = rows.count
    while low < high {
      let middle = (low + high) / 2
      let row = rows[middle]
      let end = bytes[row].firstIndex(of: UInt8(ascii: " ")) ?? row.upperBound
      let rowName = bytes[row.lowerBound..<end]
      if rowName.elementsEqual(key) { return read(bytes[row]) }
      if rowName.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
    }
    return nil
  }

  /// One row: `name bytes recommends count inBase onSCM onFull largest carriers brought roots`
  /// (KiB; lists comma-separated, `-` when empty, `brought` `+` when too long to list; roots
  /// as `name:KiB`).
  func read(_ row: ArraySlice<UInt8>) -> PackageFact? {
    func number(_ field: ArraySlice<UInt8>) -> Int? {
      guard !field.isEmpty else { return nil }
      var value = 0
      for byte in field {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    func text(_ field: ArraySlice<UInt8>) -> String { String(decoding: field, as: UTF8.self) }
    func list(_ field: ArraySlice<UInt8>) -> [String] {
      field.elementsEqual([UInt8(ascii: "-")])
        ? [] : field.split(separator: UInt8(ascii: ",")).map(text)
    }
    let fields = row.split(separator: UInt8(ascii: " "))
    guard fields.count == 11, let size = number(fields[1]), let slim = number(fields[2]),
      let count = number(fields[3]), let scm = number(fields[5]), let full = number(fields[6])
    else { return nil }
    return PackageFact(
      name: text(fields[0]), index: label, bytes: size * 1024, recommendsOnSlim: slim * 1024,
      recommendsOnBuildpackSCM: scm * 1024, recommendsOnBuildpack: full * 1024,
      recommendedCount: count, isInSlimBase: fields[4].elementsEqual([UInt8(ascii: "1")]),
      largestRecommends: list(fields[7]), carriers: list(fields[8]),
      recommended: fields[9].elementsEqual([UInt8(ascii: "+")]) ? nil : list(fields[9]),
      recommendationRoots: list(fields[10]).compactMap { pair in
        let parts = pair.split(separator: ":")
        guard parts.count == 2, let kib = Int(parts[1]) else { return nil }
        return RecommendationRoot(name: String(parts[0]), bytes: kib * 1024)
      })
  }
}

/// Another APT repository set up in an image: its packages are not the release's.
public enum AptRepository {
  /// True for a word that adds one: `add-apt-repository ppa:…`, a `sources.list.d` entry, a
  /// `signed-by=` key, `apt-key`, a vendor's repository package (`packages-microsoft-prod.deb`).
  public static func isAdded(by word: String) -> Bool {
    ["add-apt-repository", "sources.list.d", "signed-by=", "apt-key", "-prod.deb", "ppa:"]
      .contains { word.includes($0) }
  }
}

/// Facts generated from Debian's index; see `PackageFacts.generated.swift`.
public enum PackageFacts {}

/// APT repositories of other vendors that ship a package under a Debian name, built
/// differently: once one is set up, that name is the vendor's package, not Debian's.
public enum VendorRepository: Sendable, CaseIterable {
  /// NodeSource's Node.js (`deb.nodesource.com`): its `nodejs` bundles npm and declares no
  /// Recommends, where Debian's recommends a few small libraries.
  case nodeSource
  /// Microsoft's Azure CLI repository (`packages.microsoft.com/repos/azure-cli`, or its
  /// installer `aka.ms/InstallAzureCLIDeb`): its `azure-cli` bundles its own Python and
  /// declares only shared-library Depends (its packaging, `scripts/release/debian/prepare.sh`),
  /// where Debian's pulls python3 packages and recommends more.
  case azureCLI

  /// The Debian names this repository's packages take over; none of them declares
  /// Recommends.
  public var packagesWithoutRecommends: Set<String> {
    switch self {
    case .nodeSource: return ["nodejs"]
    case .azureCLI: return ["azure-cli"]
    }
  }

  /// The repository a word sets up or names: its address (`https://deb.nodesource.com/…`,
  /// `setup_20.x` fetched from it, `https://packages.microsoft.com/repos/azure-cli/`) or a
  /// copy of its setup script (`./setup-node-23.x.sh`).
  public static func setUp(by word: String) -> VendorRepository? {
    if word.includes("repos/azure-cli") || word.includes("InstallAzureCLIDeb") {
      return .azureCLI
    }
    guard word.includes("node") else { return nil }
    let names = ["nodesource", "setup-node", "setup_node"]
    return names.contains(where: { word.includes($0) }) ? .nodeSource : nil
  }
}

/// The official ubuntu images whose packages ballast knows, from the manifests their build
/// repository publishes (`Scripts/package-facts/ubuntu`): what an install on them finds there.
public enum UbuntuBase {
  /// The packages of `image` when it is the official `ubuntu` image of a release ballast
  /// knows (`ubuntu:22.04`, `ubuntu:jammy-20240808`), or `buildpack-deps` built on one
  /// (`buildpack-deps:focal-curl`); nil for others, `ubuntu:latest` included (it moves).
  public static func packages(of image: ImageReference?) -> Set<String>? {
    release(of: image)?.packages
  }

  /// The release of `image` among those ballast knows, as for `packages(of:)`.
  static func release(of image: ImageReference?)
    -> (version: String, codename: String, packages: Set<String>)?
  {
    guard let (name, tag) = DebianBase.official(image), name == "ubuntu" || name == "buildpack-deps"
    else { return nil }
    return releases.first {
      tag.hasPrefix($0.codename) || (name == "ubuntu" && tag.hasPrefix($0.version))
    }
  }

  static let releases: [(version: String, codename: String, packages: Set<String>)] = [
    ("14.04", "trusty", trusty), ("16.04", "xenial", xenial), ("18.04", "bionic", bionic),
    ("20.04", "focal", focal), ("22.04", "jammy", jammy), ("24.04", "noble", noble),
  ]
}

extension PackageFacts {
  /// True for other vendors' packages known to declare no Recommends, by a name no Debian
  /// package has: Amazon Corretto's JDKs (`java-17-amazon-corretto-jdk`, apt.corretto.aws),
  /// whose packaging (`installers/linux/universal/deb/build.gradle`) requires only
  /// `java-common`.
  public static func declaresNoRecommends(_ name: String) -> Bool {
    name.hasPrefix("java-") && name.includes("-amazon-corretto-")
  }
}
