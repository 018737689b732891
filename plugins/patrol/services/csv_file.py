"""Reading a CSV file from disk as a stream of text lines, for the ``fengqiao import`` command.

The file is never held whole: it is decoded line by line as the importer asks for rows. A
byte that does not decode is refused with the same message as ``csv_format.decode`` (the
line of the first bad byte, and the GB18030 hint when that encoding would have worked); the
line is found by a second, byte-wise pass only when that happens.
"""

from __future__ import annotations

import codecs
import contextlib
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from core import UserInputError
from plugins.patrol.enums import BasicInfoKind, CsvEncoding
from plugins.patrol.services.csv_format import count_records, undecodable


@contextlib.contextmanager
def open_lines(path: Path, encoding: CsvEncoding) -> Iterator[Iterable[str]]:
    """The file's text lines, endings kept (what ``csv.reader`` wants), read as they are used."""
    try:
        binary = path.open("rb")
    except OSError as error:
        raise UserInputError(f"Cannot read {path}: {error.strerror}.", field="path") from None
    with io.TextIOWrapper(binary, encoding=encoding.value, newline="") as text:
        yield _decoded(text, path, encoding)


def _decoded(text: io.TextIOWrapper, path: Path, encoding: CsvEncoding) -> Iterator[str]:
    try:
        yield from text
    except UnicodeDecodeError:
        raise _undecodable(path, encoding) from None


def check_file(path: Path, encoding: CsvEncoding, kind: BasicInfoKind) -> int:
    """Read the whole file once without keeping it: refuse a file that does not decode, lacks
    a required column or is not CSV before any row is written; return how many records it has."""
    with open_lines(path, encoding) as lines:
        return count_records(lines, kind)


def _undecodable(path: Path, encoding: CsvEncoding) -> UserInputError:
    gb18030 = encoding is CsvEncoding.UTF8 and _first_bad_line(path, CsvEncoding.GB18030.value) is None
    return undecodable(encoding, _first_bad_line(path, encoding.value) or 1, would_be_gb18030=gb18030)


def _first_bad_line(path: Path, encoding: str) -> int | None:
    # UTF-8 and GB18030 never use the byte 0x0A inside a character, so splitting at b"\n"
    # splits at line ends only.
    decoder = codecs.getincrementaldecoder(encoding)()
    number = 0
    with path.open("rb") as binary:
        for number, raw in enumerate(binary, start=1):  # noqa: B007
            try:
                decoder.decode(raw)
            except UnicodeDecodeError:
                return number
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return max(number, 1)
    return None
