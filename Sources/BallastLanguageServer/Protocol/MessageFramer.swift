/// Splits the byte stream from the client into messages: header lines (`Content-Length: N`),
/// an empty line, then N bytes of JSON. Bytes arrive in pieces of any size; a malformed header
/// block is reported and skipped, so one bad message never stops the server.
struct MessageFramer {
  enum Event: Equatable {
    case message([UInt8])
    /// A header block that cannot be used, or a body too large to keep; already skipped.
    case malformed(String)
  }

  /// Larger bodies are skipped unread: a 10 MB document is about 10 MB of JSON, and the CLI
  /// reads files up to 64 MiB.
  static let maximumBodySize = 96 * 1_048_576
  /// A header block longer than this is not LSP.
  static let maximumHeaderSize = 8192

  private var buffer: [UInt8] = []
  /// Start of the unconsumed bytes in `buffer`.
  private var start = 0
  /// Body bytes still to discard after an oversized `Content-Length`.
  private var skipping = 0
  /// The body length of the header block already read, waiting for its bytes.
  private var pendingLength: Int?
  /// A second problem of one header block, returned by the next call.
  private var queued: Event?

  var bufferedByteCount: Int { buffer.count - start }

  mutating func append<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    if start > 0 && start >= buffer.count / 2 {
      buffer.removeSubrange(0..<start)
      start = 0
    }
    buffer.append(contentsOf: bytes)
  }

  /// The next complete message or header problem, or nil when more bytes are needed.
  mutating func next() -> Event? {
    if let event = queued {
      queued = nil
      return event
    }
    while true {
      if skipping > 0 {
        let dropped = min(skipping, buffer.count - start)
        start += dropped
        skipping -= dropped
        if skipping > 0 { return nil }
      }
      if let length = pendingLength {
        guard buffer.count - start >= length else { return nil }
        let body = Array(buffer[start..<(start + length)])
        start += length
        pendingLength = nil
        return .message(body)
      }
      guard let (lines, end) = headerBlock() else {
        if buffer.count - start > Self.maximumHeaderSize {
          // No blank line where headers should end: drop what came and resynchronise on
          // the next line that starts a header.
          start = resynchronisationPoint()
          return .malformed("no end of headers within \(Self.maximumHeaderSize) bytes")
        }
        return nil
      }
      start = end
      if lines.isEmpty { continue }  // A stray blank line between messages.
      let (length, junk) = Self.contentLength(lines)
      switch length {
      case .failure(let problem):
        if let junk {
          // Both are reported: the junk now, the missing length next.
          queued = .malformed(problem.message)
          return .malformed(junk)
        }
        return .malformed(problem.message)
      case .success(let length) where length > Self.maximumBodySize:
        skipping = length
        return .malformed(
          "message of \(length) bytes is larger than the \(Self.maximumBodySize / 1_048_576) MiB limit; skipped"
        )
      case .success(let length):
        pendingLength = length
        if let junk { return .malformed(junk) }
      }
    }
  }

  /// The header lines from `start` up to the empty line ending them, and the offset after it;
  /// nil while the empty line has not arrived. Lines end in CRLF (LF alone is accepted).
  private func headerBlock() -> ([String], Int)? {
    var lines: [String] = []
    var lineStart = start
    var index = start
    while index < buffer.count {
      if buffer[index] == UInt8(ascii: "\n") {
        var lineEnd = index
        if lineEnd > lineStart && buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        if lineEnd == lineStart { return (lines, index + 1) }
        lines.append(String(decoding: buffer[lineStart..<lineEnd], as: UTF8.self))
        lineStart = index + 1
      }
      index += 1
    }
    return nil
  }

  /// After a runaway header: the next `Content-Length` at a line start, or the end.
  private func resynchronisationPoint() -> Int {
    let marker = Array("content-length".utf8)
    var index = start + 1
    while index + marker.count <= buffer.count {
      if buffer[index - 1] == UInt8(ascii: "\n")
        && zip(buffer[index..<(index + marker.count)], marker).allSatisfy({ $0 | 0x20 == $1 })
      {
        return index
      }
      index += 1
    }
    return buffer.count
  }

  /// The body length the headers give, and the first line that is not a header (skipped:
  /// a client that wrote junk before a good header still gets its message read).
  static func contentLength(_ lines: [String]) -> (Result<Int, HeaderProblem>, junk: String?) {
    var length: Int?
    var junk: String?
    for line in lines {
      guard let colon = line.firstIndex(of: ":") else {
        junk = junk ?? "header line without ':': \(line.prefix(80))"
        continue
      }
      let name = line[..<colon].lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters()
      switch name {
      case "content-length":
        guard !value.isEmpty, value.allSatisfy(\.isASCIIDigit), let parsed = Int(value) else {
          return (
            .failure(HeaderProblem("Content-Length is not a number: \(value.prefix(40))")), junk
          )
        }
        length = parsed
      default:
        // Content-Type is optional and always UTF-8 JSON in practice; other headers are
        // ignored, as the specification allows.
        break
      }
    }
    guard let length else { return (.failure(HeaderProblem("no Content-Length header")), junk) }
    return (.success(length), junk)
  }

  struct HeaderProblem: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
  }

  /// One outgoing message: headers and body.
  static func frame(_ body: String) -> [UInt8] {
    var bytes = Array("Content-Length: \(body.utf8.count)\r\n\r\n".utf8)
    bytes.append(contentsOf: body.utf8)
    return bytes
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Substring {
  func trimmingCharacters() -> String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
