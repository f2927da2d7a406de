"""The ribbon XML is valid customUI 2009/07, and every callback it names exists
in the built VBA project with the signature the ribbon calls it with."""

import re

from lxml import etree

from addin.build import RIBBON

from .vba import modules_of

CUSTOMUI = "http://schemas.microsoft.com/office/2009/07/customui"


def _ribbon():
    return etree.fromstring(RIBBON.read_bytes())


def _subs(code: str) -> dict[str, str]:
    """Sub name -> its parameter list, for every Sub in a module."""
    return {
        m.group(1): m.group(2).strip()
        for m in re.finditer(
            r"^\s*(?:Public |Private )?Sub (\w+)\(([^)]*)\)", code, flags=re.M
        )
    }


def test_the_tab_has_its_buttons_in_both_languages():
    root = _ribbon()
    assert root.tag == f"{{{CUSTOMUI}}}customUI"
    tab = root.find(f".//{{{CUSTOMUI}}}tab")
    assert tab.get("label") == "Estimates 預算"
    buttons = root.findall(f".//{{{CUSTOMUI}}}button")
    labels = [b.get("label").split(" ")[0] for b in buttons]
    assert labels == ["Refresh", "Check", "Clear", "Revert", "Next", "Import…",
                      "New", "Export…", "About"]  # fmt: skip
    assert buttons[0].get("size") == "large"
    for b in buttons:
        assert b.get("imageMso") and b.get("screentip") and b.get("supertip")
        assert re.search(r"[\u4e00-\u9fff]", b.get("label")), b.get("label")
    keytips = [b.get("keytip") for b in buttons]
    assert len(set(keytips)) == len(keytips) == 9


def test_every_on_action_resolves_to_a_ribbon_sub(template_dir):
    modules = modules_of(template_dir / "Estimates.xltm")
    root = _ribbon()
    actions = [e.get("onAction") for e in root.iter() if e.get("onAction")]
    assert len(actions) == 9
    for action in actions:
        module, sub = action.split(".")
        assert module in modules, action
        params = _subs(modules[module]).get(sub)
        assert params == "control As IRibbonControl", (action, params)
    module, sub = root.get("onLoad").split(".")
    assert _subs(modules[module])[sub] == "ribbon As IRibbonUI"


def test_the_callbacks_call_fixed_entry_points_never_the_file_name(template_dir):
    code = modules_of(template_dir / "Estimates.xltm")["EstimatesRibbon"]
    assert "ThisWorkbook.Name" not in code
    entries = set(re.findall(r'RunEstimates "(\w+)"', code))
    assert entries == {
        "refresh",
        "check",
        "clear_flags",
        "revert",
        "next_flag",
        "about",
        "import_data",
        "new_year_check",
        "new_year",
        "export_data",
    }
    import addin.macros as macros

    assert all(callable(getattr(macros, e)) for e in entries)
    assert (
        "import addin.macros as estimates_macros" in code
        and '"estimates_macros." & entry & "(" & args & ")' in code
    )


def test_a_callback_the_project_lacks_would_be_caught():
    code = "Sub OnRefresh(control As IRibbonControl)\nEnd Sub\nSub OnCheck()\nEnd Sub\n"
    subs = _subs(code)
    assert subs["OnRefresh"] == "control As IRibbonControl"
    assert subs["OnCheck"] != "control As IRibbonControl"
    assert "OnAbout" not in subs
