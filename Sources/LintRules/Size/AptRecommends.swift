import DockerfileSemantics
import DockerfileSyntax
import LintEngine

/// What BL1003 and BL1019 share: the final image's `apt-get install` / `apt install` commands
/// that leave APT's recommends switched on, each with what its named packages recommend.
struct AptRecommendsLeftOn {
  /// One such install.
  struct Install {
    var command: ShellCommand
    /// The `install` word, where the fix adds `--no-install-recommends`.
    var subcommand: ShellWord
    /// The last package word, after which the fix names what the install needs.
    var lastPackage: ShellWord? = nil
    /// What the recommends of the named packages add; nil when the graph knows none of them.
    var weight: RecommendsWeight?
    /// Named packages ballast cannot weigh, as written: names Debian's index does not know,
    /// words with no known value (`$PACKAGES`), package files (`./x.deb`).
    var unweighed: [String]
    /// Those of `unweighed` that are names Debian's index does not know.
    var unknownNames: Set<String>
    /// True for `apt-get -f install` naming no package: it completes a `dpkg -i`, installing
    /// the missing dependencies and their recommends.
    var completesDependencies = false
    /// The index the image is weighed by ("Ubuntu 24.04"), and whether it stands in for the
    /// image's own release.
    var index: String
    var isStandIn: Bool

    /// BL1003's: recommends of 5 MB or more, weighed on a base image whose packages ballast
    /// knows. On other bases the figure is a condition, and BL1019 (off by default) says it.
    var isHeavyOnKnownBase: Bool {
      guard let weight else { return false }
      return weight.keptOut >= AptRecommendsLeftOn.heavy && weight.isBaseKnown
    }
  }

  /// Below this, what the recommends add is BL1019's to report, not BL1003's.
  static let heavy = 5_000_000

  static func installs(in file: AnalyzedDockerfile) -> [Install] {
    // An editor's workspace image never ships; its size matters little.
    guard !file.isDevelopmentContainer else { return [] }
    // Most files install nothing with APT: spare them the scans below.
    let aptRuns = file.finalImagePositions.filter {
      file.scripts[$0]?.commands.contains(where: \.isApt) == true
    }
    guard let lastAptRun = aptRuns.last else { return [] }
    var installs: [Install] = []
    var configured = false
    // The image's packages as its installs run, on its release's graph (the names are read
    // only where the base does not tell the release).
    guard
      var image = SimulatedAptImage(
        file.finalBaseImage, installing: releaseEvidence(in: file, aptRuns: aptRuns))
    else { return [] }
    // Names a vendor repository set up earlier provides instead of Debian, without
    // Recommends (NodeSource's `nodejs`): the Debian graph does not describe them.
    var fromVendors: Set<String> = []
    for position in file.finalImagePositions where position <= lastAptRun {
      guard let script = file.scripts[position] else { continue }
      // An APT configuration line written in an earlier layer switches recommends off.
      if script.commands.contains(where: {
        $0.arguments.contains { $0.value.includes("Install-Recommends") }
      }) {
        configured = true
      }
      guard !configured else { continue }
      for command in script.commands {
        for word in [command.name].compactMap({ $0 }) + command.arguments {
          guard let vendor = VendorRepository.setUp(by: word.value) else { continue }
          fromVendors.formUnion(vendor.packagesWithoutRecommends)
        }
      }
      guard script.commands.contains(where: \.isApt) else { continue }
      let removals = AutomaticRemovals(script)
      let scope = file.variables(before: position)
      for (index, command) in script.commands.enumerated() where command.isApt {
        let arguments = command.parsedArguments
        if arguments.verb == "purge" || arguments.verb == "remove" {
          image.remove(arguments.operands.map(\.value))
        }
        // The build dependencies of a source package, and their recommends: unknown here.
        if arguments.verb == "build-dep", command.confirmationPrompt == nil {
          image.noteUnweighable()
        }
        guard let subcommand = arguments.subcommand, subcommand.value == "install" else {
          continue
        }
        let install = command.packageInstall(variables: { scope[$0] })
        // `apt-get install -s` only simulates, `-d` only downloads.
        guard install?.installsNothing != true else { continue }
        let packages = install?.packages ?? []
        let literal = packages.filter { $0.source == .registry && $0.word.isLiteral }.map(\.name)
        // Another vendor's package under a Debian name has no Recommends; a package the same
        // RUN purges with its automatic dependencies takes its recommends with it.
        let vendors = literal.filter {
          fromVendors.contains($0) || PackageFacts.declaresNoRecommends($0)
        }
        image.markInstalled(vendors)
        let named = literal.filter {
          !vendors.contains($0) && !removals.removes($0, after: index)
        }
        let unknownNames = named.filter { !image.knows($0) }
        var unweighed = unknownNames
        for package in packages
        where !(package.source == .registry && package.word.isLiteral)
          && !removals.removes(package.word.value, after: index)
        {
          // A path is a `.deb` file to apt (`./$deb` included), whose Recommends are installed
          // like a named package's.
          guard [.registry, .file, .directory, .unknown].contains(package.source) else { continue }
          unweighed.append(package.word.value)
        }
        // Without `-y`, APT asks before it adds anything beyond the named packages, and a
        // build cannot answer: the install adds no recommends, or fails (BL4086 says so).
        let recommends =
          command.confirmationPrompt == nil && !arguments.has("--no-install-recommends")
          && !arguments.values("-o", "--option").contains(where: {
            $0.value.includes("Install-Recommends")
          })
        let wasComplete = image.isComplete
        // Its own unweighable part is not "later" for it (the message names it).
        if !unweighed.isEmpty { image.noteUnweighable() }
        let step = image.changes.count
        let added = image.install(named, recommends: recommends)
        guard recommends, !removals.removesEverything(packages, installedAt: index) else {
          continue
        }
        var weight =
          named.count > unknownNames.count
          ? RecommendsWeight(
            added, image: image, afterIncompleteInstalls: !wasComplete,
            beside: unweighed.isEmpty ? [] : unweighed) : nil
        weight?.step = step
        let completes =
          packages.isEmpty && arguments.has("-f", "--fix-broken")
          && !followsSuccessfulPackageFileInstall(script.commands, at: index)
        guard weight != nil || !unweighed.isEmpty || completes else { continue }
        var seen: Set<String> = []
        unweighed = unweighed.filter { seen.insert($0).inserted }
        installs.append(
          Install(
            command: command, subcommand: subcommand, lastPackage: packages.last?.word,
            weight: weight, unweighed: unweighed,
            unknownNames: Set(unknownNames), completesDependencies: completes,
            index: image.graph.label, isStandIn: image.isStandIn))
      }
    }
    return keptOut(installs, in: image)
  }

