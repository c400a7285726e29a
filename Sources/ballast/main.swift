import BallastCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

let result = BallastCommand.run(Array(CommandLine.arguments.dropFirst()))
var standardOutput = OutputStream(descriptor: 1)
standardOutput.write(result.output)
standardOutput.flush()
var standardError = OutputStream(descriptor: 2)
standardError.write(result.errors)
standardError.flush()
exit(result.status)
