"""What a clerk is told when a book's template and the installed add-in differ."""

from __future__ import annotations

from estimates import __version__

from . import layout as L

# The one xlwings this add-in is built and installed with (pyproject pins it, a
# test holds them equal). A book's VBA declares xlwings' DLL by this version, so a
# new xlwings means a new template version, and books move to it (README).
XLWINGS_VERSION = "0.37.8"


def advice(
    template: str, layout: str = L.TEMPLATE_VERSION, package: str = __version__
) -> tuple[str, str]:
    """(English, Chinese): exactly what to do, never an obscure failure."""
    if not template:
        return (
            "This workbook carries no template version (Head!C23): it was not made"
            f" from the Estimates template. Build a new one from template {layout}"
            " ('estimates template -o Estimates.xltm') and copy the inputs across.",
            "此工作簿沒有範本版本,並非由預算範本建立。"
            f"請以 {layout} 版範本建立新工作簿。",
        )
    if template == layout:
        return (
            f"Template {template}, add-in {package}, xlwings {XLWINGS_VERSION}:"
            " they match.",
            f"範本 {template},工具 {package},xlwings {XLWINGS_VERSION}:版本相符。",
        )
    return (
        f"This workbook was made from template {template}, but the add-in installed"
        f" on this PC is {package} (template {layout}, xlwings {XLWINGS_VERSION})."
        " Ask IT to install the add-in"
        f" that matches (pip install estimates-addin=={template}), or rebuild the"
        f" workbook from the {layout} template and copy the inputs across. Refresh"
        " does not write into a book of another template version.",
        f"此工作簿由 {template} 版範本建立,但本機工具為 {package}"
        f"(範本 {layout},xlwings {XLWINGS_VERSION})。"
        f"請IT安裝相符版本(pip install estimates-addin=={template}),"
        f"或以 {layout} 版範本重建工作簿。",
    )