  /// The names the final image's installs give, as evidence of the release on a base that
  /// does not tell it; none where the image adds another APT repository, whose packages may
  /// share the names of some release's (Microsoft's `dotnet-sdk-8.0` is also Ubuntu's).
  static func releaseEvidence(in file: AnalyzedDockerfile, aptRuns: [Int]) -> [String] {
    let addsRepository = file.finalImagePositions.contains { position in
      file.scripts[position]?.commands.contains { command in
        command.arguments.contains { AptRepository.isAdded(by: $0.value) }
      } == true
    }
    guard !addsRepository else { return [] }
    var names: [String] = []
    for position in aptRuns {
      for command in file.scripts[position]?.commands ?? [] where command.isApt {
        let packages = command.packageInstall(variables: { _ in nil })?.packages ?? []
        names += packages.filter { $0.source == .registry && $0.word.isLiteral }.map(\.name)
      }
    }
    return names
  }

  /// `installs` with what later installs of `image` bring anyway taken off: what the flag
  /// keeps out of the image counts, and an install whose recommends later ones bring all of
  /// is no finding (unless it names what ballast cannot weigh).
  static func keptOut(_ installs: [Install], in image: SimulatedAptImage) -> [Install] {
    var installs = installs
    for index in installs.indices {
      guard var weight = installs[index].weight else { continue }
      weight.laterUnweighable = image.isFollowedByUnweighable(weight.step)
      if weight.bytes > 0, let kept = image.keptOut(byInstallAt: weight.step),
        kept.bytes < weight.bytes
      {
        weight.broughtLater = weight.bytes - kept.bytes
        // The largest of what stays out, not of what comes anyway.
        weight.largest = kept.largest
      }
      installs[index].weight = weight
    }
    return installs.filter { install in
      guard let weight = install.weight, weight.bytes > 0, weight.keptOut == 0 else { return true }
      return !install.unweighed.isEmpty || install.completesDependencies
    }
  }

