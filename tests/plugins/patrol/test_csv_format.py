"""``csv_format``: the pre-check's count and the import's records agree on which rows hold data."""

from plugins.patrol.enums import BasicInfoKind
from plugins.patrol.services.csv_format import count_records, read_records, text_lines

# Blank lines, whitespace-only cells (a full-width space among them) and a short row.
TEXT = '区域,地址,纬度,经度\n文峰一网格,幸福路1号,,\n\n , \t,\u3000,\n,,,\n文峰一网格,幸福路2号\n  ,"幸福路 3号"\n'


def test_rows_whose_cells_are_all_whitespace_are_neither_counted_nor_read():
    _, records = read_records(text_lines(TEXT), BasicInfoKind.ADDRESSES)
    read = [(record.line, record.values["address"]) for record in records]
    assert read == [(2, "幸福路1号"), (6, "幸福路2号"), (7, "幸福路 3号")]
    assert count_records(text_lines(TEXT), BasicInfoKind.ADDRESSES) == len(read)


def test_a_short_row_reads_its_missing_cells_as_empty():
    _, records = read_records(text_lines("地址,区域,纬度\n幸福路1号\n"), BasicInfoKind.ADDRESSES)
    assert [record.values for record in records] == [{"address": "幸福路1号", "area": "", "latitude": ""}]
