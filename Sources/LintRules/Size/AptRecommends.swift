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
    /// What the recommends of the named packages add; nil when the table knows none of them.
    var weight: RecommendsWeight?
    /// Named packages ballast cannot weigh, as written: names Debian's index does not know,
    /// words with no known value (`$PACKAGES`), package files (`./x.deb`).
    var unweighed: [String]
    /// Those of `unweighed` that are names Debian's index does not know.
    var unknownNames: Set<String>
    /// True for `apt-get -f install` naming no package: it completes a `dpkg -i`, installing
    /// the missing dependencies and their recommends.
    var completesDependencies = false

    /// BL1003's: recommends of 5 MB or more, weighed on a base image whose packages ballast
    /// knows. On other bases the figure is a condition, and BL1019 (off by default) says it.
    var isHeavyOnKnownBase: Bool {
      guard let weight else { return false }
      return weight.heaviest >= AptRecommendsLeftOn.heavy && weight.isBaseKnown
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
    // Names an earlier install of the image put there: installing them again pulls nothing
    // (their dependencies are in place, and APT adds recommends only for what it installs).
    var installedEarlier: Set<String> = []
    // What those installs brought that carries Recommends of its own (`libpsl5` with curl):
    // a later install does not add what they recommend.
    var carriedEarlier: Set<String> = []
    // Names a vendor repository set up earlier provides instead of Debian, without
    // Recommends (NodeSource's `nodejs`): the Debian table does not describe them.
    var fromVendors: Set<String> = []
    // An Ubuntu base's own packages: naming them installs nothing.
    let ubuntuPackages = UbuntuBase.packages(of: file.finalBaseImage) ?? []
    // The index every name of this image is looked up in, resolved once.
    let packageIndex = PackageFacts.index(for: file.finalBaseImage)
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
          installedEarlier.subtract(arguments.operands.map(\.value))
          carriedEarlier.subtract(arguments.operands.map(\.value))
        }
        guard let subcommand = arguments.subcommand, subcommand.value == "install" else {
          continue
        }
        let install = command.packageInstall(variables: { scope[$0] })
        // `apt-get install -s` only simulates, `-d` only downloads.
        guard install?.installsNothing != true else { continue }
        let packages = install?.packages ?? []
        let literal = packages.filter { $0.source == .registry && $0.word.isLiteral }.map(\.name)
        // A package the same RUN purges with its automatic dependencies takes its recommends
        // with it.
        let named = literal.filter {
          !installedEarlier.contains($0) && !fromVendors.contains($0)
            && !ubuntuPackages.contains($0) && !PackageFacts.declaresNoRecommends($0)
            && !removals.removes($0, after: index)
        }
        let present = installedEarlier.union(carriedEarlier).union(ubuntuPackages)
        let afterEarlierInstalls = !installedEarlier.isEmpty
        installedEarlier.formUnion(literal)
        for name in literal {
          carriedEarlier.formUnion(packageIndex.fact(name)?.carriers ?? [])
        }
        // Without `-y`, APT asks before it adds anything beyond the named packages, and a
        // build cannot answer: the install adds no recommends, or fails (BL4086 says so).
        guard command.confirmationPrompt == nil, !arguments.has("--no-install-recommends"),
          !arguments.values("-o", "--option").contains(where: {
            $0.value.includes("Install-Recommends")
          }),
          !removals.removesEverything(packages, installedAt: index)
        else { continue }
        // This install brings what its packages recommend: the heaviest packages those
        // Recommends start from (and all of them, when few) are there for later installs.
        for name in named {
          guard let fact = packageIndex.fact(name) else { continue }
          carriedEarlier.formUnion(fact.recommendationRoots.map(\.name))
          carriedEarlier.formUnion(fact.recommended ?? [])
        }
        let weight = RecommendsWeight(
          named, base: file.finalBaseImage, installed: present, alongside: Set(literal),
          afterEarlierInstalls: afterEarlierInstalls, in: packageIndex)
        let unknownNames = named.filter { packageIndex.fact($0) == nil }
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
        let completes =
          packages.isEmpty && arguments.has("-f", "--fix-broken")
          && !followsSuccessfulPackageFileInstall(script.commands, at: index)
        guard weight != nil || !unweighed.isEmpty || completes else { continue }
        var seen: Set<String> = []
        unweighed = unweighed.filter { seen.insert($0).inserted }
        installs.append(
          Install(
            command: command, subcommand: subcommand, weight: weight, unweighed: unweighed,
            unknownNames: Set(unknownNames), completesDependencies: completes))
      }
    }
    return installs
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
  static func fix(_ install: Install, in file: AnalyzedDockerfile) -> Fix? {
    ShellEdits.insert(
      "--no-install-recommends", after: install.subcommand, of: install.command, in: file.source
    ).map { Fix(title: "add `--no-install-recommends`", edits: [$0], safety: .unsafe) }
  }

  static let help = "add `--no-install-recommends` and list what you really need"

  /// "`apt-get install` without `--no-install-recommends` also installs what `git`
  /// recommends: 12 MB, largest … on `debian:12-slim` (sizes from Debian bookworm's index)";
  /// the index is the heaviest package's (Ubuntu 18.04's for `python-pip` on `ubuntu:18.04`).
  static func message(_ program: String, _ weight: RecommendsWeight, base: ImageReference?)
    -> String
  {
    let names = weight.pulling.prefix(3).map { "`\($0)`" }
    let more = weight.pulling.count > 3 ? " and \(weight.pulling.count - 3) more" : ""
    let size = ByteCount.describe(weight.heaviest)
    // Earlier installs may have put some of the recommended packages there already.
    let earlier = weight.isUpperBound ? ", less what earlier installs put there" : ""
    let amount: String
    if weight.pulling.count > 1 {
      // Recommends of several packages overlap, and the others may depend on some of them:
      // only their sum bounds what the install adds.
      let total = ByteCount.describe(weight.bytes)
      amount = "up to \(total) in all (\(size) for `\(weight.pulling[0])`)\(earlier)"
    } else if weight.isShared || weight.isUpperBound {
      // The other packages named, or earlier installs, may bring some of it.
      amount = "up to \(size)\(earlier)"
    } else {
      amount = size
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

/// What the Recommends of the packages one `apt-get install` names add, from the package
/// table (`PackageFacts`): nil when the table knows none of them.
struct RecommendsWeight {
  var bytes = 0
  /// What the recommends of the heaviest named package add.
  var heaviest = 0
  /// The named packages whose recommends add something, heaviest first.
  var pulling: [String] = []
  /// The largest recommended packages of the heaviest named one.
  var largest: [String] = []
  /// True when the base image's packages are known: a Debian bookworm image ballast knows, or
  /// the other release whose index weighed the heaviest package.
  var isBaseKnown: Bool
  /// True when earlier installs of the image may have put some of the recommended packages
  /// there: the figure is then what they add at most.
  var isUpperBound = false
  /// True when the install names other packages too, which may depend on what this one
  /// recommends.
  var isShared = false
  /// True when that index is the nearest release's, not the image's own.
  var isStandIn = false
  /// The index the heaviest package's facts come from.
  var index = PackageIndex.bookwormLabel

  /// `installed`: what earlier installs of the image put there (the names and the carriers
  /// of Recommends they brought); `alongside`: every name of this install.
  init?(
    _ packages: [String], base image: ImageReference?, installed: Set<String> = [],
    alongside: Set<String> = [], afterEarlierInstalls: Bool = false,
    in packageIndex: PackageIndex? = nil
  ) {
    let packageIndex = packageIndex ?? PackageFacts.index(for: image)
    isUpperBound = afterEarlierInstalls
    isShared = alongside.count > 1
    let base = DebianBase.of(image)
    // Which names the base has is known for more images than the sizes of what it lacks.
    let members = base ?? DebianBase.membership(of: image)
    isBaseKnown = base != nil
    var weighed: [(bytes: Int, fact: PackageFact, isReduced: Bool)] = []
    var known = false
    for name in Set(packages) {
      guard let fact = packageIndex.fact(name) else { continue }
      known = true
      // Already in the image: installing it again brings nothing. Another release's facts
      // are weighed on that release's own base image.
      if let members, PackageFacts.isInstalled(name, on: members) { continue }
      if !fact.isFromBookworm, fact.isInSlimBase { continue }
      // What would recommend something is there already, or everything recommended is named
      // too: the recommends add nothing.
      if !fact.carriers.isEmpty, fact.carriers.allSatisfy(installed.contains) { continue }
      if let recommended = fact.recommended, !recommended.isEmpty,
        recommended.allSatisfy({ alongside.contains($0) || installed.contains($0) })
      {
        continue
      }
      var bytes = fact.recommendsBytes(on: members ?? .slim)
      // A package the recommends start from that this install names (`build-essential` beside
      // `python3-pip`), or an earlier one put there, is installed anyway: what it adds without
      // its own recommends is not theirs. The heaviest such is taken off (they may overlap);
      // the figures are the release's own base image's, so not on a fuller base.
      let covered =
        (members ?? .slim) == .slim
        ? fact.recommendationRoots.filter {
          alongside.contains($0.name) || installed.contains($0.name)
        }.map(\.bytes).max() ?? 0 : 0
      bytes = max(0, bytes - covered)
      if bytes > 0 { weighed.append((bytes, fact, covered > 0)) }
    }
    guard known else { return nil }
    weighed.sort { ($0.bytes, $1.fact.name) > ($1.bytes, $0.fact.name) }
    // Named packages often bring the same packages that carry Recommends (`libc6-dev`, whose
    // `libc-devtools` every -dev package pulls): what one's carriers recommend is counted
    // once, with the heaviest package that brings them.
    var counted: Set<String> = []
    weighed = weighed.filter { entry in
      let carriers = entry.fact.carriers
      if !carriers.isEmpty, carriers.allSatisfy({ counted.contains($0) }) { return false }
      counted.formUnion(carriers)
      return true
    }
    if let heaviest = weighed.first?.fact, heaviest.index != index {
      index = heaviest.index
      // A stand-in's sizes are weighed on another release's image.
      isStandIn = packageIndex.isStandIn
      isBaseKnown = !isStandIn
    }
    bytes = weighed.reduce(0) { $0 + $1.bytes }
    heaviest = weighed.first?.bytes ?? 0
    pulling = weighed.map(\.fact.name)
    // The largest are weighed on debian:*-slim; on a fuller base some may be there already.
    // Once part of them is installed anyway, the largest may be among that part.
    let first = weighed.first
    largest =
      (members == nil || members == .slim) && first?.isReduced == false
      ? first?.fact.largestRecommends ?? [] : []
  }
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
