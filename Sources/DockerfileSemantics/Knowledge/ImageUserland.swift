/// What programs a base image's own user land provides, from its name and tag: the shell
/// behind `/bin/sh`, whether `bash` is there, which `wget` a RUN gets.
public enum ImageUserland: Sendable, Equatable {
  /// A GNU system: Debian, Ubuntu, the Red Hat family, SUSE, Arch and the official images
  /// built on them. `bash` is installed; a `wget` or `tar` is the GNU one.
  case gnu
  /// BusyBox: Alpine and `busybox`. `/bin/sh` is BusyBox `ash` (which has `pipefail`),
  /// `wget` is BusyBox's unless GNU wget is installed, there is no `bash`.
  case busybox
  /// Windows images: `cmd` or PowerShell, no POSIX shell.
  case windows
  /// No shell at all (`scratch`, distroless, chainguard static).
  case none
  /// An image ballast knows nothing about.
  case unknown
}

extension BaseImageKnowledge {
  /// Distributions and official images whose default tags are GNU systems (their `-alpine`
  /// tags are not; see ``userland(of:)``).
  static let gnuImages: Set<String> = [
    "debian", "ubuntu", "fedora", "centos", "rockylinux", "almalinux", "amazonlinux",
    "oraclelinux", "ubi7", "ubi8", "ubi9", "ubi10", "ubi8-minimal", "ubi9-minimal", "ubi",
    "ubi-minimal", "leap", "tumbleweed", "archlinux", "kalilinux", "buildpack-deps", "python",
    "node", "golang", "ruby", "php", "perl", "openjdk", "eclipse-temurin", "amazoncorretto",
    "maven", "gradle", "rust", "gcc", "swift", "haskell", "elixir", "erlang", "r-base",
    "julia", "clojure", "groovy", "nginx", "httpd", "postgres", "mysql", "mariadb", "redis",
    "mongo", "rabbitmq", "tomcat", "jenkins", "wordpress", "sdk", "aspnet", "runtime",
    "runtime-deps", "cuda", "pytorch", "tensorflow", "jupyter", "miniconda3", "anaconda3",
    "texlive", "sapmachine", "ibm-semeru-runtimes", "pypy", "composer", "drupal", "ghost",
    "odoo", "neurodebian", "mono", "dart", "ros",
  ]

  /// What user land an image has, from its repository name and tag.
  public static func userland(of image: ImageReference) -> ImageUserland {
    if image.isScratch || isStaticRuntime(image) { return .none }
    if image.isWindows { return .windows }
    let repository = image.repository.lowercased()
    if repository.includes("distroless") { return .none }
    let name = image.imageName
    let tag = (image.tag ?? "").lowercased()
    if name == "alpine" || name == "busybox" || tag.includes("alpine") || tag.includes("busybox") {
      return .busybox
    }
    // `mcr.microsoft.com/dotnet/sdk` and the like; other registries' `sdk` images are unknown.
    if ["sdk", "aspnet", "runtime", "runtime-deps"].contains(name) {
      return repository.includes("dotnet") ? .gnu : .unknown
    }
    if name == "ubi" || name.hasPrefix("ubi") && name.dropFirst(3).allSatisfy(\.isNumber) {
      return .gnu
    }
    return gnuImages.contains(name) ? .gnu : .unknown
  }
}
