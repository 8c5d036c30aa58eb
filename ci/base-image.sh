#!/usr/bin/env bash
# Builds local stand-ins for the two base images the Dockerfile names, for a Docker engine that cannot
# pull from a registry. Each is one layer imported from a root file system made of what this machine
# has: Java from the host's JDK 17, the shared libraries ldd lists for it, getent, and busybox for a
# shell. Laid out like the real images: Java in /opt/java/openjdk, JAVA_HOME and PATH set,
# LANG=C.UTF-8.
#   runtime  eclipse-temurin:17-jre          a JRE jlinked with the modules the fat jar needs
#   build    maven:3.9-eclipse-temurin-17    a copy of the host's JDK, the host's Maven in
#            /usr/share/maven (mvn on PATH; Debian's Maven is 3.8, enough for this build), and this
#            machine's trusted CA certificates (Java's cacerts and the PEM bundle), so that Maven in a
#            build container reaches Maven Central over TLS as the host does
#
# usage: ci/base-image.sh [runtime|build]...   (default: both; talks to the engine at $DOCKER_HOST)
#   JDK                the JDK to use (default /usr/lib/jvm/java-17-openjdk-amd64)
#   MAVEN_HOME         the Maven to copy (default /usr/share/maven, Debian's `maven` package)
#   RUNTIME_IMAGE_TAG  default eclipse-temurin:17-jre
#   BUILD_IMAGE_TAG    default maven:3.9-eclipse-temurin-17
#   DOCKER             the Docker client (default /usr/bin/docker)
set -euo pipefail

JDK=${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
MAVEN_HOME=${MAVEN_HOME:-/usr/share/maven}
RUNTIME_IMAGE_TAG=${RUNTIME_IMAGE_TAG:-${BASE_IMAGE_TAG:-eclipse-temurin:17-jre}}
BUILD_IMAGE_TAG=${BUILD_IMAGE_TAG:-maven:3.9-eclipse-temurin-17}
DOCKER=${DOCKER:-/usr/bin/docker}
BUSYBOX=${BUSYBOX:-/bin/busybox}
JAVA_CACERTS=${JAVA_CACERTS:-/etc/ssl/certs/java/cacerts}
PEM_BUNDLE=${PEM_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
# What the fat jar needs (Vert.x, Netty, Hazelcast, Jackson, picocli), generously: the whole Java SE
# API, sun.misc (Netty, Hazelcast, signal handling), JMX extras, EC crypto, DNS.
JRE_MODULES=java.se,jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.naming.dns,jdk.net,jdk.zipfs
JAVA=/opt/java/openjdk

check_tools() {
  local tool
  for tool in "$JDK/bin/jlink" "$BUSYBOX" "$DOCKER" "$@"; do
    [[ -e $tool ]] || { echo "base-image: $tool is missing (JDK 17: openjdk-17-jdk-headless; busybox: busybox-static; docker: docker.io; Maven: maven; CA certificates: ca-certificates-java)" >&2; exit 1; }
  done
}

work=$(mktemp -d /tmp/vertxcenter-base.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The rest of a root file system in directory $1, whose Java is already in /opt/java/openjdk: getent,
# busybox for a shell, a minimal /etc, the C.UTF-8 locale, and the host libraries its ELF files link
# against (Java's own are there).
finish_rootfs() {
  local root=$1
  # getent resolves the cluster's member names in the entry point (the real base image has it too).
  mkdir -p "$root/usr/bin" "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/usr/local/bin"
  cp "$(command -v getent)" "$root/usr/bin/getent"
  chmod 1777 "$root/tmp"
  cp "$BUSYBOX" "$root/bin/busybox"
  local applet
  for applet in $("$BUSYBOX" --list); do
    [[ -e $root/bin/$applet ]] || ln -s busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  # LANG=C.UTF-8 needs the locale's data (glibc does not build it in): without it Java writes '?'
  # for every non-ASCII character on stdout.
  mkdir -p "$root/usr/lib/locale"
  cp -r /usr/lib/locale/C.utf8 "$root/usr/lib/locale/"
  local lib
  find "$root$JAVA" "$root/usr/bin" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} + 2>/dev/null \
    | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' \
    | grep -v "^$root" | sort -u \
    | while read -r lib; do cp -L --parents "$lib" "$root"; done
}

# Imports root file system $1 as image $2 with the environment assignments that follow.
import_rootfs() {
  local root=$1 tag=$2 change=()
  shift 2
  local env
  for env in "JAVA_HOME=$JAVA" "PATH=$JAVA/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    LANG=C.UTF-8 "$@"; do
    change+=(--change "ENV $env")
  done
  tar -C "$root" -c . | "$DOCKER" import "${change[@]}" --change 'CMD ["java", "-version"]' - "$tag" >/dev/null
  echo "base-image: $tag built ($("$DOCKER" image inspect -f '{{.Size}}' "$tag" | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
}

runtime_image() {
  check_tools
  local root=$work/runtime
  # A JRE as the real image has one: not compressed, with the default CDS archive.
  "$JDK/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-man-pages --no-header-files \
    --generate-cds-archive --output "$root$JAVA" >/dev/null
  finish_rootfs "$root"
  import_rootfs "$root" "$RUNTIME_IMAGE_TAG"
}

build_image() {
  check_tools "$MAVEN_HOME/bin/mvn" "$JAVA_CACERTS" "$PEM_BUNDLE"
  local root=$work/build
  # The host's JDK itself, its symbolic links (Debian points conf/ and lib/security/ into /etc)
  # resolved, less what a build does not use (jmods, docs, man pages, the dangling src.zip).
  mkdir -p "$root$JAVA"
  tar -C "$JDK" --exclude=./jmods --exclude=./docs --exclude=./man --exclude=./lib/src.zip -chf - . \
    | tar -C "$root$JAVA" -xf -
  finish_rootfs "$root"
  # The machine's trusted CA certificates, for Java (Maven's downloads) and for anything else.
  cp -L "$JAVA_CACERTS" "$root$JAVA/lib/security/cacerts"
  mkdir -p "$root/etc/ssl/certs"
  cp -L "$PEM_BUNDLE" "$root/etc/ssl/certs/ca-certificates.crt"
  # Maven, its symbolic links (Debian points lib/ and conf/ into /usr/share/java and /etc/maven)
  # resolved, so the copy stands on its own.
  mkdir -p "$root/usr/share"
  cp -rL "$MAVEN_HOME" "$root/usr/share/maven"
  rm -rf "$root/usr/share/maven/man"
  ln -s /usr/share/maven/bin/mvn "$root/usr/bin/mvn"
  import_rootfs "$root" "$BUILD_IMAGE_TAG" MAVEN_HOME=/usr/share/maven MAVEN_CONFIG=/root/.m2
}

(($# > 0)) || set -- runtime build
for image in "$@"; do
  case $image in
    runtime) runtime_image ;;
    build) build_image ;;
    *) echo "base-image: unknown image '$image' (runtime or build)" >&2; exit 2 ;;
  esac
done
