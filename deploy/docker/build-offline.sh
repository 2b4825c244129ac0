#!/bin/bash
# Builds the repository's Dockerfile, unchanged, where no Docker engine runs and no container registry is reachable,
# then runs the image and checks it: buildah and podman from Debian, with stand-ins for the Temurin base images made
# from Debian's OpenJDK 21 (debootstrap). What it proves: the Dockerfile builds (every stage, the cache mount, the
# file modes, the health check kept), and the image serves as the user 10001 with a working health check. What it
# cannot: the real base images' contents (the stand-ins put Java where Temurin's do, /opt/java/openjdk).
set -Eeuo pipefail # -E: the ERR trap fires inside functions too
# Any failure is this script's exit code 1 (not the failing tool's own, podman's 125 say), naming the command.
trap 'echo "error: line $LINENO: $BASH_COMMAND failed" >&2; exit 1' ERR

usage() {
  cat <<'EOF'
Usage: deploy/docker/build-offline.sh [--work DIR] [--port N] [--arm64] [--keep] [--help]

Builds the Dockerfile with buildah (OCI tools from Debian, no Docker engine, no registry) on stand-in base images,
then checks the image: the search server in it answers /health on the host, it runs as uid 10001, and
/app/healthcheck.sh exits 0 while it serves and 1 when nothing answers. Needs root on Debian or Ubuntu (apt-get,
debootstrap, a container runtime); downloads Debian packages and, inside the build, Maven and the project's
dependencies.

  --work DIR   storage for the stand-in file systems, images and logs (several GB; reused by later runs)
               (default: ${TMPDIR:-/tmp}/mcp-tools-gateway-image)
  --port N     the host port the smoke test publishes (default 18950)
  --arm64      also build linux/arm64 under QEMU emulation (about 4 more minutes) and check it the same way
  --keep       keep the built images (mcp-tools-gateway:offline[-arm64]) in the work directory's storage
  --help       this text

Exit codes: 0 every check passed, 1 a build or a check failed, 2 a wrong option.
EOF
}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=${TMPDIR:-/tmp}/mcp-tools-gateway-image
port=18950
arm64=0
keep=0
while (($#)); do
  case $1 in
    --work) work=${2:?--work needs a directory}; shift 2 ;;
    --port) port=${2:?--port needs a number}; shift 2 ;;
    --arm64) arm64=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ $port =~ ^[0-9]+$ ]] && ((port > 0 && port < 65536)) || { echo "error: --port must be 1-65535" >&2; exit 2; }
((EUID == 0)) || { echo "error: run as root (apt-get, debootstrap and the container runtime need it)" >&2; exit 1; }
mkdir -p "$work"/{conf,storage,run,tmp,rootfs,debcache,networks}
work=$(cd "$work" && pwd)
image=localhost/mcp-tools-gateway:offline
failures=0

step() { echo "== $*"; }
check() { # DESCRIPTION COMMAND...: one line, PASS or FAIL
  if "${@:2}" > /dev/null 2>&1; then echo "  PASS $1"; else echo "  FAIL $1"; failures=$((failures + 1)); fi
}

step "Installing buildah, podman and debootstrap (Debian packages) when missing"
packages=(buildah podman runc uidmap fuse-overlayfs slirp4netns debootstrap containernetworking-plugins curl)
((arm64)) && packages+=(qemu-user-static binfmt-support)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" > /dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > "$work/apt.log" 2>&1
fi

# Everything the tools keep goes below the work directory. runc and cgroupfs work where crun and systemd do not
# (a container in a container); the limits asked of each container are ones this shell may grant.
processes=$(ulimit -Hu)
[[ $processes == unlimited ]] || ((processes > 32768)) && processes=32768 # a higher one was refused here
cat > "$work/conf/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$work/storage"
runroot = "$work/run"
EOF
cat > "$work/conf/containers.conf" <<EOF
[containers]
log_driver = "k8s-file"
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=$processes:$processes"]
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$work/run/events.log"
runtime = "runc"
tmp_dir = "$work/run/libpod"
[network]
network_config_dir = "$work/networks"
EOF
printf 'unqualified-search-registries = ["docker.io"]\nshort-name-mode = "permissive"\n' > "$work/conf/registries.conf"
export CONTAINERS_STORAGE_CONF=$work/conf/storage.conf CONTAINERS_CONF=$work/conf/containers.conf \
  CONTAINERS_REGISTRIES_CONF=$work/conf/registries.conf TMPDIR=$work/tmp BUILDAH_RUNTIME=runc

