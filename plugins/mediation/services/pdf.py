"""Printable documents (调解协议书, 司法确认申请书) as PDF, with an embedded Chinese font.

The font is Noto Sans CJK SC from the ``noto-cjk-sans-otc`` package (SIL Open Font License
1.1, which allows embedding). fpdf2 embeds only the glyphs a document uses, so a PDF shows its
Chinese on any reader, on a machine with no Chinese fonts, and stays small (tens of KiB).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fpdf import FPDF

FONT = "NotoSansSC"
# Index of "Noto Sans CJK SC" in NotoSansCJK-Regular.ttc (JP, KR, SC, TC, HK, then the monos).
SC_INDEX = 2
MARGIN = 20


@dataclasses.dataclass(frozen=True)
class Block:
    """A heading (``heading=True``) or a paragraph of the document."""

    text: str
    heading: bool = False


def _font_path() -> str:
    from noto_cjk_sans_otc import FONT_PATH

    return str(FONT_PATH)


@functools.cache
def _document_class() -> Any:
    # fpdf2 brings fontTools: loaded when a document is first printed, not at start-up.
    from fpdf import FPDF

    class Document(FPDF):
        def __init__(self, title: str, footer_note: str) -> None:
            super().__init__(format="A4")
            self.footer_note = footer_note
            self.set_title(title)
            self.set_margins(MARGIN, MARGIN, MARGIN)
            self.set_auto_page_break(auto=True, margin=MARGIN)
            self.add_font(FONT, "", _font_path(), collection_font_number=SC_INDEX)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FONT, size=8)
            self.cell(0, 5, f"{self.footer_note}　第 {self.page_no()} 页", align="C")

    return Document


def render(
    title: str,
    blocks: Sequence[Block],
    *,
    signatures: Sequence[str],
    seal: str,
    footer_note: str,
    created: dt.datetime,
) -> bytes:
    """A4 PDF: a centred title, the blocks, one signature line per name, and the seal box."""
    pdf = _document_class()(title, footer_note)
    pdf.set_creation_date(created)
    pdf.add_page()
    pdf.set_font(FONT, size=18)
    pdf.cell(0, 12, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for block in blocks:
        pdf.set_font(FONT, size=12 if block.heading else 11)
        if block.heading:
            pdf.ln(2)
        pdf.multi_cell(0, 7, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    _signatures(pdf, signatures)
    _seal(pdf, seal)
    return bytes(pdf.output())


def _signatures(pdf: FPDF, names: Sequence[str]) -> None:
    pdf.set_font(FONT, size=11)
    for name in names:
        if pdf.get_y() > pdf.h - 60:
            pdf.add_page()
        pdf.cell(70, 10, f"{name}（签名）：")
        pdf.cell(60, 10, "", border="B")
        pdf.cell(0, 10, "　　年　　月　　日", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)


def _seal(pdf: FPDF, station: str) -> None:
    """A dashed circle where the station (or mediation committee) stamps its seal (盖章处)."""
    if pdf.get_y() > pdf.h - 70:
        pdf.add_page()
    diameter = 42
    x = pdf.w - MARGIN - diameter
    y = pdf.get_y() + 4
    pdf.set_draw_color(200, 30, 30)
    pdf.set_dash_pattern(dash=2, gap=1.5)
    pdf.circle(x=x + diameter / 2, y=y + diameter / 2, radius=diameter / 2)
    pdf.set_dash_pattern()
    pdf.set_draw_color(0, 0, 0)
    pdf.set_text_color(200, 30, 30)
    pdf.set_font(FONT, size=9)
    pdf.set_xy(x, y + diameter / 2 - 7)
    pdf.multi_cell(diameter, 5, f"{station}\n（盖章处）", align="C")
    pdf.set_text_color(0, 0, 0)
