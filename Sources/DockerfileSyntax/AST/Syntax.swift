/// A piece of instruction text with its exact place in the file.
public struct Word: Hashable, Sendable {
  /// The text as BuildKit's parser hands it on: quotes and escapes are kept where BuildKit
  /// keeps them (ENV/LABEL/ARG values, shell-form commands); JSON strings are decoded.
  public var text: String
  public var range: SourceRange
  /// `$x` / `${x…}` references in text the builder expands (empty elsewhere).
  public var variables: [VariableReference]

  public init(text: String, range: SourceRange, variables: [VariableReference] = []) {
    self.text = text
    self.range = range
    self.variables = variables
  }
}

/// A `--name[=value]` flag before an instruction's arguments.
public struct Flag: Hashable, Sendable {
  /// Name without the leading dashes (`from`, `mount`).
  public var name: String
  /// The value after `=`, unquoted and unescaped as BuildKit does; nil for a bare `--name`.
  public var value: String?
  /// The whole flag as BuildKit reports it (`--from=build`).
  public var text: String
  public var range: SourceRange
  public var nameRange: SourceRange
  /// Range of the value text in the source (empty at the end of the flag when there is none).
  public var valueRange: SourceRange
}

/// A parser directive (`# syntax=…`, `# escape=…`, `# check=…`) at the top of the file.
public struct Directive: Hashable, Sendable {
  /// Lower-cased name.
  public var name: String
  public var value: String
  public var range: SourceRange
  public var nameRange: SourceRange
  public var valueRange: SourceRange
}

/// A comment line (`# …`), at top level or inside a line continuation.
public struct Comment: Hashable, Sendable {
  /// Text after `#`, trimmed.
  public var text: String
  public var range: SourceRange
}

/// A here-document attached to RUN, COPY or ADD.
public struct Heredoc: Hashable, Sendable {
  /// Delimiter with quotes removed (`EOF` for `<<"EOF"`).
  public var name: String
  /// `3` for `3<<EOF`; 0 when absent.
  public var fileDescriptor: Int
  /// False when any part of the delimiter was quoted: the body is not variable-expanded.
  public var expand: Bool
  /// `<<-`: leading tabs are stripped from body lines and the terminator.
  public var chomp: Bool
  /// The raw body, line endings included, exactly as BuildKit stores it.
  public var content: String
  /// The `<<EOF` word in the instruction line.
  public var markerRange: SourceRange
  /// The body lines (empty range at the body start when the body is empty).
  public var bodyRange: SourceRange
  /// The terminator line; nil when the heredoc is unterminated.
  public var terminatorRange: SourceRange?

  /// The body as the builder uses it: with `<<-`, leading tabs removed from every line.
  public var effectiveContent: String {
    guard chomp else { return content }
    var result = ""
    var atLineStart = true
    for character in content.unicodeScalars {
      if atLineStart && character == "\t" { continue }
      atLineStart = character == "\n"
      result.unicodeScalars.append(character)
    }
    return result
  }
}

/// A `$name` or `${name…}` reference inside text that the builder expands.
public struct VariableReference: Hashable, Sendable {
  public enum Modifier: String, Hashable, Sendable {
    case none = ""
    case defaultIfUnsetOrEmpty = ":-"
    case defaultIfUnset = "-"
    case alternativeIfSetAndNotEmpty = ":+"
    case alternativeIfSet = "+"
    case errorIfUnsetOrEmpty = ":?"
    case errorIfUnset = "?"
    case removeShortestPrefix = "#"
    case removeLongestPrefix = "##"
    case removeShortestSuffix = "%"
    case removeLongestSuffix = "%%"
    case replaceFirst = "/"
    case replaceAll = "//"
  }

  public var name: String
  /// From `$` to the end of the name or the closing `}`.
  public var range: SourceRange
  public var nameRange: SourceRange
  public var modifier: Modifier
  /// The word after the modifier (`w` in `${x:-w}`), which may hold nested references.
  public var argumentRange: SourceRange?
  public var isBraced: Bool
  /// Why the builder would reject this reference (`${`, `${}`, `${x!y}`), if it would.
  public var problem: String?
}
