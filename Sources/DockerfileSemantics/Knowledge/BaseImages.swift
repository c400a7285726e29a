/// What ballast knows about common base image families: which are build (SDK/compiler)
/// images, roughly how large they are, and what lighter image runs the result.
public struct BuildImageFamily: Sendable {
  /// Lower-case image names (last path component) of the family.
  public var names: [String]
  /// What is heavy in it, for messages.
  public var contents: String
  /// Approximate uncompressed size of a typical tag.
  public var approximateSize: String
  /// The lighter image to run the result on.
  public var runtime: String
  /// Tags that are runtime variants of the same image (`jre`, `slim` for swift).
  public var runtimeTagMarkers: [String]
  /// The size of `-alpine` tags where it differs much from `approximateSize`.
  public var approximateAlpineSize: String? = nil

  /// The approximate size of the family's image with this tag.
  public func approximateSize(tag: String?) -> String {
    guard let alpine = approximateAlpineSize, tag?.lowercased().includes("alpine") == true else {
      return approximateSize
    }
    return alpine
  }
}

public enum BaseImageKnowledge {
  public static let buildFamilies: [BuildImageFamily] = [
    BuildImageFamily(
      names: ["golang"], contents: "the Go toolchain and sources", approximateSize: "~800 MB",
      runtime: "`scratch` or `gcr.io/distroless/static` (~2 MB) with a static binary",
      runtimeTagMarkers: [], approximateAlpineSize: "~250 MB"),
    BuildImageFamily(
      names: ["rust"], contents: "rustc, cargo and a C toolchain", approximateSize: "~1.5 GB",
      runtime:
        "`gcr.io/distroless/cc` or `debian:*-slim` (~30–80 MB), or `scratch` with a musl build",
      runtimeTagMarkers: []),
    BuildImageFamily(
      names: ["gcc", "clang"], contents: "compilers, headers and build tools",
      approximateSize: "~1.2 GB",
      runtime: "`debian:*-slim` (~75 MB), or `scratch` with a static binary", runtimeTagMarkers: []),
    // Only the plain tags carry compilers; `-curl` and `-scm` are Debian plus download tools.
    BuildImageFamily(
      names: ["buildpack-deps"], contents: "compilers, headers and -dev libraries",
      approximateSize: "~800 MB",
      runtime: "`debian:*-slim` (~75 MB), or the `-curl` variant if you only need downloads",
      runtimeTagMarkers: ["curl", "scm"]),
    BuildImageFamily(
      names: ["maven", "gradle"], contents: "a JDK, the build tool and its caches",
      approximateSize: "~500–750 MB",
      runtime: "`eclipse-temurin:*-jre` (~200–270 MB) or `gcr.io/distroless/java`",
      runtimeTagMarkers: []),
    BuildImageFamily(
      names: ["openjdk", "eclipse-temurin", "amazoncorretto", "ibm-semeru-runtimes", "sapmachine"],
      contents: "a full JDK (compiler, tools, sources)", approximateSize: "~400–500 MB",
      runtime: "a JRE image such as `eclipse-temurin:*-jre` (~200–270 MB)",
      runtimeTagMarkers: ["jre"], approximateAlpineSize: "~100–350 MB"),
    BuildImageFamily(
      names: ["sdk"], contents: "the .NET SDK", approximateSize: "~750 MB",
      runtime:
        "`mcr.microsoft.com/dotnet/runtime` or `aspnet` (~200 MB), or `runtime-deps` for self-contained apps",
      runtimeTagMarkers: []),
    BuildImageFamily(
      names: ["swift"], contents: "the Swift toolchain", approximateSize: "~1.5 GB",
      runtime: "`swift:*-slim` (~200 MB), or `ubuntu` with `--static-swift-stdlib`",
      runtimeTagMarkers: ["slim"]),
    BuildImageFamily(
      names: ["haskell"], contents: "GHC, cabal and stack", approximateSize: "~2 GB",
      runtime: "`debian:*-slim` with the compiled binary", runtimeTagMarkers: []),
    BuildImageFamily(
      names: ["elixir"], contents: "Erlang/OTP and the Elixir build tools",
      approximateSize: "~1 GB",
      runtime: "`debian:*-slim` or `alpine` with a `mix release`", runtimeTagMarkers: []),
  ]

  /// The build family of an image, nil when it is not a build image.
  public static func buildFamily(of image: ImageReference) -> BuildImageFamily? {
    let name = image.imageName
    let tag = (image.tag ?? "").lowercased()
    if name == "sdk" && !image.repository.lowercased().includes("dotnet") { return nil }
    if name == "dotnet" && tag.includes("sdk") {
      return buildFamilies.first { $0.names.contains("sdk") }
    }
    guard let family = buildFamilies.first(where: { $0.names.contains(name) }) else { return nil }
    if family.runtimeTagMarkers.contains(where: { tag.includes($0) }) { return nil }
    return family
  }

  /// Static runtime images with no libc (the Go/Rust static-binary targets).
  public static func isStaticRuntime(_ image: ImageReference) -> Bool {
    if image.isScratch { return true }
    let repository = image.repository.lowercased()
    return repository.hasSuffix("distroless/static")
      || repository.hasSuffix("distroless/static-debian11")
      || repository.hasSuffix("distroless/static-debian12") || repository == "chainguard/static"
      || repository.hasSuffix("/chainguard/static")
  }

  /// Docker's default PATH for images that set none.
  public static let defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
}
