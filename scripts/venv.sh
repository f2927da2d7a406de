# Sourced by scripts/setup.sh and scripts/test.sh (bash): apt packages after
# apt-get update, and the project's virtual environment in .venv. Debian 12's
# Python is "externally managed": pip may not install into it, so everything goes
# into .venv. The environment does not see the system's packages (a clerk's install
# does not either: a global pandas must not hide a missing batch extra); only
# Debian's UNO bindings (python3-uno), which pip cannot install, are linked in.

DEBIAN_PYTHON=/usr/bin/python3
UNO_FILES=(/usr/lib/python3/dist-packages/uno.py
  /usr/lib/python3/dist-packages/unohelper.py)

apt_install() {  # apt_install PACKAGE... : apt-get update, then install them
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@"
}

missing_apt_packages() {  # the Debian packages the tests need that are not there
  local need=() fonts
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
  if ! "$DEBIAN_PYTHON" -c "import uno" >/dev/null 2>&1; then
    need+=(python3-uno libreoffice-script-provider-python)
  fi
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  # Whole outputs, not `fc-list | grep -q`: grep -q leaves at the first match, the
  # writer then dies of SIGPIPE, and under pipefail the font would seem missing.
  # Chinese glyphs (else every character renders as a box) and Arial's metrics.
  fonts=$(fc-list :lang=zh-tw family 2>/dev/null || true)
  [ -n "$fonts" ] || need+=(fonts-noto-cjk)
  fonts=$(fc-list 2>/dev/null || true)
  [[ "$fonts" == *LiberationSans* ]] || need+=(fonts-liberation2)
  echo "${need[@]}"
}

make_venv() {  # .venv from python3 (3.11 or later), made once
  if [ ! -x .venv/bin/python ]; then
    if ! python3 -c "import sys; assert sys.version_info >= (3, 11)" 2>/dev/null; then
      echo "$0: needs Python 3.11 or later as python3" >&2
      exit 2
    fi
    if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
      apt_install python3-venv  # Debian packs venv's pip separately
    fi
    python3 -m venv .venv
  fi
  # A .venv made by an earlier version of this script saw every system package.
  sed -i 's/^include-system-site-packages = true/include-system-site-packages = false/' \
    .venv/pyvenv.cfg
  link_uno
}

link_uno() {  # Debian's uno.py in .venv, when its Python is the one UNO is built for
  local site here debian
  [ -f "${UNO_FILES[0]}" ] || return 0
  here=$(.venv/bin/python -c "import sys; print(sys.version_info[:2])")
  debian=$("$DEBIAN_PYTHON" -c "import sys; print(sys.version_info[:2])" 2>/dev/null) \
    || return 0
  [ "$here" = "$debian" ] || return 0  # pyuno is built for Debian's Python only
  site=$(.venv/bin/python -c "import sysconfig; print(sysconfig.get_path('purelib'))")
  mkdir -p .venv/debian-uno
  ln -sf "${UNO_FILES[@]}" .venv/debian-uno/
  echo "$PWD/.venv/debian-uno" > "$site/debian-uno.pth"
}
