import DockerfileSyntax

/// Which user an image runs as when the Dockerfile built on it sets none.
public enum DefaultUser: Sendable, Equatable {
  /// The image sets no USER: processes run as uid 0.
  case root
  /// The image's own Dockerfile sets a non-root USER (`nonroot`, `1001`, `ContainerUser`).
  case nonRoot(String)
  /// The image starts as root and its entrypoint switches to `user` (`gosu`, `su-exec`,
  /// s6-overlay), as long as a later Dockerfile keeps that ENTRYPOINT.
  case dropsPrivileges(String)
  /// ballast does not know the image.
  case unknown
}

/// Facts about images' default users, read from their Dockerfiles (docker-library, vendors'
/// repositories). Lists, not logic: names are lower-cased repository paths.
public enum ImageUserKnowledge {
  /// Docker Official Images (and the distribution bases everyone starts from) that set no
  /// USER. Official images not listed here are `unknown`, never guessed.
  static let rootImages: Set<String> = [
    "alpine", "almalinux", "amazonlinux", "archlinux", "busybox", "centos", "clearlinux",
    "debian", "fedora", "gentoo/stage3", "opensuse/leap", "opensuse/tumbleweed", "oraclelinux",
    "photon", "rockylinux", "ubuntu", "scratch", "buildpack-deps", "python", "pypy", "node",
    "golang", "rust", "ruby", "php", "perl", "openjdk", "eclipse-temurin", "amazoncorretto",
    "ibm-semeru-runtimes", "sapmachine", "maven", "gradle", "erlang", "elixir", "haskell",
    "julia", "swift", "gcc", "clojure", "dart", "r-base", "nginx", "httpd", "tomcat", "traefik",
    "registry", "docker", "drupal", "joomla", "composer", "bash", "redhat/ubi8", "redhat/ubi9",
    "redhat/ubi10", "redhat/ubi8-minimal", "redhat/ubi9-minimal", "redhat/ubi10-minimal",
    "ubi8/ubi", "ubi9/ubi", "ubi8/ubi-minimal", "ubi9/ubi-minimal", "ubi10/ubi",
    "ubi10/ubi-minimal", "ubi8/ubi-micro", "ubi9/ubi-micro",
    // Microsoft's images: root unless the tag is a chiseled one (see `defaultUser(of:)`).
    "dotnet/runtime", "dotnet/aspnet", "dotnet/runtime-deps", "dotnet/sdk",
    "dotnet/core/runtime", "dotnet/core/aspnet", "dotnet/core/runtime-deps", "dotnet/core/sdk",
    "windows/servercore", "windows/server", "windows", "microsoft/windowsservercore",
    "azurelinux/base/core", "cbl-mariner/base/core",
  ]

  /// Images whose Dockerfile ends with a non-root USER.
  static let nonRootImages: [String: String] = [
    "haproxy": "haproxy", "memcached": "memcache", "sonarqube": "sonarqube",
    "elasticsearch": "elasticsearch", "kibana": "kibana", "logstash": "logstash",
    "solr": "solr", "jetty": "jetty", "groovy": "groovy", "odoo": "odoo", "adminer": "adminer",
    "elasticsearch/elasticsearch": "elasticsearch", "kibana/kibana": "kibana",
    "logstash/logstash": "logstash", "jenkins/jenkins": "jenkins",
    "jenkins/inbound-agent": "jenkins", "jenkins/agent": "jenkins",
    "nginxinc/nginx-unprivileged": "nginx",
    "grafana/grafana": "grafana", "grafana/grafana-oss": "grafana",
    "prom/prometheus": "nobody", "prom/alertmanager": "nobody",
    "prom/node-exporter": "nobody", "keycloak/keycloak": "1000",
    "windows/nanoserver": "ContainerUser",
  ]

  /// Images that start as root and step down in their entrypoint.
  static let privilegeDroppingImages: [String: String] = [
    "postgres": "postgres", "mysql": "mysql", "mariadb": "mysql",
    "redis": "redis", "mongo": "mongodb", "rabbitmq": "rabbitmq", "cassandra": "cassandra",
    "couchdb": "couchdb", "zookeeper": "zookeeper", "ghost": "node", "neo4j": "neo4j",
    "influxdb": "influxdb", "flink": "flink", "redmine": "redmine",
    "eclipse-mosquitto":
      "mosquitto",
  ]

