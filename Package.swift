// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "ballast",
  products: [
    .executable(name: "ballast", targets: ["ballast"]),
    .library(name: "DockerfileSyntax", targets: ["DockerfileSyntax"]),
  ],
  targets: [
    // Text to typed syntax tree; knows nothing about rules.
    .target(name: "DockerfileSyntax"),
    // The command line as a library, so tests call it without spawning processes.
    .target(name: "BallastCLI", dependencies: ["DockerfileSyntax"]),
    .executableTarget(name: "ballast", dependencies: ["BallastCLI"]),
    .testTarget(name: "DockerfileSyntaxTests", dependencies: ["DockerfileSyntax"]),
    .testTarget(name: "BallastCLITests", dependencies: ["BallastCLI", "DockerfileSyntax"]),
  ]
)
