#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The only place ballast writes a user's file: atomically, through a temporary file in the
/// same folder renamed over the original, keeping its mode (and owner, where allowed). A
/// symbolic link is followed, so the link stays a link.
enum FileWriter {
  struct WriteError: Error {
    var message: String
  }

  /// Writes a new file or replaces one (`-o FILE`): a temporary file beside it, renamed over
  /// it, so a reader never sees half a report. A new file gets mode 0644 less the umask.
  static func create(_ path: String, with bytes: [UInt8]) -> Result<Void, WriteError> {
    if FileDiscovery.exists(path) {
      return replace(path, with: bytes, what: "the report")
    }
    func failure(_ code: Int32) -> Result<Void, WriteError> {
      .failure(
        WriteError(message: "\(path): cannot write the report: \(String(cString: strerror(code)))"))
    }
    let mask = umask(0)
    umask(mask)
    if let code = writeThroughTemporary(
      bytes, over: path, prefix: ".ballast-report", mode: 0o644 & ~mask, owner: nil)
    {
      return failure(code)
    }
    return .success(())
  }

  static func replace(_ path: String, with bytes: [UInt8]) -> Result<Void, WriteError> {
    replace(path, with: bytes, what: "the fixed file")
  }

  static func replace(_ path: String, with bytes: [UInt8], what: String)
    -> Result<Void, WriteError>
  {
    func failure(_ detail: String, _ code: Int32) -> Result<Void, WriteError> {
      .failure(
        WriteError(
          message: "\(path): cannot write \(what): \(detail)\(String(cString: strerror(code)))"
        ))
    }
    var target = path
    if let resolved = realpath(path, nil) {
      target = String(cString: resolved)
      free(resolved)
    }
    var info = stat()
    guard stat(target, &info) == 0 else { return failure("", errno) }
    let mode = info.st_mode & 0o7777
    // Root may write anything; a file nobody may write is still left alone, as editors do.
    guard mode & 0o222 != 0, access(target, W_OK) == 0 else {
      return .failure(WriteError(message: "\(path): cannot write \(what): it is read-only"))
    }
    if let code = writeThroughTemporary(
      bytes, over: target, prefix: ".ballast-fix", mode: mode, owner: (info.st_uid, info.st_gid))
    {
      return failure("", code)
    }
    return .success(())
  }

  /// Writes `bytes` to a new file beside `target`, gives it `mode` (and `owner` where allowed),
  /// syncs it and renames it over `target`. The errno of the step that failed, nil on success;
  /// the temporary file never outlives a failure.
  private static func writeThroughTemporary(
    _ bytes: [UInt8], over target: String, prefix: String, mode: mode_t, owner: (uid_t, gid_t)?
  ) -> Int32? {
    var template = Array((FileDiscovery.folder(of: target) + "/\(prefix)-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { return errno }
    // mkstemp replaced the X's in place; the name ends at the terminating NUL.
    let temporary = String(
      decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    func abandon(_ code: Int32, closing: Bool) -> Int32 {
      if closing { close(descriptor) }
      unlink(temporary)
      return code
    }
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        return abandon(errno, closing: true)
      }
      written += count
    }
    if let (user, group) = owner { _ = fchown(descriptor, user, group) }
    guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else {
      return abandon(errno, closing: true)
    }
    close(descriptor)
    guard rename(temporary, target) == 0 else { return abandon(errno, closing: false) }
    return nil
  }
}
