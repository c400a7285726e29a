import DockerfileSyntax
import Testing

@testable import DockerfileSemantics

/// Expected values are BuildKit's behaviour as moby/patternmatcher and fsutil implement it
/// (their test tables and walker), checked case by case.
@Suite struct DockerIgnorePatternTests {
  struct Case: CustomStringConvertible, Sendable {
    var pattern: String
    var path: String
    var matches: Bool
    var description: String { "\(pattern) ~ \(path)" }
  }

  /// One pattern against one path (no parent folders involved).
  static let direct: [Case] = [
    Case(pattern: "**", path: "file", matches: true),
    Case(pattern: "**", path: "dir/file", matches: true),
    Case(pattern: "**/**", path: "dir/file", matches: true),
    Case(pattern: "dir/**", path: "dir/dir2/file", matches: true),
    Case(pattern: "abc/**", path: "abc", matches: false),
    Case(pattern: "**/dir", path: "dir", matches: true),
    Case(pattern: "**/dir2/*", path: "dir/dir2/file", matches: true),
    Case(pattern: "**file", path: "dir/dir/file", matches: true),
    Case(pattern: "**/file*.txt*", path: "dir/dir/file.txt", matches: true),
    Case(pattern: "**/**/*.txt2", path: "dir/dir/file.txt", matches: false),
    Case(pattern: "**/*.txt", path: "file.txt", matches: true),
    Case(pattern: "a**/*.txt", path: "a/dir/dir/file.txt", matches: true),
    Case(pattern: "a/*.txt", path: "a/dir/file.txt", matches: false),
    Case(pattern: "a/*.txt**", path: "a/file.txt", matches: true),
    Case(pattern: "a[b-d]e", path: "ace", matches: true),
    Case(pattern: "a[b-d]e", path: "aae", matches: false),
    Case(pattern: "a[^b-d]e", path: "aze", matches: true),
    Case(pattern: ".*", path: ".foo", matches: true),
    Case(pattern: ".*", path: "foo", matches: false),
    Case(pattern: "abc.def", path: "abcZdef", matches: false),
    Case(pattern: "abc?def", path: "abcZdef", matches: true),
    Case(pattern: "abc?def", path: "abcdef", matches: false),
    Case(pattern: "a\\\\", path: "a\\", matches: true),
    Case(pattern: "**/foo/bar", path: "foo/bar", matches: true),
    Case(pattern: "**/.foo", path: "bar.foo", matches: false),
    Case(pattern: "a(b)c/def", path: "a(b)c/def", matches: true),
    Case(pattern: "a.|)$(}+{bc", path: "a.|)$(}+{bc", matches: true),
    Case(
      pattern: "dist/*.whl", path: "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
      matches: true),
    Case(pattern: "a*b*c*d*e*/f", path: "axbxcxdxexxx/f", matches: true),
    Case(pattern: "a*b*c*d*e*/f", path: "axbxcxdxe/xxx/f", matches: false),
    Case(pattern: "a*b?c*x", path: "abxbbxdbxebxczzx", matches: true),
    Case(pattern: "a*b?c*x", path: "abxbbxdbxebxczzy", matches: false),
    Case(pattern: "a\\*b", path: "a*b", matches: true),
    Case(pattern: "a\\*b", path: "ab", matches: false),
    Case(pattern: "a?b", path: "a☺b", matches: true),
    Case(pattern: "a???b", path: "a☺b", matches: false),
    Case(pattern: "[a-ζ]*", path: "α", matches: true),
    Case(pattern: "a?b", path: "a/b", matches: false),
    Case(pattern: "a*b", path: "a/b", matches: false),
    Case(pattern: "[\\]a]", path: "]", matches: true),
    Case(pattern: "[x\\-]", path: "-", matches: true),
    Case(pattern: "[x\\-]", path: "z", matches: false),
    // Go's filepath.Match negates with `^` only; the regular expression keeps `!` literal.
    Case(pattern: "[!a]", path: "b", matches: false),
    Case(pattern: "[!a]", path: "!", matches: true),
    // An unescaped `^` anchors the translated expression.
    Case(pattern: "^a*", path: "abc", matches: true),
    Case(pattern: "x^a*", path: "xabc", matches: false),
    Case(pattern: "[[:digit:]]x", path: "7x", matches: true),
  ]

  @Test(arguments: direct) func patternMatchesLikePatternmatcher(_ test: Case) throws {
    let pattern = try #require(GoPathPattern(GoPath.clean(test.pattern)))
    #expect(pattern.matches(test.path) == test.matches)
  }

  @Test func invalidPatternsAreRejectedLikeFilepathMatch() {
    for bad in ["[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]", "[", "[^", "[^bc", "a[", "[z-a]"] {
      #expect(!GoPath.isValidMatchPattern(bad), "\(bad)")
      #expect(DockerIgnore(bad).problem == .invalidPattern(line: 1, text: bad))
    }
    for good in ["[\\]a]", "[x\\-]", "a[b-d]e", "*", "a\\*b"] {
      #expect(GoPath.isValidMatchPattern(good), "\(good)")
    }
  }

