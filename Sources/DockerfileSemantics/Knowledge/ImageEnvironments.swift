import DockerfileSyntax

/// Which environment variables a base image sets, for the images where ballast knows every
/// name (read from their Dockerfiles in docker-library and the distributions' image
/// builders). Each list is a superset over the image's tags and history: a name that some
/// tag once set is listed, so a variable ballast calls unset is unset in every tag. Images
/// not listed are unknown: a variable may come from them.
public enum ImageEnvironmentKnowledge {
  /// Lower-cased repository paths (as `ImageUserKnowledge.normalizedPath` gives them) and the
  /// names of the variables their images set besides `PATH`.
  static let environments: [String: [String]] = [
    // Distribution bases built `FROM scratch` with a root file system and no ENV.
    "alpine": [], "busybox": [], "debian": [], "ubuntu": [], "centos": [], "oraclelinux": [],
    "amazonlinux": [], "amazonlinux/amazonlinux": [],
    // docker-library/golang, Linux tags (the 1.4–1.6 era download variables included).
    "golang": [
      "GOLANG_VERSION", "GOPATH", "GOTOOLCHAIN", "GOLANG_SRC_URL", "GOLANG_SRC_SHA256",
      "GOLANG_DOWNLOAD_URL", "GOLANG_DOWNLOAD_SHA256",
    ],
    // docker-library/node (NPM_CONFIG_LOGLEVEL in the Node 4–8 era tags).
    "node": ["NODE_VERSION", "YARN_VERSION", "NPM_CONFIG_LOGLEVEL"],
    // docker-library/python, Linux tags (pip and setuptools pins of older tags included).
    "python": [
      "LANG", "GPG_KEY", "PYTHON_VERSION", "PYTHON_SHA256", "PYTHON_PIP_VERSION",
      "PYTHON_SETUPTOOLS_VERSION", "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256",
      "PYTHON_RELEASE", "PYTHONIOENCODING",
    ],
    // rust-lang/docker-rust.
    "rust": ["RUSTUP_HOME", "CARGO_HOME", "RUST_VERSION"],
    // docker-library/ruby.
    "ruby": [
      "LANG", "RUBY_MAJOR", "RUBY_VERSION", "RUBY_DOWNLOAD_SHA256", "RUBY_DOWNLOAD_URL",
      "RUBYGEMS_VERSION", "BUNDLER_VERSION", "GEM_HOME", "BUNDLE_SILENCE_ROOT_WARNING",
      "BUNDLE_APP_CONFIG", "BUNDLE_PATH", "BUNDLE_BIN",
    ],
    // nginxinc/docker-nginx.
    "nginx": [
      "NGINX_VERSION", "NJS_VERSION", "NJS_RELEASE", "PKG_RELEASE", "DYNPKG_RELEASE",
      "ACME_VERSION",
    ],
    // adoptium/containers.
    "eclipse-temurin": ["JAVA_HOME", "LANG", "LANGUAGE", "LC_ALL", "JAVA_VERSION"],
  ]

  /// Registries that serve Docker Hub's images under their own paths.
  static let hubRegistries: Set<String> = [
    "docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com",
    "mirror.gcr.io",
  ]

  /// The name of the Docker Hub official image `image` is (`ubuntu` for `ubuntu`,
  /// `docker.io/library/ubuntu`, `mirror.gcr.io/library/ubuntu`,
  /// `public.ecr.aws/docker/library/ubuntu`, `mcr.microsoft.com/mirror/docker/library/ubuntu`,
  /// and Canonical's and Debian's own copies `public.ecr.aws/ubuntu/ubuntu` and
  /// `public.ecr.aws/debian/debian`); nil for other images.
  public static func officialName(of image: ImageReference) -> String? {
    let repository = image.repository.lowercased()
    let parts = repository.parts(separatedBy: UInt8(ascii: "/"))
    switch image.registry?.lowercased() {
    case nil:
      // `docker.io/library/x` without a registry part parses as a repository path.
      guard
        parts.count == 1 || repository.hasPrefix("library/") && parts.count == 2
          || repository.hasPrefix("docker.io/library/") && parts.count == 3
      else { return nil }
    case let registry? where hubRegistries.contains(registry):
      guard parts.count == 1 || repository.hasPrefix("library/") && parts.count == 2 else {
        return nil
      }
    case "public.ecr.aws":
      let distribution = ["ubuntu/ubuntu", "debian/debian"].contains(repository)
      guard distribution || repository.hasPrefix("docker/library/") && parts.count == 3 else {
        return nil
      }
    case "mcr.microsoft.com":
      guard repository.hasPrefix("mirror/docker/library/"), parts.count == 4 else { return nil }
    default:
      return nil
    }
    return image.imageName
  }

  /// The images `environment(of:)` knows, sorted, for documentation and tests.
  public static var knownImages: [String] { environments.keys.sorted() }

  /// The names `image` sets in its environment besides `PATH` (which BuildKit sets on every
  /// Linux image), or nil when ballast does not know them all. Windows tags are unknown.
  public static func environment(of image: ImageReference) -> [String]? {
    if image.isScratch { return [] }
    guard !image.isWindows else { return nil }
    let repository = image.repository.lowercased()
    if let registry = image.registry?.lowercased() {
      // Amazon's gallery serves Docker Hub's official images and its own Amazon Linux.
      let gallery =
        registry == "public.ecr.aws"
        && (repository.hasPrefix("docker/library/") || repository == "amazonlinux/amazonlinux")
      guard hubRegistries.contains(registry) || gallery else { return nil }
    } else if repository.parts(separatedBy: UInt8(ascii: "/")).count > 2 {
      return nil
    }
    return environments[ImageUserKnowledge.normalizedPath(image)]
  }
}
