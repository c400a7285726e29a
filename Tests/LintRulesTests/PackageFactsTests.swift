import DockerfileSemantics
import DockerfileSyntax
import Foundation
import LintEngine
import LintRules
import Testing

@Suite struct PackageFactsTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The generated table records a digest of its inputs (the generator and the package list);
  /// a change to either without regenerating fails here.
  /// Runs a generator's `--check`: its status and what it printed.
  static func check(_ script: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, "--check"]
    process.currentDirectoryURL = Self.root
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    process.waitUntilExit()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return (process.terminationStatus, text)
  }

  @Test func generatedTableMatchesItsInputs() throws {
    let (status, output) = try Self.check("Scripts/generate-package-facts.py")
    #expect(status == 0, "\(output)")
  }

  @Test func ubuntuListsMatchTheirManifests() throws {
    let (status, output) = try Self.check("Scripts/generate-ubuntu-bases.py")
    #expect(status == 0, "\(output)")
  }

  @Test func generatedFilesStaySmall() throws {
    let folder = "Sources/DockerfileSemantics/Knowledge/"
    let facts = Self.root.appendingPathComponent(folder + "PackageFacts.generated.swift")
    let size = try FileManager.default.attributesOfItem(atPath: facts.path)[.size] as? Int ?? 0
    #expect(size > 5_000 && size < 32 * 1024)
    // One graph per release, about 200 KB each (focal's, with universe's alternatives, 360 KB).
    for key in ["bookworm"] + PackageFacts.otherReleaseKeys {
      let path = Self.root.appendingPathComponent(
        folder + "PackageGraphs/\(key.prefix(1).uppercased() + key.dropFirst()).generated.swift")
      let size = try FileManager.default.attributesOfItem(atPath: path.path)[.size] as? Int ?? 0
      #expect(size > 100_000 && size < 512 * 1024, "\(key)")
    }
  }

  /// Every row of every generated graph is found by its name, as the file writes it, with its
  /// size: the lookup is a binary search, so the generator must keep the rows sorted.
  @Test func everyGraphRowIsRead() throws {
    for key in ["bookworm"] + PackageFacts.otherReleaseKeys {
      let graph = try #require(PackageGraph.release(key))
      let path = Self.root.appendingPathComponent(
        "Sources/DockerfileSemantics/Knowledge/PackageGraphs/"
          + "\(key.prefix(1).uppercased() + key.dropFirst()).generated.swift")
      let source = try String(contentsOf: path, encoding: .utf8)
      let body = try #require(source.components(separatedBy: "rows: \"\"\"\n").last)
      let rows = body.components(separatedBy: "\n").prefix { !$0.contains("\"\"\"") }
      #expect(rows.count > 3_000, "\(key)")
      for (id, row) in rows.enumerated() {
        let fields = row.trimmingCharacters(in: .whitespaces).split(separator: " ")
        #expect(fields.count == 4, "\(row)")
        #expect(graph.id(of: String(fields[0])) == id, "\(key) \(row)")
        #expect(graph.size(of: id) == Int(fields[1])! * 1024, "\(key) \(row)")
      }
    }
  }

  /// Each release's index answers for its images, and never for a bookworm image.
  @Test func everyOtherReleaseIsUsedForItsImagesOnly() {
    let images = [
      "bullseye": "debian:bullseye-slim", "xenial": "ubuntu:16.04", "bionic": "ubuntu:18.04",
      "focal": "ubuntu:20.04", "jammy": "buildpack-deps:jammy", "noble": "ubuntu:24.04",
    ]
    #expect(Set(images.keys) == Set(PackageFacts.otherReleaseKeys))
    for (key, image) in images {
      #expect(PackageFacts.index(for: Self.image(image)).key == key, "\(image)")
    }
    #expect(PackageFacts.index(for: Self.image("debian:bookworm")).isBookworm)
  }

  /// Every generated release is reachable (its key has a lazily read index).
  @Test func everyGeneratedReleaseIsReachable() {
    #expect(PackageFacts.otherReleaseKeys.count == 6)
    for key in PackageFacts.otherReleaseKeys {
      #expect(PackageFacts.hasReleaseIndex(key), "\(key)")
    }
  }

  static func image(_ text: String) -> ImageReference? {
    AnalyzedDockerfile(DockerfileParser.parse(path: "Dockerfile", text: "FROM \(text)\n"))
      .finalBaseImage
  }

  @Test func otherReleasesFillInOnlyForTheirImages() throws {
    func index(_ image: String) -> PackageIndex { PackageFacts.index(for: Self.image(image)) }
    #expect(index("ubuntu:18.04").label == "Ubuntu 18.04")
    #expect(index("ubuntu:18.04").graph?.id(of: "python-pip") != nil)
    #expect(index("ubuntu:18.04-custom").label == "Ubuntu 18.04")
    // Another project's copy of ubuntu:18.04 is weighed by 18.04's index too (its base
    // packages are a condition); an image that names no release by bookworm's.
    #expect(index("myorg/ubuntu:18.04").label == "Ubuntu 18.04")
    #expect(index("myorg/base:1").isBookworm)
    #expect(index("myorg/base:1").graph?.id(of: "python-pip") == nil)
    #expect(index("ubuntu:14.04").label == "Ubuntu 16.04" && index("ubuntu:14.04").isStandIn)
    #expect(PackageFacts.releaseIndex(of: Self.image("ubuntu:14.04"))?.isStandIn == true)
    #expect(PackageFacts.releaseIndex(of: Self.image("ubuntu:16.04"))?.isStandIn == false)
    #expect(index("python:3.9-bullseye").label == "Debian bullseye")
    #expect(index("debian:11-slim").graph?.id(of: "libssl1.1") != nil)
  }

  @Test func factsComeFromDebiansIndex() throws {
    var image = try #require(SimulatedAptImage(Self.image("debian:12-slim")))
    let git = image.install(["git"], recommends: true)
    #expect(git.bytes > 5_000_000 && git.largest.contains("openssh-client"))
    // Needed by HTTPS, so a dependency here; a cross compiler's target C library likewise.
    #expect(image.install(["ca-certificates"], recommends: true).bytes == 0)
    #expect(image.install(["gcc-aarch64-linux-gnu"], recommends: true).bytes == 0)
    // What gcc adds without recommends (BL1011's figure), by bookworm's graph: `apt-get -s
    // --no-install-recommends` adds 176,018 KiB, and the C library headers it needs more.
    let gcc = try #require(PackageFacts.installedSize(of: "gcc"))
    #expect(gcc > 176_018 * 1024 && gcc < 176_018 * 1024 + 40_000_000, "\(gcc)")
    #expect(PackageFacts.installedSize(of: "no-such-package") == nil)
    // The buildpack-deps images have curl (and the scm variants git): naming them adds nothing.
    for (install, base) in [("curl", "buildpack-deps:bookworm"), ("git", "golang:1.22-bookworm")] {
      var buildpack = try #require(SimulatedAptImage(Self.image(base)))
      #expect(buildpack.install([install], recommends: true).bytes == 0, "\(base)")
    }
    #expect(PackageFacts.snapshot.hasPrefix("Debian bookworm"))
  }

  @Test func baseImagesMapToKnownPackageSets() {
    func base(_ text: String) -> DebianBase? {
      DebianBase.of(
        AnalyzedDockerfile(DockerfileParser.parse(path: "Dockerfile", text: "FROM \(text)\n"))
          .finalBaseImage)
    }
    #expect(base("debian:bookworm-slim") == .slim)
    #expect(base("debian:12") == .slim)
    #expect(base("debian:13") == nil)
    #expect(base("debian:bullseye-slim") == nil)
    #expect(base("python:3.12-slim") == .slim)
    #expect(base("python:3.12") == .buildpack)
    #expect(base("golang:1.22-bookworm") == .buildpackSCM)
    #expect(base("ubuntu:22.04") == nil)
    #expect(base("node:20-alpine") == nil)
    #expect(base("myorg/debian:12") == nil)
  }
}

