import Testing

@testable import DockerfileSemantics

@Suite struct PathsTests {
  /// The component walk `resolve` does when the fast test says the path is not normal.
  private func resolvedBySplitting(_ path: String, in directory: String) -> String {
    let joined = path.hasPrefix("/") ? path : directory + "/" + path
    var parts: [Substring] = []
    for part in joined.split(separator: "/") where part != "." && !part.isEmpty {
      if part == ".." { _ = parts.popLast() } else { parts.append(part) }
    }
    return "/" + parts.joined(separator: "/")
  }

  @Test(arguments: [
    "/", "/a", "/a/b", "/usr/local/bin", "/a/", "//a", "/a//b", "/./a", "/a/.", "/a/..",
    "/a/../b", "/..", "/...", "/a/.../b", "/.a", "/a/.b/c", "/..a", "a", "./a", "", ".",
    "/a/b/", "/ä/ö",
  ])
  func fastPathAgreesWithTheComponentWalk(path: String) {
    #expect(Paths.resolve(path, in: "/work") == resolvedBySplitting(path, in: "/work"))
  }

  @Test func normalAbsolutePathsAreRecognised() {
    #expect(Paths.isNormalAbsolute("/usr/lib"))
    #expect(Paths.isNormalAbsolute("/"))
    #expect(!Paths.isNormalAbsolute("/usr/lib/"))
    #expect(!Paths.isNormalAbsolute("/usr/./lib"))
    #expect(!Paths.isNormalAbsolute("usr/lib"))
  }

  @Test(arguments: [
    ("/usr/bin/gosu", "gosu"), ("gosu", "gosu"), ("a/b/", "b"), ("/", ""), ("", ""),
    ("//", ""), ("/a//", "a"), ("x/y.tar.gz", "y.tar.gz"),
  ])
  func baseNameIsTheLastComponent(path: String, expected: String) {
    #expect(Paths.baseName(path) == expected)
  }
}

@Suite struct AssignmentWordTests {
  @Test(arguments: [
    ("A=1", true), ("_x=", true), ("ab_9=c=d", true), ("DEBIAN_FRONTEND=noninteractive", true),
    ("=1", false), ("9A=1", false), ("a-b=1", false), ("ä=1", false), ("A", false), ("", false),
    ("--opt=1", false), ("A\u{301}=1", false), ("a.b=1", false),
  ])
  func assignmentNamesArePosixNames(word: String, isAssignment: Bool) {
    #expect(CommandBuilder.isAssignment(word) == isAssignment)
  }
}
