# Sourced by scripts/setup.sh and scripts/test.sh (bash): apt packages after
# apt-get update, and the project's virtual environment in .venv. Debian 12's
# Python is "externally managed": pip may not install into it, so everything goes
# into .venv, which also sees the system's packages (Debian's python3-uno there).

apt_install() {  # apt_install PACKAGE... : apt-get update, then install them
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@"
}

make_venv() {  # .venv from python3 (3.11 or later), made once
  if [ -x .venv/bin/python ]; then return; fi
  if ! python3 -c "import sys; assert sys.version_info >= (3, 11)" 2>/dev/null; then
    echo "$0: needs Python 3.11 or later as python3" >&2
    exit 2
  fi
  if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
    apt_install python3-venv  # Debian packs venv's pip separately
  fi
  python3 -m venv --system-site-packages .venv
}