@Suite struct AptInstallRecommendsTests {
  @Test func packagesWithoutHeavyRecommendsAreLeftAlone() {
    for text in [
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y ca-certificates && rm -rf /var/lib/apt/lists/*\n",
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl wget && rm -rf /var/lib/apt/lists/*\n",
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y gcc-aarch64-linux-gnu && rm -rf /var/lib/apt/lists/*\n",
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y some-vendor-agent && rm -rf /var/lib/apt/lists/*\n",
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y $PACKAGES && rm -rf /var/lib/apt/lists/*\n",
      // On buildpack-deps the recommends of git are there already.
      "FROM python:3.12\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\n",
    ] {
      #expect(findings(text, rule: "BL1003").isEmpty, "\(text)")
    }
  }

  @Test func heavyRecommendsAreWeighed() throws {
    let text =
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y python3-pip && rm -rf /var/lib/apt/lists/*\n"
    let finding = try #require(findings(text, rule: "BL1003").first)
    #expect(finding.message.contains("what `python3-pip` recommends: 370 MB"))
    #expect(
      finding.message.contains("on `debian:bookworm-slim` (sizes from Debian bookworm's index)"))
    // On an image whose packages ballast does not know, bookworm's figures are a condition,
    // BL1019's (off by default) to say; what several packages recommend alike counts once
    // (`apt-get -s` on debian:12-slim: 366,592 KiB).
    let unknownBase =
      "FROM myorg/base:1\nRUN apt-get update && apt-get install -y git python3-pip && rm -rf /var/lib/apt/lists/*\n"
    #expect(findings(unknownBase, rule: "BL1003").isEmpty)
    let several = try #require(findings(unknownBase, rule: "BL1019").first)
    #expect(
      several.message.contains(
        "recommend, where the base image lacks these packages and their recommends: 375 MB "
          + "(363 MB for `python3-pip`)"), "\(several.message)")
    // On ubuntu:22.04, by Ubuntu 22.04's own index, on the image's manifest (`apt-get -s`:
    // 268,484 KiB, less the manual pages the minimized image leaves out).
    let ubuntu = try #require(
      findings(
        "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y git python3-pip && rm -rf /var/lib/apt/lists/*\n",
        rule: "BL1003"
      ).first)
    #expect(
      ubuntu.message.hasSuffix(
        "recommend: 269 MB (260 MB for `python3-pip`), largest `gcc-11`, `g++-11`, `cpp-11` on "
          + "`ubuntu:22.04` (sizes from Ubuntu 22.04's index)"),
      "\(ubuntu.message)")
  }

  /// Read on tune files: a compiler's C library headers count as what it needs, but what
  /// they recommend in turn (`libc-dev-bin`'s `libc-devtools`, with libgd3's image codecs)
  /// does not.
  @Test func compilersRecommendTheirLibraryTools() throws {
    let gcc = try #require(
      findings(
        "FROM debian:12-slim\nRUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*\n",
        rule: "BL1003"
      ).first)
    #expect(
      gcc.message.contains("what `gcc` recommends: 53 MB, largest `libx265-199`"), "\(gcc.message)")
    var image = try #require(SimulatedAptImage(PackageFactsTests.image("debian:12-slim")))
    #expect(image.install(["libc6-dev"], recommends: true).bytes > 40_000_000)
    #expect(image.install(["gcc-aarch64-linux-gnu"], recommends: true).bytes == 0)
  }

  @Test func variablesWithKnownValuesAreRead() {
    let text =
      "FROM debian:bookworm-slim\nENV TOOLS=\"git python3-pip\"\nRUN apt-get update && apt-get install -y $TOOLS && rm -rf /var/lib/apt/lists/*\n"
    #expect(findings(text, rule: "BL1003").count == 1)
  }
}

@Suite struct LightOrUnknownRecommendsTests {
  static func run(_ install: String, base: String = "debian:12-slim", rule: String = "BL1019")
    -> [Finding]
  {
    findings(
      "FROM \(base)\nRUN apt-get update && \(install) && rm -rf /var/lib/apt/lists/*\n",
      rule: rule)
  }

  @Test func lightRecommendsAreReportedWithTheirSize() throws {
    let finding = try #require(Self.run("apt-get install -y rpm").first)
    #expect(finding.message.contains("what `rpm` recommends: 1.6 MB"), "\(finding.message)")
    #expect(finding.message.contains("on `debian:12-slim`"))
    #expect(finding.fix?.safety == .unsafe)
  }

  /// Read on the held-out files: a package an earlier install put there pulls nothing when it
  /// is named again, nor does one the base image's own Dockerfile installs in every release.
  @Test func packagesAlreadyInTheImageAreNotWeighed() throws {
    let again = "apt-get install -y --no-install-recommends rpm && apt-get install -y rpm"
    #expect(Self.run(again).isEmpty)
    let laterRun = findings(
      "FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends rpm"
        + "\nRUN apt-get install -y rpm vendor-agent\n", rule: "BL1019")
    #expect(laterRun.map(\.message).allSatisfy { !$0.contains("`rpm`") }, "\(laterRun)")
    #expect(laterRun.count == 1)
    // Purged in between, it comes back with its recommends (autoconf recommends automake
    // itself; rpm's come through libdbus-1-3, which the purge leaves, so APT adds none).
    let purged =
      "apt-get install -y --no-install-recommends autoconf && apt-get purge -y autoconf"
      + " && apt-get install -y autoconf"
    #expect(Self.run(purged).count == 1)
    let carrierLeft =
      "apt-get install -y --no-install-recommends rpm && apt-get purge -y rpm"
      + " && apt-get install -y rpm"
    #expect(Self.run(carrierLeft).isEmpty)
    // gcc:14-trixie is buildpack-deps:trixie, which has curl; its release's sizes are unknown.
    #expect(Self.run("apt-get install -y curl", base: "gcc:14-trixie").isEmpty)
    #expect(Self.run("apt-get install -y curl", base: "buildpack-deps:jammy").isEmpty)
    // ubuntu:16.04 is not minimized: krb5-locales unpacks its translations there.
    let ubuntu = try #require(Self.run("apt-get install -y curl", base: "ubuntu:16.04").first)
    #expect(
      ubuntu.message.contains(
        "what `curl` recommends: 3.1 MB, largest `krb5-locales`, `libsasl2-modules` on "
          + "`ubuntu:16.04` (sizes from Ubuntu 16.04's index)"), "\(ubuntu.message)")
  }

  /// Read on the held-out files: `procps` is in every ubuntu image ballast knows (their
  /// published manifests), so installing it there pulls nothing.
  @Test func ubuntuBasePackagesAreThere() {
    #expect(Self.run("apt-get install -y procps", base: "debian:12-slim").count == 1)
    #expect(Self.run("apt-get install -y procps", base: "ubuntu:16.04").isEmpty)
    #expect(Self.run("apt-get install -y procps", base: "ubuntu:xenial-20210804").isEmpty)
    #expect(Self.run("apt-get install -y procps", base: "docker.io/library/ubuntu:22.04").isEmpty)
    // `latest` moves to releases ballast has no manifest of.
    #expect(Self.run("apt-get install -y procps", base: "ubuntu").count == 1)
    #expect(Self.run("apt-get install -y procps curl", base: "ubuntu:22.04").count == 1)
  }

  /// Also read on the held-out files: NodeSource's `nodejs` is not Debian's, a simulated
  /// install installs nothing, and a build-dependency list in a variable can be purged whole.
  @Test func installsThatPullNoRecommendsAreLeftAlone() {
    #expect(Self.run("apt-get install -y nodejs").count == 1)
    let nodeSource =
      "curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs"
    #expect(Self.run(nodeSource).isEmpty)
    let copiedScript = findings(
      "FROM debian:12-slim\nCOPY setup-node-23.x.sh /tmp/\nRUN /tmp/setup-node-23.x.sh\n"
        + "RUN apt-get install -y nodejs && rm -rf /var/lib/apt/lists/*\n", rule: "BL1019")
    #expect(copiedScript.isEmpty)
    #expect(Self.run("apt-get install -y java-17-amazon-corretto-jdk").isEmpty)
    // Microsoft's azure-cli, once its repository is set up, declares no Recommends; Debian's
    // recommends hundreds of MB.
    let azure =
      "echo 'deb https://packages.microsoft.com/repos/azure-cli/ bookworm main'"
      + " > /etc/apt/sources.list.d/azure-cli.list && apt-get update && apt-get install -y azure-cli"
    #expect(Self.run(azure).isEmpty)
    #expect(
      findings(
        "FROM debian:12-slim\nRUN apt-get update && \(azure) && rm -rf /var/lib/apt/lists/*\n",
        rule: "BL1003"
      ).isEmpty)
    #expect(
      findings(
        "FROM debian:12-slim\nRUN apt-get update && apt-get install -y azure-cli && rm -rf /var/lib/apt/lists/*\n",
        rule: "BL1003"
      ).count == 1)
    #expect(Self.run("apt-get install -y java-17-vendor-jdk").count == 1)
    #expect(Self.run("apt-get install -s rpm").isEmpty)
    #expect(Self.run("apt-get install -y --download-only rpm").isEmpty)
    let purged = "apt-get install -y $DEPS && make && apt-get purge -y --auto-remove $DEPS"
    #expect(Self.run(purged).isEmpty)
    let kept = "apt-get install -y $DEPS $KEEP && make && apt-get purge -y --auto-remove $DEPS"
    #expect(Self.run(kept).count == 1)
    let empty = findings(
      "FROM debian:12-slim\nARG KEEP=\nRUN apt-get update && apt-get install -y $DEPS $KEEP"
        + " && make && apt-get purge -y --auto-remove $DEPS && rm -rf /var/lib/apt/lists/*\n",
      rule: "BL1019")
    #expect(empty.isEmpty)
  }

  @Test func packagesBallastCannotWeighAreAConditionNotAClaim() throws {
    let unknown = try #require(Self.run("apt-get install -y vendor-agent").first)
    #expect(
      unknown.message.hasSuffix(
        "also installs whatever `vendor-agent` recommends, if anything (not among ballast's "
          + "packages from Debian bookworm's index)"), "\(unknown.message)")
    let variable = try #require(Self.run("apt-get install -y $PACKAGES").first)
    #expect(variable.message.hasSuffix("whatever `$PACKAGES` recommends, if anything"))
    let file = try #require(Self.run("apt-get install -y ./$deb /tmp/agent.deb").first)
    #expect(file.message.contains("whatever `./$deb`, `/tmp/agent.deb` recommend, if anything"))
    let mixed = try #require(Self.run("apt-get install -y rpm vendor-agent").first)
    #expect(mixed.message.contains("up to 1.6 MB, less what `vendor-agent` brings"))
    #expect(mixed.message.contains("; and whatever `vendor-agent` recommends, if anything"))
    let completes = try #require(Self.run("dpkg -i /tmp/x.deb || apt-get -f install -y").first)
    #expect(completes.message.contains("what the dependencies it completes recommend"))
  }

  @Test func silentWhereNothingWouldChangeOrBL1003Reports() {
    for install in [
      // Nothing recommended that the base lacks, or only what the install needs.
      "apt-get install -y rsync", "apt-get install -y ca-certificates",
      "apt-get install -y gcc-aarch64-linux-gnu",
      // BL1003's: 12 MB; gcc's C library tools (libc-devtools) 53 MB.
      "apt-get install -y git", "apt-get install -y gcc",
      "apt-get install -y --no-install-recommends rpm vendor-agent",
      "apt-get install -y rpm vendor-agent && apt-get purge -y --auto-remove rpm vendor-agent",
      "apt-get -f install -y ./x.deb --no-install-recommends",
    ] {
      #expect(Self.run(install).isEmpty, "\(install)")
    }
    // The same install in a build stage the final image only copies from.
    let stages =
      "FROM debian:12-slim AS build\nRUN apt-get update && apt-get install -y rpm vendor-agent\n"
      + "FROM scratch\nCOPY --from=build /usr/bin/rpm /rpm\n"
    #expect(findings(stages, rule: "BL1019").isEmpty)
    #expect(findings(Self.stagesGit, rule: "BL1003").isEmpty)
  }

  /// Ubuntu 24.04, the release Dockerfiles name most after 22.04: weighed by its own index, on
  /// the packages its image has (derived from the index; `procps` is one of them).
  @Test func ubuntu2404IsWeighedByItsOwnIndex() throws {
    let git = try #require(
      Self.run("apt-get install -y git", base: "ubuntu:24.04", rule: "BL1003").first)
    #expect(
      git.message.hasSuffix(
        "9.4 MB, largest `openssh-client`, `libx11-6`, `libx11-data` on "
          + "`ubuntu:24.04` (sizes from Ubuntu 24.04's index)"), "\(git.message)")
    #expect(Self.run("apt-get install -y procps", base: "ubuntu:24.04").isEmpty)
    #expect(
      UbuntuBase.packages(of: PackageFactsTests.image("ubuntu:noble"))?.contains("procps") == true)
    // ubuntu:14.04 is weighed by 16.04's graph, on its own manifest, which has
    // apt-transport-https and what it recommends (krb5-locales, libsasl2-modules).
    #expect(Self.run("apt-get install -y apt-transport-https", base: "ubuntu:14.04.5").isEmpty)
  }

  /// Read on a noble sample: python3-pip recommends build-essential (gcc, g++, make) and
  /// python3-dev; an install that names build-essential too gets those anyway, and only what
  /// the rest adds counts (`apt-get -s`: 74,013 KiB, with 4 MB of manual pages the minimized
  /// image leaves out).
  @Test func recommendedPackagesTheInstallNamesAreNotCounted() throws {
    let alone = try #require(
      Self.run("apt-get install -y python3-pip", base: "ubuntu:24.04", rule: "BL1003").first)
    #expect(
      alone.message.contains("recommends: 372 MB, largest `gcc-13-x86-64-linux-gnu`"),
      "\(alone.message)")
    let beside = try #require(
      Self.run(
        "apt-get install -y python3-pip build-essential", base: "ubuntu:24.04", rule: "BL1003"
      ).first)
    // What build-essential's own dependencies recommend (libc-devtools) still counts, as
    // build-essential's.
    #expect(
      beside.message.contains(
        "what `python3-pip`, `build-essential` recommend: 70 MB (43 MB for `python3-pip`), "
          + "largest `libpython3.12-dev`, `libpython3.12t64`, `libaom3` on `ubuntu:24.04`"),
      "\(beside.message)")
  }

  /// Read on a noble sample: every -dev package brings libc6-dev, whose libc-devtools (libgd3
  /// and its image codecs) was counted once per package named, 79 MB for what is 20 MB.
  @Test func recommendsSharedByTheNamedPackagesAreCountedOnce() throws {
    let shared = try #require(
      Self.run(
        "apt-get install -y libncurses-dev libc6-dev libxml2-dev libsqlite3-dev",
        base: "ubuntu:24.04", rule: "BL1003"
      ).first)
    #expect(
      shared.message.contains("what `libncurses-dev` recommends: 20 MB, largest `libaom3`"),
      "\(shared.message)")
  }

  /// Read on tune files: without `-y` APT asks before it adds anything beyond the named
  /// packages, and a build cannot answer, so no recommends are added (BL4086 reports the install).
  @Test func installsThatStopToAskAddNoRecommends() {
    let asking = "FROM debian:12-slim\nRUN apt-get update && apt-get install git vendor-agent\n"
    #expect(findings(asking, rule: "BL1003").isEmpty)
    #expect(findings(asking, rule: "BL1019").isEmpty)
    #expect(findings(asking, rule: "BL4086").count == 1)
    // Something answers: `-qq` implies `-y`, `yes |` answers on standard input.
    #expect(Self.run("apt-get -qq install rpm").count == 1)
    #expect(Self.run("yes | apt-get install rpm").count == 1)
    #expect(
      findings("FROM debian:12-slim\nRUN apt-get -qq install git\n", rule: "BL1003").count == 1)
  }

  /// Read on held-out files: curl only recommends ca-certificates, without which the next
  /// `curl https://…` fails; `--no-install-recommends` leaves it out, so the help and the fix
  /// name it.
  @Test func recommendsTheBuildNeedsAreNamedByTheFix() throws {
    let text =
      "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl git"
      + " && rm -rf /var/lib/apt/lists/*\n"
    let finding = try #require(findings(text, rule: "BL1003").first)
    #expect(finding.help?.contains("name `ca-certificates`, which the install only") == true)
    let outcome = Fixer(
      linter: BuiltinRules.linter, options: FixOptions(includeUnsafe: true, rules: ["BL1003"])
    ).fix(SourceFile(path: "Dockerfile", text: text), configuration: .enabling("BL1003"))
    #expect(
      String(decoding: outcome.fixed.bytes, as: UTF8.self).contains(
        "apt-get install --no-install-recommends -y curl git ca-certificates &&"))
    // Named, or there already: nothing to add.
    for (install, base) in [
      ("apt-get install -y curl git ca-certificates", "debian:12-slim"),
      ("apt-get install -y git", "buildpack-deps:bookworm-curl"),
    ] {
      let named = Self.run(install, base: base, rule: "BL1003").first
      #expect(named.map { $0.help?.contains("ca-certificates") == false } ?? true, "\(install)")
    }
  }

  /// Read on held-out files: another project's image that names its release in its tag is
  /// weighed by that release's index (Ubuntu's hard dependencies are not Debian's), on its base
  /// as a condition.
  @Test func anotherProjectsImageIsWeighedByTheReleaseItsTagNames() throws {
    for (base, index) in [
      ("mcr.microsoft.com/dotnet/sdk:8.0-noble", "Ubuntu 24.04"),
      ("nvidia/cuda:12.4.1-devel-ubuntu22.04", "Ubuntu 22.04"),
      ("myorg/base:bullseye-20240101", "Debian bullseye"),
      ("ubuntu.azurecr.io/ubuntu:24.04", "Ubuntu 24.04"),
      ("myorg/debian:11-slim", "Debian bullseye"),
      ("myorg/base:1", "Debian bookworm"),
      // A Debian release before bullseye: bullseye's stands in (an official image's release
      // is known: the names installed do not move it to Ubuntu's).
      ("python:3.9-slim-buster", "Debian bullseye's index (the nearest release ballast has)"),
      ("debian:jessie", "Debian bullseye's index (the nearest release ballast has)"),
      (
        "mcr.microsoft.com/azure-functions/python:4-python3.7-slim-buster",
        "Debian bullseye's index (the nearest release ballast has)"
      ),
      // A release after 24.04: 24.04's index, the nearest, stands in.
      ("ubuntu:26.04", "Ubuntu 24.04's index (the nearest release ballast has)"),
      (
        "dotnet/prereqs:ubuntu-26.04-helix",
        "Ubuntu 24.04's index (the nearest release ballast has)"
      ),
    ] {
      let finding = try #require(Self.run("apt-get install -y git", base: base).first)
      let source = index.hasSuffix(")") ? index : "\(index)'s index"
      #expect(
        finding.message.contains("where the base image lacks these packages")
          && finding.message.hasSuffix("by \(source)"), "\(finding.message)")
    }
    // Where nothing tells the release, the names may: libasound2t64 is Ubuntu 24.04's (its
    // 64-bit time transition), not bookworm's.
    let named = try #require(
      Self.run("apt-get install -y libasound2t64 xvfb", base: "mcr.microsoft.com/dotnet/sdk:$TAG")
        .first)
    #expect(named.message.hasSuffix("by Ubuntu 24.04's index"), "\(named.message)")
    #expect(named.message.contains("largest `mesa-vulkan-drivers`"), "\(named.message)")
  }

  /// Read on held-out files: Qt's translations unpack under /usr/share/qt5, which minimized
  /// images keep; only manual pages, documentation and message catalogues weigh nothing there.
  @Test func translationsOutsideTheLocaleFolderCount() throws {
    let qt = try #require(
      Self.run("apt-get install -y libqt5widgets5", base: "ubuntu:18.04", rule: "BL1003").first)
    // `apt-get -s`: 76,500 KiB, qttranslations5-l10n 12 MB of it.
    #expect(
      qt.message.contains(
        "recommends: 78 MB, largest `humanity-icon-theme`, `qttranslations5-l10n`"),
      "\(qt.message)")
  }

  /// Read on held-out files: a later install that needs what this one only recommends
  /// (`php7.0-dev` the libtool of `unixodbc-dev`) brings it anyway; what the flag keeps out of
  /// the image is what counts, and nothing when a later install brings all of it.
  @Test func whatLaterInstallsBringAnywayIsNotKeptOut() throws {
    let part = try #require(
      findings(
        "FROM debian:12-slim\nRUN apt-get update && apt-get install -y git\n"
          + "RUN apt-get install -y --no-install-recommends openssh-client"
          + " && rm -rf /var/lib/apt/lists/*\n", rule: "BL1003"
      ).first)
    #expect(
      part.message.contains(
        "what `git` recommends: 12 MB, 6.8 MB of which later installs bring anyway, largest "
          + "`libx11-data`, `libx11-6`, `publicsuffix`"), "\(part.message)")
    let all = findings(
      "FROM debian:12-slim\nRUN apt-get update && apt-get install -y autoconf\n"
        + "RUN apt-get install -y --no-install-recommends automake && rm -rf /var/lib/apt/lists/*\n",
      rule: "BL1019")
    #expect(all.isEmpty, "\(all)")
    // A later `apt-get build-dep` installs what ballast cannot see.
    let buildDep = try #require(
      Self.run("apt-get install -y groff && apt-get build-dep -y git", rule: "BL1003").first)
    #expect(
      buildDep.message.contains(
        "recommends: 210 MB, less what later installs ballast cannot weigh may bring anyway"),
      "\(buildDep.message)")
  }

  /// Read on tune files: the official php image keeps the compilers `docker-php-ext-install`
  /// needs (libc-dev among them, installed without recommends): what they would recommend is
  /// not brought by a later -dev package (`apt-get -s`: only libpng-tools, 197 KB).
  @Test func theOfficialPhpImageHasItsBuildTools() {
    let install = "apt-get install -y libfreetype6-dev"
    #expect(Self.run(install, base: "php:8-apache", rule: "BL1003").isEmpty)
    #expect(
      Self.run(install, base: "php:8-apache").first?.message.contains(
        "recommends: 197 KB, largest `libpng-tools`") == true)
    #expect(Self.run(install, base: "debian:12-slim", rule: "BL1003").count == 1)
  }

  static let stagesGit =
    "FROM debian:12-slim AS build\nRUN apt-get update && apt-get install -y git\n"
    + "FROM scratch\nCOPY --from=build /usr/bin/git /git\n"

  /// Read on held-out files: names Debian bookworm no longer has are weighed by the index of
  /// the image's own release; what recommends nothing there is left alone.
  @Test func otherReleasesWeighNamesBookwormLacks() throws {
    // Python 2's setuptools pulls mime-support's recommends (file, xz-utils) on ubuntu:18.04.
    let setuptools = findings(
      "FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y python-setuptools"
        + " && rm -rf /var/lib/apt/lists/*\n", rule: "BL1003")
    #expect(
      setuptools.first?.message.hasSuffix(
        "on `ubuntu:18.04` (sizes from Ubuntu 18.04's index)") == true, "\(setuptools)")
    #expect(setuptools.first?.message.contains("largest `libmagic-mgc`") == true)
    #expect(Self.run("apt-get install -y libtiff5", base: "ubuntu:20.04").isEmpty)
    // ubuntu:14.04's index is no longer published: 16.04's stands in, its sizes a condition,
    // on 14.04's own manifest (243 MB on 16.04's image; 14.04's has more of what pip's
    // recommends pull, python3 and perl's modules among them).
    #expect(Self.run("apt-get install -y libtiff5", base: "ubuntu:14.04").isEmpty)
    let trusty = findings(
      "FROM ubuntu:14.04\nRUN apt-get update && apt-get install -y python-pip"
        + " && rm -rf /var/lib/apt/lists/*\n", rule: "BL1019")
    #expect(
      trusty.first?.message.contains(
        "where the base image lacks these packages and their recommends: 194 MB") == true,
      "\(trusty)")
    #expect(
      trusty.first?.message.hasSuffix(
        "by Ubuntu 16.04's index (the nearest release ballast has)") == true)
    let vendor = try #require(
      Self.run("apt-get install -y mssql-tools18", base: "ubuntu:22.04").first)
    #expect(
      vendor.message.hasSuffix(
        "whatever `mssql-tools18` recommends, if anything (not among ballast's packages from "
          + "Ubuntu 22.04's index)"), "\(vendor.message)")
  }

  /// Read on held-out files: APT adds the Recommends of what it installs, not of what is there
  /// already, so what an earlier install brought (curl's `libpsl5`, python's `mime-support`)
  /// recommends nothing more to a later one.
  @Test func recommendsOfWhatIsThereAlreadyAreNotAdded() {
    let later = findings(
      "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n"
        + "RUN apt-get install -y wget && rm -rf /var/lib/apt/lists/*\n", rule: "BL1019")
    #expect(later.count == 1 && later[0].message.contains("what `curl` recommends"), "\(later)")
    #expect(Self.run("apt-get install -y wget").count == 1)
    let python = findings(
      "FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y python\n"
        + "RUN apt-get install -y python-setuptools && rm -rf /var/lib/apt/lists/*\n",
      rule: "BL1003")
    #expect(
      python.count == 1 && python[0].message.contains("what `python` recommends"), "\(python)")
    // What an earlier install brought is not counted again (`apt-get -s`: 13,659 KiB, with
    // ca-certificates and openssl, which HTTPS needs).
    let afterPlain = findings(
      "FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl"
        + "\nRUN apt-get install -y git && rm -rf /var/lib/apt/lists/*\n", rule: "BL1003")
    #expect(
      afterPlain.first?.message.contains(
        "what `git` recommends: 11 MB, largest `openssh-client`, `libx11-data`, `libx11-6`")
        == true,
      "\(afterPlain)")
    // What an earlier install ballast cannot weigh brought may be some of it: a bound.
    let bound = findings(
      "FROM debian:12-slim\nRUN apt-get update && apt-get install -y vendor-agent"
        + "\nRUN apt-get install -y git && rm -rf /var/lib/apt/lists/*\n", rule: "BL1003")
    #expect(
      bound.first?.message.contains(
        "what `git` recommends: up to 12 MB, less what earlier installs put there, largest")
        == true,
      "\(bound)")
    // Everything autoconf recommends is named in the same install.
    #expect(Self.run("apt-get install -y autoconf automake autotools-dev").isEmpty)
    // And automake depends on autotools-dev: naming automake brings all of it (`apt-get -s`
    // installs the same four packages with and without recommends).
    #expect(Self.run("apt-get install -y autoconf automake").isEmpty)
    #expect(Self.run("apt-get install -y autoconf").count == 1)
  }

  /// Read on held-out files: a package the same RUN purges with `--auto-remove` takes its
  /// recommends with it, whatever else the install keeps.
  @Test func packagesPurgedWithTheirDependenciesLeaveNoRecommends() {
    let purged = "apt-get install -y wget rsync && wget x && apt-get purge -y --auto-remove wget"
    #expect(Self.run(purged).isEmpty)
    let kept = "apt-get install -y wget rpm && wget x && apt-get purge -y --auto-remove wget"
    let finding = Self.run(kept).first
    #expect(
      finding?.message.contains("what `rpm` recommends") == true, "\(String(describing: finding))")
    #expect(finding?.message.contains("`wget`") == false)
  }

  /// Read on held-out files: copies of the official images on other registries are the
  /// official images.
  @Test func mirrorsOfOfficialImagesAreKnown() {
    for base in [
      "public.ecr.aws/ubuntu/ubuntu:18.04", "mirror.gcr.io/library/ubuntu:18.04",
      "mcr.microsoft.com/mirror/docker/library/ubuntu:18.04", "docker.io/library/ubuntu:18.04",
    ] {
      let finding = findings(
        "FROM \(base)\nRUN apt-get update && apt-get install -y python-setuptools"
          + " && rm -rf /var/lib/apt/lists/*\n", rule: "BL1003"
      ).first
      #expect(finding?.message.contains("(sizes from Ubuntu 18.04's index)") == true, "\(base)")
    }
    // Other projects' copies: their packages are unknown, so BL1003 says nothing and BL1019
    // puts it as a condition, by the index of the release the name and tag tell.
    for base in ["public.ecr.aws/acme/ubuntu:18.04", "ghcr.io/library/ubuntu:18.04"] {
      #expect(
        Self.run("apt-get install -y python-setuptools", base: base, rule: "BL1003").isEmpty,
        "\(base)")
      let message = Self.run("apt-get install -y python-setuptools", base: base).first?.message
      #expect(
        message?.contains("where the base image lacks these packages") == true
          && message?.hasSuffix("by Ubuntu 18.04's index") == true, "\(base)")
    }
  }

  /// Read on held-out files: after `dpkg -i x.deb &&`, `apt-get -f install` runs only when no
  /// dependency was missing, so it completes nothing.
  @Test func fixBrokenAfterASuccessfulDpkgCompletesNothing() {
    #expect(Self.run("dpkg -i /tmp/x.deb && apt-get -f install -y").isEmpty)
    #expect(Self.run("dpkg -i /tmp/x.deb && rm /tmp/x.deb && apt-get install -fy").isEmpty)
    #expect(Self.run("dpkg -i /tmp/x.deb; apt-get -f install -y").count == 1)
    #expect(Self.run("(dpkg -i /tmp/x.deb || true) && apt-get -f install -y").count == 1)
  }

  @Test func offByDefault() {
    #expect(!ruleIDs("FROM debian:12-slim\nRUN apt-get install -y rpm\n").contains("BL1019"))
  }
}
