#!/usr/bin/env bash
# Builds a local stand-in for the base image the Dockerfile names (eclipse-temurin:17-jre), for a
# Docker engine that cannot pull from a registry: a JRE jlinked from the host's JDK 17, the shared
# libraries ldd lists for it, getent, and busybox for a shell, imported as one layer. Laid out like the
# real image: the JRE in /opt/java/openjdk, JAVA_HOME and PATH set, LANG=C.UTF-8.
#
# usage: ci/base-image.sh   (talks to the engine at $DOCKER_HOST with $DOCKER, default /usr/bin/docker)
#   JDK             the JDK to jlink from (default /usr/lib/jvm/java-17-openjdk-amd64)
#   BASE_IMAGE_TAG  the tag to give it (default eclipse-temurin:17-jre)
set -euo pipefail

JDK=${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
BASE_IMAGE_TAG=${BASE_IMAGE_TAG:-eclipse-temurin:17-jre}
DOCKER=${DOCKER:-/usr/bin/docker}
BUSYBOX=${BUSYBOX:-/bin/busybox}
# What the fat jar needs (Vert.x, Netty, Hazelcast, Jackson, picocli), generously: the whole Java SE
# API, sun.misc (Netty, Hazelcast, signal handling), JMX extras, EC crypto, DNS.
JRE_MODULES=java.se,jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.naming.dns,jdk.net,jdk.zipfs

for tool in "$JDK/bin/jlink" "$BUSYBOX" "$DOCKER"; do
  [[ -x $tool ]] || { echo "base-image: $tool is missing (JDK 17: openjdk-17-jdk-headless; busybox: busybox-static; docker: docker.io)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/vertxcenter-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
jre=/opt/java/openjdk

"$JDK/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --generate-cds-archive --output "$root$jre"

# getent resolves the cluster's seed names in the entry point (the real base image has it too).
mkdir -p "$root/usr/bin"
cp "$(command -v getent)" "$root/usr/bin/getent"

# The libraries the JRE and getent link against, from the host (the JRE's own are already there).
find "$root$jre" "$root/usr/bin" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} + 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' \
  | grep -v "^$root" | sort -u \
  | while read -r lib; do cp -L --parents "$lib" "$root"; done

mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/usr/local/bin"
chmod 1777 "$root/tmp"
cp "$BUSYBOX" "$root/bin/busybox"
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

tar -C "$root" -c . | "$DOCKER" import \
  --change "ENV JAVA_HOME=$jre" \
  --change "ENV PATH=$jre/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["java", "-version"]' \
  - "$BASE_IMAGE_TAG" >/dev/null
echo "base-image: $BASE_IMAGE_TAG built ($("$DOCKER" image inspect -f '{{.Size}}' "$BASE_IMAGE_TAG" | awk '{ printf "%.0f MB", $1 / 1e6 }'), JRE modules $JRE_MODULES)"