containers=()
cleanup() {
  for c in "${containers[@]}"; do podman rm -f "$c" > /dev/null 2>&1 || true; done
  buildah rm --all > /dev/null 2>&1 || true # working containers of a stand-in a failure left (this storage only)
  if ((!keep)); then
    podman rmi -f "$image" "$image-arm64" > /dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

# ARCH JAVA-PACKAGE NAME: a Debian trixie root file system with OpenJDK 21 where Temurin's images have Java
stand_in() {
  local arch=$1 package=$2 name=$3 root=$work/rootfs/$3
  if [[ ! -x $root/usr/lib/jvm/java-21-openjdk-$arch/bin/java ]]; then
    rm -rf "$root"
    debootstrap --arch="$arch" --variant=minbase --cache-dir="$work/debcache" \
      --include="$package,ca-certificates,curl,wget,tzdata,passwd,p11-kit" \
      trixie "$root" http://deb.debian.org/debian > "$root.log" 2>&1 \
      || { echo "  debootstrap failed: see $root.log" >&2; return 1; }
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    mkdir -p "$root/opt/java" && ln -sfn "/usr/lib/jvm/java-21-openjdk-$arch" "$root/opt/java/openjdk"
    # A TLS-inspecting proxy's own authorities (on this host) must be trusted inside too, for Maven's downloads.
    if compgen -G "/usr/local/share/ca-certificates/*.crt" > /dev/null; then
      cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
      unshare -m --propagation private sh -c "mount -t proc proc '$root/proc' \
        && TMPDIR=/tmp chroot '$root' update-ca-certificates > /dev/null 2>&1"
    fi
  fi
  local container mount
  container=$(buildah from scratch)
  mount=$(buildah mount "$container")
  tar -C "$root" --numeric-owner -cf - . | tar -C "$mount" --numeric-owner -xpf -
  buildah umount "$container" > /dev/null
  buildah config --os linux --arch "$arch" --env JAVA_HOME=/opt/java/openjdk \
    --env PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env LANG=C.UTF-8 "$container"
  buildah commit -q --rm --format docker "$container" "localhost/temurin-stand-in:$name" > /dev/null
}

# IMAGE PORT: runs the search server of the image and checks it from the host and inside
smoke_test() {
  local tag=$1 name=gateway-image-check-$RANDOM
  containers+=("$name")
  # (without systemd podman says it cannot time the health check; podman healthcheck run still runs it)
  podman run -d --name "$name" -p "127.0.0.1:$2:8081" "$tag" search-server --port 8081 > /dev/null 2>> "$work/run.log"
  for _ in $(seq 1 90); do curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$2/health" && break; sleep 1; done
  check "the search server answers GET /health with 200 on the host" \
    curl -sf -o /dev/null --max-time 5 "http://127.0.0.1:$2/health"
  check "it runs as uid 10001" test "$(podman exec "$name" id -u)" = 10001
  check "/app/healthcheck.sh exits 0 while it serves" podman exec "$name" /app/healthcheck.sh
  check "/app/healthcheck.sh exits 1 when nothing answers" \
    bash -c "! podman exec -e HEALTH_PORT=1 '$name' /app/healthcheck.sh"
  check "the image keeps its HEALTHCHECK" \
    test -n "$(podman image inspect "$tag" --format '{{.HealthCheck}}' | grep -v '<nil>')"
  echo "  $(podman image inspect "$tag" --format '{{.Os}}/{{.Architecture}}, {{.Size}} bytes')"
  podman rm -f "$name" > /dev/null 2>> "$work/run.log"
}

step "Stand-in base images (Debian trixie, OpenJDK 21)"
stand_in amd64 openjdk-21-jdk-headless jdk-amd64
stand_in amd64 openjdk-21-jre-headless jre-amd64
podman tag localhost/temurin-stand-in:jdk-amd64 docker.io/library/eclipse-temurin:21-jdk
podman tag localhost/temurin-stand-in:jre-amd64 docker.io/library/eclipse-temurin:21-jre

step "Building the Dockerfile for linux/amd64 (log: $work/build-amd64.log)"
# --format docker: the OCI format has no HEALTHCHECK, which buildah would drop with a warning
if buildah bud --pull=never --format docker --layers --platform linux/amd64 -t "$image" "$repo" \
    > "$work/build-amd64.log" 2>&1; then
  echo "  PASS the image builds"
  smoke_test "$image" "$port"
else
  echo "  FAIL the image does not build: see $work/build-amd64.log"
  failures=$((failures + 1))
fi

if ((arm64)); then
  step "Building for linux/arm64 under QEMU (log: $work/build-arm64.log)"
  [[ -e /proc/sys/fs/binfmt_misc/register ]] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  update-binfmts --enable qemu-aarch64 > /dev/null 2>&1 || true
  stand_in arm64 openjdk-21-jre-headless jre-arm64
  podman tag localhost/temurin-stand-in:jre-arm64 docker.io/library/eclipse-temurin:21-jre
  # buildah 1.28 does not set BUILDPLATFORM: the build stage (a jar, the same on every platform) is named by the
  # amd64 stand-in's id in a copy of the Dockerfile, the only line changed
  jdk=$(podman image inspect docker.io/library/eclipse-temurin:21-jdk --format '{{.Id}}')
  sed "s|^FROM --platform=\$BUILDPLATFORM eclipse-temurin:21-jdk AS build|FROM $jdk AS build|" "$repo/Dockerfile" \
    > "$work/Dockerfile.arm64"
  if buildah bud --pull=never --format docker --no-cache --platform linux/arm64 -f "$work/Dockerfile.arm64" \
      -t "$image-arm64" "$repo" > "$work/build-arm64.log" 2>&1; then
    echo "  PASS the image builds"
    smoke_test "$image-arm64" "$port"
  else
    echo "  FAIL the image does not build: see $work/build-arm64.log"
    failures=$((failures + 1))
  fi
  podman tag localhost/temurin-stand-in:jre-amd64 docker.io/library/eclipse-temurin:21-jre
fi

if ((failures)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "Every check passed"