  /// True for the `-f install` of `dpkg -i x.deb && apt-get -f install`: it runs only when
  /// dpkg succeeded, that is when no dependency was missing, so it completes nothing.
  static func followsSuccessfulPackageFileInstall(_ commands: [ShellCommand], at index: Int)
    -> Bool
  {
    var position = index
    while position > 0, commands[position].separator == "&&",
      commands[position - 1].nesting == commands[index].nesting
    {
      position -= 1
      let previous = commands[position]
      if previous.program == "dpkg", previous.parsedArguments.has("-i", "--install") {
        return true
      }
    }
    return false
  }

  /// Unsafe: a program may need what it only recommends (curl's libcurl recommends
  /// ca-certificates, without which HTTPS fails at run time).
  /// The recommends the build needs are named with it (`ca-certificates`, which apt reads in
  /// any order: `apt-get install --no-install-recommends ca-certificates -y curl`).
  static func fix(_ install: Install, in file: AnalyzedDockerfile) -> Fix? {
    let needed = install.weight?.neededRecommends ?? []
    let names = needed.joined(separator: " ")
    // The names go after the last package where it can be edited, else after the option.
    let afterPackages = install.lastPackage.flatMap {
      needed.isEmpty
        ? nil : ShellEdits.insert(names, after: $0, of: install.command, in: file.source)
    }
    let option =
      afterPackages == nil && !needed.isEmpty
      ? "--no-install-recommends " + names : "--no-install-recommends"
    guard
      let edit = ShellEdits.insert(
        option, after: install.subcommand, of: install.command, in: file.source)
    else { return nil }
    return Fix(
      title: "add `--no-install-recommends`" + (needed.isEmpty ? "" : " and \(quoted(needed))"),
      edits: [edit] + [afterPackages].compactMap { $0 }, safety: .unsafe)
  }

  static func help(for install: Install) -> String {
    let needed = install.weight?.neededRecommends ?? []
    guard !needed.isEmpty else {
      return "add `--no-install-recommends` and list what you really need"
    }
    // Without them HTTPS (ca-certificates) or compiling (libc6-dev) fails.
    return "add `--no-install-recommends` and name \(quoted(needed)), which the install "
      + "only recommends and needs, and what else you really need"
  }

  private static func quoted(_ names: [String]) -> String {
    names.map { "`\($0)`" }.joined(separator: ", ")
  }

  /// "`apt-get install` without `--no-install-recommends` also installs what `git`
  /// recommends: 12 MB, largest … on `debian:12-slim` (by a simulation on Debian bookworm's
  /// index)".
  static func message(_ program: String, _ weight: RecommendsWeight, base: ImageReference?)
    -> String
  {
    let names = weight.pulling.prefix(3).map { "`\($0.name)`" }
    let more = weight.pulling.count > 3 ? " and \(weight.pulling.count - 3) more" : ""
    var amount = ByteCount.describe(weight.bytes)
    if weight.pulling.count > 1 {
      amount += " (\(ByteCount.describe(weight.pulling[0].bytes)) for `\(weight.pulling[0].name)`)"
    }
    if weight.broughtLater > 0 {
      amount += ", \(ByteCount.describe(weight.broughtLater)) of which later installs bring anyway"
    }
    if weight.laterUnweighable {
      amount += ", less what later installs ballast cannot weigh may bring anyway"
    }
    // What ballast cannot weigh may have brought some of it.
    if weight.isUpperBound {
      var brought: [String] = []
      if !weight.beside.isEmpty {
        let count = weight.beside.count
        brought.append(
          weight.beside.prefix(2).map { "`\($0)`" }.joined(separator: ", ")
            + (count > 2 ? " and \(count - 2) more" : "") + " brings")
      }
      if weight.afterIncompleteInstalls { brought.append("earlier installs put there") }
      amount = "up to \(amount), less what \(brought.joined(separator: " and "))"
    }
    let largest =
      weight.largest.isEmpty
      ? "" : ", largest \(weight.largest.prefix(3).map { "`\($0)`" }.joined(separator: ", "))"
    let whereText: String
    let condition: String
    if weight.isBaseKnown, let base {
      whereText = " on `\(base.text)` (sizes from \(weight.index)'s index)"
      condition = ""
    } else {
      // The base's packages are not known: it may have the named ones or what they recommend.
      whereText =
        " by \(weight.index)'s index"
        + (weight.isStandIn ? " (the nearest release ballast has)" : "")
      condition = ", where the base image lacks these packages and their recommends"
    }
    return "`\(program) install` without `--no-install-recommends` also installs what "
      + "\(names.joined(separator: ", "))\(more) recommend\(weight.pulling.count == 1 ? "s" : "")"
      + "\(condition): \(amount)\(largest)\(whereText)"
  }
}

