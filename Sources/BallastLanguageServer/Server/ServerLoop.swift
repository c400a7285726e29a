import DockerfileSyntax

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Where messages come from and go: standard input and output in `ballast lsp`, memory in
/// tests.
protocol MessageChannel {
  /// Waits up to `timeout` milliseconds (-1: forever) for bytes.
  mutating func read(timeout: Int32) -> ChannelRead
  /// False when the client is gone.
  mutating func write(_ bytes: [UInt8]) -> Bool
}

enum ChannelRead: Equatable {
  case bytes([UInt8])
  case timedOut
  case closed
}

/// Reads what is available, decodes every complete message, answers them in order, and
/// lints only when no message is waiting: a burst of keystrokes costs one lint, and a request
/// cancelled while it waited is answered as cancelled without being run.
struct ServerLoop<Channel: MessageChannel> {
  var server: LanguageServer
  var channel: Channel
  var framer = MessageFramer()
  var pending: [IncomingMessage] = []
  /// How often to check that the client's process still exists, in milliseconds.
  var processCheckInterval: Int32 = 2000
  var processIsAlive: (Int32) -> Bool = { pid in kill(pid, 0) == 0 || errno != ESRCH }

  init(server: LanguageServer, channel: Channel) {
    self.server = server
    self.channel = channel
  }

  /// Runs until `exit` (0 after `shutdown`, else 1) or until the client goes away (1).
  mutating func run() -> Int32 {
    while true {
      if case .exited(let status) = server.phase { return status }
      if pending.isEmpty {
        // Nothing decoded is waiting: take what has arrived, without waiting when there
        // is work to do.
        let busy = server.hasStaleDiagnostics
        switch channel.read(timeout: busy ? 0 : processCheckInterval) {
        case .bytes(let bytes):
          framer.append(bytes)
          decodeAvailable()
          // Errors for undecodable messages are answered now, not with the next message.
          guard flush() else { return 1 }
        case .timedOut:
          if busy {
            server.publishStaleDiagnostics()
            guard flush() else { return 1 }
          } else if let pid = server.clientProcessID, !processIsAlive(pid) {
            server.log("the client process \(pid) is gone; exiting")
            return 1
          }
        case .closed:
          decodeAvailable()
          if pending.isEmpty {
            server.log("the client closed the connection without exit")
            return 1
          }
        }
        continue
      }
      let message = pending.removeFirst()
      if case .request(let id, _, _) = message, isCancelled(id) {
        server.cancel(id)
      } else {
        server.handle(message)
      }
      guard flush() else { return 1 }
    }
  }

  private mutating func decodeAvailable() {
    while let event = framer.next() {
      switch event {
      case .message(let body):
        switch IncomingMessage.decode(body) {
        case .success(let message): pending.append(message)
        case .failure(let failure):
          server.handleUndecodable(failure)
        }
      case .malformed(let problem):
        server.log("bad message header: \(problem)")
      }
    }
  }

  /// A `$/cancelRequest` for `id` waits behind it.
  private func isCancelled(_ id: RequestID) -> Bool {
    pending.contains { message in
      guard case .notification("$/cancelRequest", let params) = message else { return false }
      return RequestID(params["id"]) == id
    }
  }

  private mutating func flush() -> Bool {
    for message in server.takeOutbox() {
      guard channel.write(MessageFramer.frame(message.serialized(.compact))) else {
        server.log("cannot write to the client; exiting")
        return false
      }
    }
    return true
  }
}

/// Standard input and output of the process.
struct StandardChannel: MessageChannel {
  private var buffer = [UInt8](repeating: 0, count: 1 << 16)

  mutating func read(timeout: Int32) -> ChannelRead {
    var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
    let ready = poll(&descriptor, 1, timeout)
    if ready == 0 { return .timedOut }
    if ready < 0 { return errno == EINTR ? .timedOut : .closed }
    let count = buffer.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
    if count < 0 { return errno == EINTR || errno == EAGAIN ? .timedOut : .closed }
    if count == 0 { return .closed }
    return .bytes(Array(buffer[0..<count]))
  }

  mutating func write(_ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += written
    }
    return true
  }
}

/// `ballast lsp`: the language server on standard input and output.
public enum LanguageServerCommand {
  /// Runs the server until the client exits; returns the exit status.
  public static func run(version: String) -> Int32 {
    // A client that vanishes must not kill the server with SIGPIPE mid-write: the failed
    // write is noticed and the server exits cleanly.
    signal(SIGPIPE, SIG_IGN)
    let server = LanguageServer(version: version) { message in
      var line = Array("ballast lsp: \(message)\n".utf8)
      line.withUnsafeMutableBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }
    var loop = ServerLoop(server: server, channel: StandardChannel())
    return loop.run()
  }
}
