#!/usr/bin/env bash
# Shared set-up for scripts/run.sh and scripts/test.sh: a JDK >= 21 as JAVA_HOME, Maven, a running Docker
# engine (installed and started with link-local address pools when missing), and the tools tests drive.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() {
  echo "local-ecs-api set-up: $*" >&2
  exit 1
}

as_root() {
  [ "$(id -u)" -eq 0 ]
}

apt_install() {
  as_root && command -v apt-get >/dev/null 2>&1 || die "need to install $*, but this is not root on a Debian-like machine: install them yourself."
  echo "Installing $* ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null \
    || { DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; } \
    || die "apt-get install $* failed."
}

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

pick_java() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major="$(java_major "$candidate/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  die "no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm): install one and set JAVA_HOME."
}

ensure_maven() {
  command -v mvn >/dev/null 2>&1 || apt_install maven
}

docker_up() {
  docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

ensure_docker() {
  if docker_up; then
    return 0
  fi
  command -v dockerd >/dev/null 2>&1 || apt_install docker.io
  command -v docker >/dev/null 2>&1 || apt_install docker.io
  as_root || die "the Docker engine is not running and only root can start it here: start dockerd."
  echo "Starting the Docker engine (link-local address pools) ..."
  # link-local pools: no container ever sits in a private range; no forwarding or masquerading
  nohup dockerd --bip 169.254.1.1/24 --default-address-pool base=169.254.64.0/18,size=24 \
    --ip-forward=false --ip-masq=false >/var/log/local-ecs-api-dockerd.log 2>&1 &
  local i
  for i in $(seq 1 60); do
    docker_up && return 0
    sleep 1
  done
  die "dockerd did not come up within 60 s; see /var/log/local-ecs-api-dockerd.log."
}

ensure_test_tools() {
  local missing=()
  [ -x /usr/bin/aws ] || missing+=(awscli)
  [ -x /bin/busybox ] || missing+=(busybox-static)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  # the tests run Debian's python3 (/usr/bin/python3), not whatever python3 comes first on PATH
  /usr/bin/python3 -c 'import boto3' >/dev/null 2>&1 || missing+=(python3-boto3)
  # ExecuteCommandIT drives the data channel with the npm packages ssm-session and ws (installed by the test)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  # the dashboard's browser tests: Debian's chromium, driven by playwright-core installed with npm
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
  # the boto3 integration tests (*Boto3IT) need a botocore that knows daemons, express gateway services and service
  # deployments: Debian's 1.29 does not; pyenv's python3 first on PATH (or BOTO3_PYTHON) does
  local candidate
  for candidate in ${BOTO3_PYTHON:-} python3 "$HOME/.pyenv/shims/python3" /usr/local/bin/python3; do
    if "$candidate" -c 'import boto3; assert "CreateDaemon" in boto3.client("ecs", region_name="us-east-1").meta.service_model.operation_names' >/dev/null 2>&1; then
      export BOTO3_PYTHON="$candidate"
      break
    fi
    candidate=""
  done
  [ -n "$candidate" ] \
    || die "the boto3 integration tests need a python3 whose boto3 knows the ECS daemon operations (a recent botocore; Debian's 1.29 does not): put one first on PATH (pip install boto3) or name it with BOTO3_PYTHON."
  command -v moto_server >/dev/null 2>&1 \
    || die "moto_server (moto 5) is needed by the integration tests and is not on PATH: pip install 'moto[server]'."
  command -v terraform >/dev/null 2>&1 \
    || die "terraform (1.x) is needed by the Terraform integration tests and is not on PATH: install it (or name it with TERRAFORM)."
  local mirror="${TF_PROVIDER_MIRROR:-/opt/tf-plugins}"
  [ -d "$mirror/registry.terraform.io/hashicorp/aws" ] \
    || die "the Terraform tests install the hashicorp/aws provider from a filesystem mirror only, and $mirror/registry.terraform.io/hashicorp/aws does not exist: run 'terraform providers mirror $mirror' where a registry is reachable, or set TF_PROVIDER_MIRROR."
}
