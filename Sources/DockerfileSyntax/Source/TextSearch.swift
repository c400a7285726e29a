extension String {
  /// Whether `needle` occurs in this string, comparing UTF-8 bytes. Dockerfile words are
  /// matched byte for byte; the standard library's `contains(_:)` compares Characters, builds a
  /// search table on every call, and its first use instantiates _StringProcessing's generic
  /// types, which was 8% of a one-file run.
  package func includes(_ needle: String) -> Bool { TextSearch.occurs(needle, in: self) }
}

extension Substring {
  /// Byte-wise substring test; see `String.includes(_:)`.
  package func includes(_ needle: String) -> Bool { TextSearch.occurs(needle, in: self) }
}

enum TextSearch {
  static func occurs(_ needle: String, in text: some StringProtocol) -> Bool {
    let found = text.utf8.withContiguousStorageIfAvailable { haystack in
      needle.utf8.withContiguousStorageIfAvailable { occurs($0, in: haystack) }
    }
    // Strings bridged from elsewhere may not be contiguous UTF-8.
    return (found ?? nil)
      ?? Array(text.utf8).withUnsafeBufferPointer { haystack in
        Array(needle.utf8).withUnsafeBufferPointer { occurs($0, in: haystack) }
      }
  }

  static func occurs(_ needle: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    guard let first = needle.first else { return true }
    guard needle.count <= text.count else { return false }
    var start = 0
    let lastStart = text.count - needle.count
    while start <= lastStart {
      if text[start] == first {
        var matched = 1
        while matched < needle.count && text[start + matched] == needle[matched] { matched += 1 }
        if matched == needle.count { return true }
      }
      start += 1
    }
    return false
  }
}

extension String {
  /// The parts between the ASCII byte `separator`, found byte by byte: `split(separator:)` on
  /// Characters costs thousands of instructions for one path, and paths are split per file.
  package func parts(separatedBy separator: UInt8, omittingEmpty: Bool = true) -> [Substring] {
    let bytes = utf8
    var result: [Substring] = []
    var start = bytes.startIndex
    var index = start
    while index != bytes.endIndex {
      if bytes[index] == separator {
        if !omittingEmpty || index != start { result.append(self[start..<index]) }
        start = bytes.index(after: index)
      }
      index = bytes.index(after: index)
    }
    if !omittingEmpty || start != bytes.endIndex {
      result.append(self[start..<bytes.endIndex])
    }
    return result
  }

  /// Where `needle` first occurs, compared byte by byte (`firstRange(of:)` compares
  /// Characters through _StringProcessing: 60 k instructions for a short word).
  package func byteRange(of needle: String) -> Range<String.Index>? {
    let bytes = utf8
    let pattern = Array(needle.utf8)
    guard let first = pattern.first else { return startIndex..<startIndex }
    var index = bytes.startIndex
    while index != bytes.endIndex {
      if bytes[index] == first, bytes[index...].starts(with: pattern) {
        return index..<bytes.index(index, offsetBy: pattern.count)
      }
      index = bytes.index(after: index)
    }
    return nil
  }

  /// What comes before the last ASCII byte `separator`; nil when there is none.
  package func prefix(beforeLast separator: UInt8) -> Substring? {
    let bytes = utf8
    var index = bytes.endIndex
    while index != bytes.startIndex {
      index = bytes.index(before: index)
      if bytes[index] == separator { return self[bytes.startIndex..<index] }
    }
    return nil
  }
}