  /// Prefixes of families whose images all share one default user.
  static let nonRootFamilies: [(prefix: String, user: String)] = [
    // Bitnami's application images run as 1001 (their `minideb` base does not).
    ("bitnami/", "1001"),
    // Jupyter's docker-stacks images run as `jovyan`.
    ("jupyter/", "jovyan"),
    // Red Hat's and SCLorg's source-to-image language images run as 1001.
    ("ubi8/python-", "1001"), ("ubi9/python-", "1001"), ("ubi8/nodejs-", "1001"),
    ("ubi9/nodejs-", "1001"), ("ubi8/ruby-", "1001"), ("ubi9/ruby-", "1001"),
    ("ubi8/php-", "1001"), ("ubi9/php-", "1001"), ("ubi8/perl-", "1001"),
    ("ubi9/perl-", "1001"), ("ubi8/go-toolset", "1001"), ("ubi9/go-toolset", "1001"),
    ("ubi8/openjdk-", "185"), ("ubi9/openjdk-", "185"), ("sclorg/", "1001"),
  ]

  /// Families whose entrypoint (s6-overlay) starts as root and runs services as another user.
  static let privilegeDroppingFamilies: [(prefix: String, user: String)] = [
    ("linuxserver/", "abc")
  ]

  /// The user `image` runs as by default, from what its own Dockerfile declares.
  public static func defaultUser(of image: ImageReference) -> DefaultUser {
    let path = normalizedPath(image)
    let tag = (image.tag ?? "").lowercased()
    if image.isScratch { return .root }
    // Distroless: `:nonroot` and `:debug-nonroot` set uid 65532; the other tags run as root.
    if path.hasPrefix("distroless/") || path.includes("/distroless/") {
      return tag.includes("nonroot") ? .nonRoot("nonroot") : .root
    }
    // Chainguard's images run as `nonroot` (65532); `wolfi-base` and the `-dev` tags are
    // meant for building and are not vouched for here.
    if path.hasPrefix("chainguard/") && !path.hasSuffix("wolfi-base") && !tag.includes("dev") {
      return .nonRoot("nonroot")
    }
    // .NET 8+ chiseled images run as `app` (uid 1654).
    if path.hasPrefix("dotnet/") && tag.includes("chiseled") { return .nonRoot("app") }
    if let user = nonRootImages[path] { return .nonRoot(user) }
    if let user = privilegeDroppingImages[path] { return .dropsPrivileges(user) }
    if let family = nonRootFamilies.first(where: { path.hasPrefix($0.prefix) }) {
      if path == "bitnami/minideb" { return .root }
      return .nonRoot(family.user)
    }
    if let family = privilegeDroppingFamilies.first(where: { path.hasPrefix($0.prefix) }) {
      return .dropsPrivileges(family.user)
    }
    return rootImages.contains(path) ? .root : .unknown
  }

  /// The repository path (the registry is apart) without Docker Hub's `library/`, lower-cased:
  /// `docker.io/library/python` and `python` alike give `python`; `gcr.io/distroless/base`
  /// gives `distroless/base`; `mcr.microsoft.com/dotnet/aspnet` gives `dotnet/aspnet`.
  static func normalizedPath(_ image: ImageReference) -> String {
    var parts = image.repository.lowercased().parts(separatedBy: UInt8(ascii: "/")).map(String.init)
    // Mirrors keep the original path after a prefix (`mirror/docker/library/python`,
    // `docker/library/python` on public.ecr.aws).
    if let library = parts.lastIndex(of: "library"), library + 1 < parts.count {
      parts.removeFirst(library + 1)
    }
    // Architecture-prefixed official images (`amd64/alpine`, `arm32v7/debian`).
    if parts.count == 2, architecturePrefixes.contains(parts[0]) { parts.removeFirst() }
    return parts.joined(separator: "/")
  }

  static let architecturePrefixes: Set<String> = [
    "amd64", "arm32v5", "arm32v6", "arm32v7", "arm64v8", "i386", "ppc64le", "s390x",
    "riscv64", "mips64le", "windows-amd64",
  ]

  /// Programs that run a command as another user: a startup command through one of them
  /// does not run the application as root.
  public static let privilegeDroppers: Set<String> = [
    "gosu", "su-exec", "setpriv", "runuser", "s6-setuidgid", "chpst", "setuser", "su",
  ]

  /// User names (`USER` values) that are the administrator: root (uid 0) on Linux,
  /// ContainerAdministrator on Windows.
  public static func isAdministrator(_ user: String) -> Bool {
    let name =
      user.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
      .first.map(String.init) ?? user
    return name == "root" || name == "0" || name.lowercased() == "containeradministrator"
  }
}
