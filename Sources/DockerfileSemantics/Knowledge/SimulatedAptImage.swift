/// The packages an image has as its `apt-get install` commands run, simulated on the package
/// graph of its release: its base image's packages, then what each install adds.
public struct SimulatedAptImage: Sendable {
  public let graph: PackageGraph
  public private(set) var installed: Set<Int>
  /// True when the base image's packages are known: an official image of a release ballast has
  /// the index of. Elsewhere the simulation starts from `debian:*-slim` (or the nearest
  /// release's image) and its figures are conditions on the base.
  public let isBaseKnown: Bool
  /// True when the graph is the nearest release's, not the image's own (16.04's for 14.04).
  public let isStandIn: Bool
  /// False once an install named what the graph cannot see (another repository's package,
  /// `$PACKAGES`, a `.deb` file): what it brought may be what later installs recommend, so
  /// their figures become bounds.
  public var isComplete: Bool { lastUnweighable < 0 }
  /// What happened to the image since its base, in order, for `keptOut(byInstallAt:)`.
  public private(set) var changes: [Change] = []
  private var base: Set<Int> = []
  private var lastUnweighable = -1

  /// One install, purge or vendor package of the image, by package id.
  public enum Change: Sendable {
    case install([Int], recommends: Bool)
    case mark([Int])
    case remove([Int])
    /// What ballast cannot weigh: another repository's packages, `apt-get build-dep`.
    case unweighable
  }

  /// Records a change ballast cannot weigh; what it brings is unknown.
  public mutating func noteUnweighable() {
    lastUnweighable = changes.count
    changes.append(.unweighable)
  }

  /// True when a change after `step` cannot be weighed: it may bring some of what `step`'s
  /// recommends add.
  public func isFollowedByUnweighable(_ step: Int) -> Bool { lastUnweighable > step }

  /// The image `image` starts as, before installs that will name `names`; nil when ballast
  /// has no graph for its release. On a base whose release nothing tells, the names may:
  /// `libasound2t64` is Ubuntu 24.04's, not bookworm's.
  public init?(_ image: ImageReference?, installing names: @autoclosure () -> [String] = []) {
    var index = PackageFacts.index(for: image)
    // Only for other projects' images: an official image's distribution is known.
    if index.isBookworm, DebianBase.official(image) == nil,
      DebianBase.membership(of: image) == nil,
      let named = PackageFacts.releaseKnowingMost(of: names(), beyond: index)
    {
      index = named
    }
    guard let graph = index.graph else { return nil }
    self.graph = graph
    isStandIn = index.isStandIn
    let members: DebianBase?
    if index.isBookworm {
      let base = DebianBase.of(image)
      isBaseKnown = base != nil
      members = base ?? DebianBase.membership(of: image)
    } else {
      // Another project's image that names its release (`dotnet/sdk:8.0-noble`) is weighed
      // by that release's index, on its base image as a condition.
      isBaseKnown = !index.isStandIn && PackageFacts.releaseIndex(of: image) != nil
      members = DebianBase.membership(of: image)
    }
    installed = graph.baseImage
    // An official ubuntu image weighed by a nearer release's graph (14.04 by 16.04's) still has
    // its own manifest's packages: `apt-transport-https` and `krb5-locales` are in 14.04's.
    if index.isStandIn, let manifest = UbuntuBase.packages(of: image) {
      installed.formUnion(manifest.compactMap(graph.id(of:)))
    }
    // The buildpack-deps images install the same names in every release; what those pull in
    // differs, so it is resolved in the release's own graph.
    var variant: Set<String> = []
    switch members {
    case .buildpackSCM?:
      variant = PackageFacts.buildpackDepsCurl.union(PackageFacts.buildpackDepsScm)
    case .buildpack?:
      variant = PackageFacts.buildpackDepsCurl.union(PackageFacts.buildpackDepsScm)
        .union(PackageFacts.buildpackDepsFull)
    case .slim?, nil: break
    }
    // What the official image's own Dockerfile installs on top (php's build tools).
    variant.formUnion(PackageFacts.installedByOfficialImage(image))
    let ids = variant.compactMap(graph.id(of:)).sorted()
    for added in graph.install(ids, on: installed, recommends: false) {
      installed.formUnion(added)
    }
    base = installed
  }

