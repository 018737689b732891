"""Flattening GraphQL nodes into rows, and writing them as CSV or XLSX with a watermark."""

from __future__ import annotations

import csv
from typing import Any, Protocol

from core.exports.models import ExportFormat


def flatten(node: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """``{"a": {"b": 1}, "tags": ["x", "y"], "parties": [{"name": "张*"}]}`` →
    ``{"a.b": "1", "tags": "x; y", "parties.name": "张*"}``."""
    flat: dict[str, str] = {}
    for key, value in node.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        elif isinstance(value, list):
            if value and all(isinstance(item, dict) for item in value):
                parts: dict[str, list[str]] = {}
                for item in value:
                    for sub, text in flatten(item, name + ".").items():
                        parts.setdefault(sub, []).append(text)
                flat.update({sub: "; ".join(texts) for sub, texts in parts.items()})
            else:
                flat[name] = "; ".join("" if item is None else str(item) for item in value)
        else:
            flat[name] = "" if value is None else str(value)
    return flat


def safe_cell(text: str) -> str:
    """Cells starting with = + - @ are formulas to a spreadsheet: quote them (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class Writer(Protocol):
    def header(self, columns: list[str]) -> None: ...
    def row(self, values: list[str]) -> None: ...
    def close(self) -> None: ...


class CsvWriter:
    """UTF-8 with BOM (Excel opens it right); the watermark is the first line."""

    def __init__(self, path: str, watermark: str) -> None:
        self.file = open(path, "w", newline="", encoding="utf-8-sig")  # noqa: SIM115 — closed in close()
        self.csv = csv.writer(self.file)
        self.csv.writerow([watermark])

    def header(self, columns: list[str]) -> None:
        self.csv.writerow(columns)

    def row(self, values: list[str]) -> None:
        self.csv.writerow([safe_cell(value) for value in values])

    def close(self) -> None:
        self.file.close()


class XlsxWriter:
    """The watermark is the first row, the printed header and footer of every page."""

    def __init__(self, path: str, watermark: str) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False})
        self.sheet = self.book.add_worksheet("导出")
        mark = watermark.replace("&", "&&")
        self.sheet.set_header(f"&C{mark}")
        self.sheet.set_footer(f"&L{mark}&R&P / &N")
        self.mark_format = self.book.add_format({"font_color": "#C00000", "bold": True})
        self.bold = self.book.add_format({"bold": True})
        self.sheet.write_string(0, 0, watermark, self.mark_format)
        self.next_row = 1

    def header(self, columns: list[str]) -> None:
        for column, name in enumerate(columns):
            self.sheet.write_string(self.next_row, column, name, self.bold)
        self.next_row += 1

    def row(self, values: list[str]) -> None:
        for column, value in enumerate(values):
            self.sheet.write_string(self.next_row, column, value)
        self.next_row += 1

    def close(self) -> None:
        self.book.close()


def writer_for(fmt: ExportFormat, path: str, watermark: str) -> Writer:
    return CsvWriter(path, watermark) if fmt is ExportFormat.CSV else XlsxWriter(path, watermark)