  @Test func cleanFollowsGo() {
    let cases = [
      ("", "."), ("./", "."), ("a//b/", "a/b"), ("./a/./b", "a/b"), ("a/../b", "b"),
      ("../a", "../a"), ("/../a", "/a"), ("a/b/../../..", ".."), ("/", "/"), ("//x//", "/x"),
    ]
    for (input, output) in cases { #expect(GoPath.clean(input) == output, "\(input)") }
  }
}

@Suite struct DockerIgnoreFileTests {
  func excluded(_ lines: [String], _ path: String, isDirectory: Bool = false) -> Bool {
    DockerIgnore(lines.joined(separator: "\n")).excludes(path, isDirectory: isDirectory)
  }

  @Test func linesAreReadAsIgnorefileReadsThem() {
    let rules = DockerIgnore(
      "\u{FEFF}# comment\n\n  node_modules/  \r\n /build\n./dist/\n!  dist/keep\n  # not a comment\n"
    )
    #expect(rules.problem == nil)
    #expect(
      rules.patterns.map(\.text) == [
        "node_modules", "build", "dist", "dist/keep", "# not a comment",
      ])
    #expect(rules.patterns.map(\.isException) == [false, false, false, true, false])
    #expect(rules.patterns.map(\.line) == [3, 4, 5, 6, 7])
    #expect(DockerIgnore("ok\n!\n").problem == .emptyException(line: 2))
    #expect(DockerIgnore("!  ").problem == .emptyException(line: 1))
  }

  @Test func exceptionsAndOrder() {
    #expect(excluded(["*.go"], "fileutils.go"))
    #expect(!excluded(["*.go", "!fileutils.go"], "fileutils.go"))
    // An exception before the pattern it excepts changes nothing.
    #expect(excluded(["!fileutils.go", "*.go"], "fileutils.go"))
    #expect(!excluded(["docs", "!docs/README.md"], "docs/README.md"))
    #expect(excluded(["docs", "!docs/README.md"], "docs/other.md"))
    #expect(!excluded(["docs/*", "!docs/README.md"], "docs/README.md"))
    #expect(!excluded(["**", "!util/docker/web"], "util/docker/web/foo"))
    #expect(excluded(["**", "!util/docker/web", "util/docker/web/foo"], "util/docker/web/foo"))
    #expect(!excluded(["**", "!dist/*.whl"], "dist/x-1.0-py3-none-any.whl"))
  }

  @Test func patternsAreAnchoredAtTheRoot() {
    #expect(excluded(["node_modules"], "node_modules/express/index.js"))
    #expect(!excluded(["node_modules"], "web/node_modules/express/index.js"))
    #expect(excluded(["**/node_modules"], "web/node_modules/express/index.js"))
    #expect(excluded(["/.git"], ".git/HEAD"))
    #expect(excluded(["*/tmp/*"], "a/tmp/x"))
    #expect(!excluded(["*/tmp/*"], "tmp/x"))
  }

  @Test func allowListShipsOnlyTheExceptions() {
    let allow = ["*", "!app.py", "!requirements.txt", "!src/"]
    #expect(!excluded(allow, "app.py"))
    #expect(!excluded(allow, "src/pkg/mod.py"))
    #expect(excluded(allow, ".git", isDirectory: true))
    #expect(excluded(allow, "node_modules/x"))
    #expect(excluded(allow, "Dockerfile"))
  }

  /// BuildKit does not enter an excluded folder that no exception's text starts with, even
  /// when a pattern exception would match a file inside; with wildcards in some exception it
  /// enters every folder.
  @Test func excludedFoldersAreSkippedAsTheWalkerSkipsThem() {
    #expect(excluded(["node_modules", "!node_modules/keep.txt", "!**/keep.txt"], "node_modules/x"))
    #expect(!excluded(["node_modules", "!**/keep.txt"], "node_modules/keep.txt"))
    #expect(excluded(["node_modules", "!docs/keep.txt"], "node_modules/keep.txt"))
    #expect(!excluded(["build", "!build/out/*"], "build/out/app"))
    let verdict = DockerIgnore("vendor\n!vendor/keep").verdict(
      for: "vendor", isDirectory: true, parent: nil)
    #expect(verdict.isExcluded && !verdict.skipsContents)
    let skipped = DockerIgnore("vendor").verdict(for: "vendor", isDirectory: true, parent: nil)
    #expect(skipped.isExcluded && skipped.skipsContents)
    #expect(skipped.decidingPattern?.line == 1)
  }

  @Test func unreadableFilesAreNotGuessed() {
    #expect(DockerIgnore("a\n[b\n").problem == .invalidPattern(line: 2, text: "[b"))
    #expect(!DockerIgnore("a\n[b\n").isUsable)
    #expect(!DockerIgnore("a\n[b\n").excludes("a"))
    #expect(DockerIgnore("\\pN").problem == .unsupportedPattern(line: 1, text: "\\pN"))
  }

  @Test func longPatternsStayLinear() {
    let pattern = String(repeating: "*a", count: 300)
    let path = String(repeating: "a", count: 600) + "b"
    #expect(!excluded([pattern], path))
  }
}
