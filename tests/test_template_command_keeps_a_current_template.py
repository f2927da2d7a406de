"""``estimates template -o T --keep-current`` (what the install scripts run at each
logon): a template of this version, which IT may have signed, is left byte for
byte; one of another version is replaced; each run says what it did."""

import re
import zipfile

from workbook import layout as L
from workbook.cli import run


def _set_version(path, version: str) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["docProps/custom.xml"].decode()
    xml, n = re.subn(r"(<vt:lpwstr[^>]*>)[^<]*<", rf"\g<1>{version}<", xml)
    assert n == 1
    parts["docProps/custom.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_a_current_template_is_kept_and_an_older_one_replaced(tmp_path, capsys):
    target = tmp_path / "Estimates.xltm"
    assert run(["template", "-o", str(target), "--keep-current"]) == 0
    assert capsys.readouterr().out.strip() == f"built {target}"
    signed = target.read_bytes()
    assert run(["template", "-o", str(target), "--keep-current"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"kept {target}: it is already template {L.TEMPLATE_VERSION} (left as it"
        " is, with any signature; rebuild it with --force in the install script)"
    )
    assert target.read_bytes() == signed
    _set_version(target, "0.0.9")
    assert run(["template", "-o", str(target), "--keep-current"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"replaced {target} (template 0.0.9 -> {L.TEMPLATE_VERSION})"
    )
    with zipfile.ZipFile(target) as z:
        assert f">{L.TEMPLATE_VERSION}<" in z.read("docProps/custom.xml").decode()
    assert run(["template", "-o", str(target), "--keep-current"]) == 0
    assert capsys.readouterr().out.startswith(f"kept {target}")


def test_without_keep_current_it_is_refused_and_with_force_rebuilt(tmp_path, capsys):
    target = tmp_path / "Estimates.xltm"
    assert run(["template", "-o", str(target)]) == 0
    capsys.readouterr()
    built = target.read_bytes()
    assert run(["template", "-o", str(target)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"estimates template: {target}: already exists; give a new name, or --force"
        " to replace it"
    )
    assert target.read_bytes() == built
    assert run(["template", "-o", str(target), "--force"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"replaced {target} (template {L.TEMPLATE_VERSION} -> {L.TEMPLATE_VERSION})"
    )
