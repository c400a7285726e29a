import DockerfileSemantics
import Testing

/// The generated dependency graphs and the apt simulation on them, checked against what
/// `apt-get -s` installs on debian:12-slim.
@Suite struct PackageGraphTests {
  let graph = PackageGraph.release("bookworm")!

  func names(_ ids: some Sequence<Int>) -> Set<String> { Set(ids.map(graph.name(of:))) }

  @Test func everyReleaseHasAGraphWithItsBaseImage() throws {
    for key in ["bookworm", "bullseye", "xenial", "bionic", "focal", "jammy", "noble"] {
      let release = try #require(PackageGraph.release(key), "\(key)")
      #expect(release.key == key)
      let apt = try #require(release.id(of: "apt"), "\(key)")
      #expect(release.baseImage.contains(apt), "\(key)")
      #expect(release.id(of: "no-such-package") == nil)
    }
    #expect(PackageGraph.release("trusty") == nil)
  }

  /// `apt-get -s install autoconf`: autoconf and m4, and with recommends automake and
  /// autotools-dev (perl and debianutils are in the base image).
  @Test func anInstallAddsWhatIsMissingAndWithRecommendsWhatTheyRecommend() throws {
    let autoconf = try #require(graph.id(of: "autoconf"))
    let plain = graph.install([autoconf], on: graph.baseImage, recommends: false)
    #expect(names(plain.joined()) == ["autoconf", "m4"])
    let full = graph.install([autoconf], on: graph.baseImage, recommends: true)
    #expect(names(full.joined()) == ["autoconf", "m4", "automake", "autotools-dev"])
    // What the base or an earlier install has is not added again.
    let m4 = try #require(graph.id(of: "m4"))
    let later = graph.install([autoconf], on: graph.baseImage.union([m4]), recommends: false)
    #expect(names(later.joined()) == ["autoconf"])
  }

  /// `curl` recommends nothing but what libcurl4 needs for HTTPS, ca-certificates, which
  /// counts as a dependency unless asked not to (as `--no-install-recommends` leaves it out).
  @Test func recommendsABuildNeedsCountAsDependencies() throws {
    let curl = try #require(graph.id(of: "curl"))
    let plain = names(graph.install([curl], on: graph.baseImage, recommends: false).joined())
    #expect(plain.contains("ca-certificates") && plain.contains("openssl"))
    let strict = names(
      graph.install([curl], on: graph.baseImage, recommends: false, needed: false).joined())
    #expect(!strict.contains("ca-certificates") && strict.contains("libcurl4"))
  }

  /// A dependency group is met by any of its alternatives already there; else apt takes the
  /// first (`default-mta | mail-transport-agent`: exim4 unless postfix is installed).
  @Test func analternativeAlreadyThereMeetsTheGroup() throws {
    let mailutils = try #require(graph.id(of: "mailutils"))
    let postfix = try #require(graph.id(of: "postfix"))
    let withPostfix = names(
      graph.install([mailutils], on: graph.baseImage.union([postfix]), recommends: true)
        .joined())
    #expect(!withPostfix.contains("exim4-daemon-light"))
    let alone = names(graph.install([mailutils], on: graph.baseImage, recommends: true).joined())
    #expect(alone.contains("exim4-daemon-light"))
  }

  /// Each named package answers for what the packages it brought recommend.
  @Test func recommendationsAreChargedToThePackageThatBroughtThem() throws {
    var image = try #require(SimulatedAptImage(nil))
    let added = image.install(["python3-pip", "build-essential"], recommends: true)
    #expect(Set(added.byPackage.map(\.name)) == ["python3-pip", "build-essential"])
    // `apt-get -s` adds 101,387 KiB more with recommends than without.
    #expect(abs(added.bytes - 101_387 * 1024) < 2_000_000, "\(added.bytes)")
    #expect(added.largest.first == "libpython3.11-dev")
    // The image now has them: naming them again adds nothing.
    #expect(image.install(["python3-pip"], recommends: true).bytes == 0)
  }
}
