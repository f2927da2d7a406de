"""The README's set-up commands (scripts/setup.sh, scripts/test.sh, through
scripts/venv.sh): the probe for missing Debian packages is not fooled by a writer
that dies of SIGPIPE, and .venv sees none of the system's packages but Debian's UNO
bindings."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ALL = ("libreoffice-calc-nogui python3-uno libreoffice-script-provider-python"
       " poppler-utils fonts-noto-cjk fonts-liberation2")  # fmt: skip
# fc-list as on a machine with many fonts: far more than a pipe holds, so a reader
# that leaves early (grep -q) kills it with SIGPIPE.
MANY_FONTS = f"""#!{sys.executable}
import sys
for i in range(200_000):
    print(f"/usr/share/fonts/f{{i}}.ttf: Noto Sans CJK TC,LiberationSans")
"""


def _bin(tmp_path: Path, fonts: str | None, tools=True) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    scripts = {"python-with-uno": "#!/bin/sh\nexit 0\n"}
    if tools:
        scripts |= {"soffice": "#!/bin/sh\n", "pdftotext": "#!/bin/sh\n"}
    if fonts is not None:
        scripts["fc-list"] = fonts
    for name, text in scripts.items():
        (folder / name).write_text(text)
        (folder / name).chmod(0o755)
    return folder


def _missing(tmp_path: Path, folder: Path) -> str:
    script = (
        "set -euo pipefail; source scripts/venv.sh;"
        f" DEBIAN_PYTHON={folder}/python-with-uno; missing_apt_packages"
    )
    done = subprocess.run(
        ["/bin/bash", "-c", script], cwd=ROOT, capture_output=True, text=True,
        env={"PATH": str(folder)}, timeout=60, check=True,
    )  # fmt: skip
    return done.stdout.strip()


def test_fonts_listed_by_a_long_fc_list_are_found(tmp_path):
    assert _missing(tmp_path, _bin(tmp_path, MANY_FONTS)) == ""


def test_what_is_missing_is_named(tmp_path):
    nothing = "#!/bin/sh\nexit 0\n"
    folder = _bin(tmp_path, nothing, tools=False)
    (folder / "python-with-uno").write_text("#!/bin/sh\nexit 1\n")
    assert _missing(tmp_path, folder) == ALL


def _site(python: str) -> str:
    return subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip


@pytest.mark.slow
def test_the_venv_sees_no_system_package_but_debians_uno(tmp_path):
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    make = "set -euo pipefail; source scripts/venv.sh; make_venv"
    subprocess.run(["/bin/bash", "-c", make], cwd=tmp_path, check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    python = str(tmp_path / ".venv" / "bin" / "python")
    path = subprocess.run(
        [python, "-c", "import sys; print(sys.path)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    base = shutil.which("python3")
    assert _site(base) not in path and "/usr/lib/python3/dist-packages" not in path
    cfg = tmp_path / ".venv" / "pyvenv.cfg"
    assert "include-system-site-packages = false" in cfg.read_text()
    debian = subprocess.run(
        ["/usr/bin/python3", "-c", "import uno, sys; print(sys.version_info[:2])"],
        capture_output=True, text=True,
    )  # fmt: skip
    ours = subprocess.run([python, "-c", "import sys; print(sys.version_info[:2])"],
                          capture_output=True, text=True).stdout  # fmt: skip
    if debian.returncode == 0 and debian.stdout == ours:
        subprocess.run([python, "-c", "import uno; uno.getComponentContext()"],
                       check=True, timeout=60)  # fmt: skip
    # A .venv of the earlier script (it saw every system package) is mended.
    cfg.write_text(cfg.read_text().replace("= false", "= true"))
    subprocess.run(["/bin/bash", "-c", make], cwd=tmp_path, check=True, timeout=300)
    assert "include-system-site-packages = false" in cfg.read_text()