/// What the Recommends of the packages one `apt-get install` names add, by a simulation of the
/// install on the image's release's package graph (`SimulatedAptImage`).
struct RecommendsWeight {
  /// What the recommends add in all.
  var bytes: Int
  /// The named packages whose recommends add something, heaviest first, with their part.
  var pulling: [(name: String, bytes: Int)]
  /// The largest recommended packages.
  var largest: [String]
  /// True when the base image's packages are known: the figure is then a fact about this
  /// image, else a condition on its base.
  var isBaseKnown: Bool
  /// True when an earlier install named what ballast cannot weigh, which may have brought
  /// some of the recommended packages: the figure is then what they add at most.
  var afterIncompleteInstalls: Bool
  /// Names of this install ballast cannot weigh, which may depend on some of them.
  var beside: [String]
  /// What the install only recommends but needs (`ca-certificates` for curl): the fix names it.
  var neededRecommends: [String]
  /// True when the graph is the nearest release's, not the image's own.
  var isStandIn: Bool
  /// "Debian bookworm", "Ubuntu 18.04".
  var index: String

  init(
    _ recommended: RecommendedPackages, image: SimulatedAptImage, afterIncompleteInstalls: Bool,
    beside: [String]
  ) {
    bytes = recommended.bytes
    pulling = recommended.byPackage
    largest = recommended.largest
    isBaseKnown = image.isBaseKnown
    self.afterIncompleteInstalls = afterIncompleteInstalls
    self.beside = beside
    neededRecommends = recommended.neededRecommends
    isStandIn = image.isStandIn
    index = image.graph.label
  }

  /// True when the figure is a bound rather than what the install adds.
  var isUpperBound: Bool { afterIncompleteInstalls || !beside.isEmpty }
  /// The image's change this install is (`SimulatedAptImage.changes`).
  var step = 0
  /// What of `bytes` later installs of the image bring anyway.
  var broughtLater = 0
  /// True when a later install cannot be weighed (`apt-get build-dep`, another repository's
  /// package): it may bring some of it anyway.
  var laterUnweighable = false
  /// What `--no-install-recommends` keeps out of the image.
  var keptOut: Int { bytes - broughtLater }
}

/// The purges and removes of one RUN that take automatically installed packages with them
/// (`apt-get purge --auto-remove …`, or a removal followed by `apt-get autoremove`).
struct AutomaticRemovals {
  /// Per package: positions of such removals naming it, ascending.
  private var byPackage: [String: [Int]] = [:]
  private var removed: [Int: Set<String>] = [:]

  init(_ script: ShellScript) {
    let apt = (script.positions(of: "apt-get") + script.positions(of: "apt")).sorted()
    let lastAutoremove =
      apt.last { script.commands[$0].parsedArguments.verb == "autoremove" } ?? -1
    for position in apt {
      let arguments = script.commands[position].parsedArguments
      guard arguments.verb == "purge" || arguments.verb == "remove",
        arguments.has("--autoremove", "--auto-remove") || lastAutoremove > position
      else { continue }
      let names = Set(arguments.operands.map(\.value))
      removed[position] = names
      for name in names { byPackage[name, default: []].append(position) }
    }
  }

  /// True when such a removal after `position` names `word`.
  func removes(_ word: String, after position: Int) -> Bool {
    byPackage[word]?.contains { $0 > position } == true
  }

  /// True when one such removal after `position` names every package of the install there,
  /// word for word (`$BUILD_DEPS` in both counts, whatever it holds): the recommends leave
  /// with them. Words that expand to nothing install nothing and need no removal.
  func removesEverything(_ packages: [RequestedPackage], installedAt position: Int) -> Bool {
    var installed: [String] = []
    for package in packages where installed.last != package.word.value {
      installed.append(package.word.value)
    }
    guard let first = installed.first, let candidates = byPackage[first] else { return false }
    // Newest first, and only a few: real RUNs have one, and a RUN naming one package thousands
    // of times must not make this quadratic.
    for candidate in candidates.reversed().prefix(16) where candidate > position {
      if installed.allSatisfy({ removed[candidate]?.contains($0) == true }) { return true }
    }
    return false
  }
}

extension ShellCommand {
  fileprivate var isApt: Bool { program == "apt-get" || program == "apt" }
}
