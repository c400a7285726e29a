/// Sizes in messages, in decimal units as `docker images` prints them.
public enum ByteCount {
  /// `512 B`, `14 KB`, `3.2 MB`, `1.4 GB`: two significant digits below 10, whole numbers above.
  public static func describe(_ bytes: Int) -> String {
    let units: [(Double, String)] = [(1e9, "GB"), (1e6, "MB"), (1e3, "KB")]
    let value = Double(bytes)
    for (size, unit) in units where value >= size {
      let scaled = value / size
      if scaled >= 9.95 { return "\(Int(scaled.rounded())) \(unit)" }
      let tenths = Int((scaled * 10).rounded())
      return "\(tenths / 10).\(tenths % 10) \(unit)"
    }
    return "\(bytes) B"
  }
}
