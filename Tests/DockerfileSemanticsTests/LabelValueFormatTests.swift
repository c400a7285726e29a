import DockerfileSemantics
import Testing

/// The label-schema formats (BL5037): what each standard accepts, and the near misses people
/// write.
@Suite struct LabelValueFormatTests {
  @Test func urls() {
    for good in [
      "https://github.com/acme/app", "http://example.com:8080/a?b=c#d", "urn:isbn:0451450523",
      "mailto:team@example.com", "https://example.com/a%20b", "git+ssh://git@example.com/x.git",
    ] {
      #expect(LabelValueFormats.isURL(good), "\(good)")
    }
    for bad in [
      "github.com/acme/app", "://example.com", "1http://example.com", "https://example.com/my repo",
      "https://example.com/%zz", "https://example.com/<x>", "",
    ] {
      #expect(!LabelValueFormats.isURL(bad), "\(bad)")
    }
  }

  @Test func gitHashes() {
    #expect(LabelValueFormats.isGitHash("4f2a9c1"))
    #expect(LabelValueFormats.isGitHash(String(repeating: "0a", count: 20)))
    for bad in ["4F2A9C1", "4f2a9c", "4f2a9c1d", "g123456", String(repeating: "a", count: 41)] {
      #expect(!LabelValueFormats.isGitHash(bad), "\(bad)")
    }
  }

  @Test func semanticVersions() {
    for good in [
      "0.0.0", "1.4.0", "10.20.30", "2.0.0-rc.1+build.5", "1.0.0-alpha-a.b-c", "1.0.0+0001",
    ] {
      #expect(LabelValueFormats.isSemanticVersion(good), "\(good)")
    }
    for bad in [
      "v1.4.0", "1.4", "1.4.0.1", "01.4.0", "1.4.0-01", "1.4.0-", "1.4.0+", "1..0", "1.4.0-a..b",
    ] {
      #expect(!LabelValueFormats.isSemanticVersion(bad), "\(bad)")
    }
  }

  @Test func rfc3339Times() {
    for good in [
      "2024-05-01T12:00:00Z", "2024-05-01t12:00:00z", "2024-05-01 12:00:00+02:00",
      "2024-02-29T23:59:60.123456-05:30", "2000-02-29T00:00:00Z",
    ] {
      #expect(LabelValueFormats.isRFC3339(good), "\(good)")
    }
    for bad in [
      "2024-05-01", "2024-05-01T12:00:00", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
      "2024-13-01T00:00:00Z", "2024-04-31T00:00:00Z", "2024-05-01T24:00:00Z",
      "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00+0200", "2024-05-01T12:00Z",
    ] {
      #expect(!LabelValueFormats.isRFC3339(bad), "\(bad)")
    }
  }

  @Test func emailAddresses() {
    for good in [
      "team@example.com", "first.last+tag@sub.example.co.uk", "\"a b\"@example.com",
      "x@[192.0.2.1]",
    ] {
      #expect(LabelValueFormats.isEmail(good), "\(good)")
    }
    for bad in [
      "Jane <jane@example.com>", "jane", "@example.com", "jane@", "ja..ne@example.com",
      "jane@-example.com", "jane@example..com", "jane doe@example.com",
    ] {
      #expect(!LabelValueFormats.isEmail(bad), "\(bad)")
    }
  }

  @Test func spdxExpressions() {
    for good in [
      "MIT", "mit", "Apache-2.0", "MIT OR Apache-2.0", "(MIT OR Apache-2.0) AND BSD-3-Clause",
      "GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0+", "LicenseRef-acme-1",
      "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2", "GPL-2.0",
    ] {
      #expect(LabelValueFormats.isSPDXExpression(good), "\(good)")
    }
    for bad in [
      "Apache 2", "BSD", "MIT/Apache-2.0", "MIT OR", "(MIT", "MIT)", "", "MIT WITH Nonsense-1.0",
      "MIT Apache-2.0", "LicenseRef-", "LicenseRef-a+", "Proprietary",
    ] {
      #expect(!LabelValueFormats.isSPDXExpression(bad), "\(bad)")
    }
  }
}
