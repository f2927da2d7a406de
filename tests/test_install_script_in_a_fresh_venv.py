"""IT's POSIX install script, run for real: the wheel built by `python -m build`
goes into a fresh venv, the user's xlwings.conf names that venv's Python (other
keys kept), and a working Estimates.xltm lands in the templates folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from workbook.versions import XLWINGS_VERSION

from .vba import modules_of

ROOT = Path(__file__).resolve().parents[1]
SKIP = shutil.ignore_patterns(
    ".*", "build", "dist", "*.egg-info", "__pycache__", "tests", "benchmarks"
)  # what the wheel is built from: not the checkout's venv, caches or tests


def _wheel(tmp: Path) -> Path:
    source = tmp / "src"
    shutil.copytree(ROOT, source, ignore=SKIP)
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation",
         "--skip-dependency-check", "-o", str(tmp / "dist"), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = (tmp / "dist").glob("estimates_addin-*-py3-none-any.whl")
    return wheel


@pytest.mark.slow
def test_the_posix_install_script_installs_the_wheel_conf_and_template(tmp_path):
    wheel = _wheel(tmp_path)
    conf_dir, templates = tmp_path / "conf", tmp_path / "Workgroup Templates"
    conf_dir.mkdir()
    (conf_dir / "xlwings.conf").write_text(
        '"INTERPRETER_MAC","/usr/bin/python-old"\n"LICENSE_KEY","kept"\n'
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env |= {
        "HOME": str(tmp_path / "home"),
        "PYTHON": sys.executable,
        "ESTIMATES_HOME": str(tmp_path / "Estimates"),
        "XLWINGS_CONF_DIR": str(conf_dir),
        "WORKGROUP_TEMPLATES": str(templates),
        # Offline: the pinned dependencies come from this Python's site-packages.
        "VENV_ARGS": "--system-site-packages",
        "PIP_ARGS": "--no-index",
    }
    done = _install(env, tmp_path, wheel)
    assert done.returncode == 0, done.stderr
    python = tmp_path / "Estimates" / "venv" / "bin" / "python"
    where = subprocess.run(
        [str(python), "-c", "import addin, xlwings; print(addin.__file__);"
         " print(xlwings.__version__)"],
        env=env, capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout.split()  # fmt: skip
    assert where[0].startswith(str(tmp_path / "Estimates" / "venv"))  # the wheel's
    assert where[1] == XLWINGS_VERSION
    lines = (conf_dir / "xlwings.conf").read_text().splitlines()
    assert sorted(lines) == sorted(
        ['"LICENSE_KEY","kept"', f'"INTERPRETER_MAC","{python}"']
    )
    template = templates / "Estimates.xltm"
    with zipfile.ZipFile(template) as z:
        types = z.read("[Content_Types].xml").decode()
    assert "application/vnd.ms-excel.template.macroEnabled.main+xml" in types
    assert {"EstimatesRibbon", "EstimatesUdfs", "xlwings"} <= set(modules_of(template))
    _a_second_run_keeps_the_template(env, tmp_path, wheel, template)


def _install(env, tmp_path, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sh", str(ROOT / "install" / "install.sh"), *map(str, args)],
        env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )  # fmt: skip


def _a_second_run_keeps_the_template(env, tmp_path, wheel, template):
    """At the next logon the template (which IT may have signed since) is left
    as it is; --force rebuilds it."""
    signed = template.read_bytes() + b""  # stands for IT's signed copy
    template.write_bytes(signed)
    again = _install(env, tmp_path, wheel)
    assert again.returncode == 0, again.stderr
    assert f"kept {template}: it is already template" in again.stdout
    assert template.read_bytes() == signed
    forced = _install(env, tmp_path, "--force", wheel)
    assert forced.returncode == 0, forced.stderr
    assert f"replaced {template} (template" in forced.stdout


def test_an_unwritable_templates_folder_fails_before_the_venv(tmp_path):
    wheel = tmp_path / "estimates_addin-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"not needed: the script stops before pip")
    (tmp_path / "a file").write_text("")
    templates = tmp_path / "a file" / "Templates"  # cannot be made by anyone
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env |= {
        "HOME": str(tmp_path / "home"),
        "ESTIMATES_HOME": str(tmp_path / "Estimates"),
        "XLWINGS_CONF_DIR": str(tmp_path / "conf"),
        "WORKGROUP_TEMPLATES": str(templates),
    }
    done = _install(env, tmp_path, wheel)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"Estimates: cannot write to the templates folder {templates}; nothing was"
        " installed (set WORKGROUP_TEMPLATES or ask IT for access)"
    )
    assert not (tmp_path / "Estimates").exists()
    assert not (tmp_path / "conf").exists()


def test_the_script_refuses_without_a_wheel(tmp_path):
    done = subprocess.run(
        ["sh", str(ROOT / "install" / "install.sh"), str(tmp_path / "none.whl")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "usage: sh install.sh" in done.stderr
