# syntax=docker/dockerfile:1
# ballast's own image: a static binary on scratch, run as a non-root user.
#   docker build -t ballast .
#   docker run --rm -v "$PWD:/work" ballast .
FROM swift:6.1-noble AS build
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
RUN swift build -c release --product ballast -Xswiftc -static-executable \
      -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
    && mkdir -p /out && cp .build/release/ballast /out/ballast

FROM scratch
COPY --from=build /out/ballast /usr/local/bin/ballast
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/ballast"]