  /// The bytes the image would lack in the end had change `step` (an install) left its
  /// recommends out: less than what they add when later installs bring some of them anyway
  /// (`php7.0-dev` depends on the libtool that `unixodbc-dev` only recommends). Nil for images
  /// of more than 32 changes, where replaying each is too slow to be worth it.
  public func keptOut(byInstallAt step: Int) -> (bytes: Int, largest: [String])? {
    guard changes.count <= 32, step < changes.count,
      case .install(_, recommends: true) = changes[step]
    else { return nil }
    var replay = base
    for (index, change) in changes.enumerated() {
      switch change {
      case .install(let roots, let recommends):
        let added = graph.install(roots, on: replay, recommends: recommends && index != step)
        replay.formUnion(added.joined())
      case .mark(let ids): replay.formUnion(ids)
      case .remove(let ids): replay.subtract(ids)
      case .unweighable: break
      }
    }
    let lacking = installed.subtracting(replay)
    let bytes = graph.size(of: lacking) - graph.size(of: replay.subtracting(installed))
    return (max(0, bytes), largest(of: lacking))
  }

  /// The three largest of `ids`, by name.
  func largest(of ids: Set<Int>) -> [String] {
    ids.filter { graph.size(of: $0) > 0 }
      .sorted {
        (graph.size(of: $0), graph.name(of: $1)) > (graph.size(of: $1), graph.name(of: $0))
      }
      .prefix(3).map(graph.name(of:))
  }

  /// True when the graph has package `name`.
  public func knows(_ name: String) -> Bool { graph.id(of: name) != nil }

  /// Simulates `apt-get install` of `names` (those the graph has), with recommends when
  /// `recommends`: the image then has what it added. Returns what the recommends add.
  public mutating func install(_ names: [String], recommends: Bool) -> RecommendedPackages {
    var seen: Set<Int> = []
    let roots = names.compactMap(graph.id(of:)).filter { seen.insert($0).inserted }
    changes.append(.install(roots, recommends: recommends))
    let plain = graph.install(roots, on: installed, recommends: false)
    let plainAdded = Set(plain.joined())
    guard recommends else {
      installed.formUnion(plainAdded)
      return RecommendedPackages()
    }
    let fullAdded = Set(graph.install(roots, on: installed, recommends: true).joined())
    // What `--no-install-recommends` would leave out that the build needs: name it.
    let strict = Set(graph.install(roots, on: installed, recommends: false, needed: false).joined())
    var needed: [String] = []
    // The named packages are in `strict` too (it starts from them).
    for id in plainAdded where strict.contains(id) {
      for group in graph.neededRecommends(of: id) {
        guard !group.contains(where: { installed.contains($0) || strict.contains($0) }),
          let first = group.first
        else { continue }
        let name = graph.name(of: first)
        if !needed.contains(name) { needed.append(name) }
      }
    }
    let extra = fullAdded.subtracting(plainAdded)
    var result = RecommendedPackages()
    // What apt adds with recommends less what it adds without (an alternative may differ).
    result.bytes = max(0, graph.size(of: fullAdded) - graph.size(of: plainAdded))
    result.neededRecommends = needed.sorted()
    for (root, part) in zip(roots, graph.recommendations(of: plain, on: installed)) {
      let bytes = graph.size(of: part)
      if bytes > 0 { result.byPackage.append((graph.name(of: root), bytes)) }
    }
    result.byPackage.sort { ($0.bytes, $1.name) > ($1.bytes, $0.name) }
    result.largest = largest(of: extra)
    installed.formUnion(fullAdded)
    return result
  }

  /// Marks `names` installed without what they depend on or recommend: another vendor's
  /// package under a Debian name, whose relations the graph does not describe.
  public mutating func markInstalled(_ names: [String]) {
    let ids = names.compactMap(graph.id(of:))
    changes.append(.mark(ids))
    installed.formUnion(ids)
  }

  /// `apt-get purge`/`remove` of `names`: they are gone (what they pulled in stays).
  public mutating func remove(_ names: [String]) {
    let ids = names.compactMap(graph.id(of:))
    changes.append(.remove(ids))
    installed.subtract(ids)
  }
}

/// What the Recommends of one simulated install add.
public struct RecommendedPackages: Sendable {
  public var bytes = 0
  /// The named packages whose recommends add something, heaviest first, each with what its
  /// recommends add that the ones named before it did not bring.
  public var byPackage: [(name: String, bytes: Int)] = []
  /// The largest recommended packages.
  public var largest: [String] = []
  /// Recommended packages the build needs (`ca-certificates` for HTTPS), not counted above:
  /// with `--no-install-recommends` they must be named.
  public var neededRecommends: [String] = []
}
