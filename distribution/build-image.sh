#!/usr/bin/env bash
# Builds the local-ecs-api image (local-ecs-api:<version> and :latest) from this checkout, building the
# distribution first. --local-base builds a JRE base image locally first (jlink of this machine's JDK 21+,
# its glibc and bash, and busybox), for machines that cannot reach a public registry.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/lib.sh"

local_base=false
for arg in "$@"; do
  case "$arg" in
    --local-base) local_base=true ;;
    *) die "unknown option $arg (usage: build-image.sh [--local-base])" ;;
  esac
done

pick_java
ensure_maven
ensure_docker
version="$(grep -m1 '<version>' "$repo/pom.xml" | sed 's#.*<version>\(.*\)</version>.*#\1#')"
if [ ! -x "$repo/distribution/target/local-ecs-api/bin/local-ecs-api" ]; then
  (cd "$repo" && mvn -B -ntp -q package -DskipTests)
fi

build_args=()
if [ "$local_base" = true ]; then
  [ -x /bin/busybox ] || apt_install busybox-static
  base="local/local-ecs-api-jre-base:$version"
  root="$(mktemp -d)"
  trap 'rm -rf "$root"' EXIT
  "$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.net.http,java.naming,java.management,java.sql,java.xml,java.desktop,jdk.unsupported,jdk.crypto.ec,java.security.jgss,java.instrument,jdk.management,jdk.zipfs,java.scripting,jdk.httpserver \
    --strip-debug --no-man-pages --no-header-files --output "$root/opt/java/openjdk"
  mkdir -p "$root/bin" "$root/usr/bin" "$root/tmp" "$root/etc" "$root/root"
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
  done
  ln -s /bin/busybox "$root/usr/bin/env"
  rm -f "$root/bin/bash" && cp /bin/bash "$root/bin/bash"
  for library in $(for f in "$root"/opt/java/openjdk/lib/*.so "$root"/opt/java/openjdk/lib/server/*.so \
      "$root/opt/java/openjdk/bin/java" /bin/bash; do ldd "$f" 2>/dev/null; done \
      | awk '/=> \// {print $3} /^\s*\/lib/ {print $1}' | grep -v "^$root" | sort -u); do
    mkdir -p "$root$(dirname "$library")"
    cp -L "$library" "$root$library"
  done
  mkdir -p "$root/lib64" && cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
  echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
  tar -C "$root" -c . | docker import -c 'ENV PATH=/opt/java/openjdk/bin:/bin:/usr/bin' \
    -c 'ENV JAVA_HOME=/opt/java/openjdk' - "$base" >/dev/null
  build_args+=(--build-arg "BASE_IMAGE=$base")
  echo "Built the local JRE base image $base"
fi

docker build -q "${build_args[@]}" -t "local-ecs-api:$version" -t local-ecs-api:latest "$repo/distribution" >/dev/null
echo "Built local-ecs-api:$version and local-ecs-api:latest"
