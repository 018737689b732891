"""The CSV format of the "一标三实" registers: columns, header aliases, value words, decoding.

Headers may be written in English (``id_number``) or Chinese (``身份证号``), in any order;
unknown columns are ignored and reported. Enumerated values accept the English name or the
usual Chinese word (``流动人口`` = ``FLOATING``). Encoding: UTF-8, with or without a byte-order
mark, unless the caller names GB18030 (the superset of GBK and GB2312 that Chinese Excel
writes); a file that does not decode is refused as a whole, naming the line of the first bad
byte and suggesting GB18030 when that would have worked. Nothing is guessed: a wrong guess
would store garbled names without anyone noticing.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
from collections.abc import Iterable, Iterator, Mapping

from core import Datum, UserErrorCode, UserInputError
from plugins.patrol.enums import (
    AddressRelation,
    BasicInfoKind,
    CsvEncoding,
    HousingKind,
    ResidenceKind,
    ResidentTag,
    UnitKind,
)


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    # camelCase name used by validation errors (``UserInputError.field``).
    field: str
    aliases: tuple[str, ...]
    required: bool = False


def _c(key: str, field: str, *aliases: str, required: bool = False) -> Column:
    return Column(key, field, (key, *aliases), required)


# Addresses may leave the area empty when they carry coordinates: the area containing them is taken.
AREA = _c("area", "areaId", "区域", "所属区域", "所属网格")
ADDRESS = _c("address", "address", "地址", "标准地址", "详细地址")
LATITUDE = _c("latitude", "latitude", "纬度")
LONGITUDE = _c("longitude", "longitude", "经度")
# The datum of latitude/longitude: WGS84 (GPS; the default when empty), GCJ02 (AMap/Tencent) or BD09 (Baidu).
DATUM = _c("datum", "datum", "坐标系")
ADDRESS_REF = _c("address", "addressId", "地址", "标准地址", "居住地址", "实际居住地址")

COLUMNS: Mapping[BasicInfoKind, tuple[Column, ...]] = {
    BasicInfoKind.ADDRESSES: (AREA, dataclasses.replace(ADDRESS, required=True), LATITUDE, LONGITUDE, DATUM),
    BasicInfoKind.RESIDENTS: (
        _c("name", "name", "姓名", required=True),
        _c("id_number", "idNumber", "身份证号", "身份证号码", "公民身份号码", required=True),
        _c("phone", "phone", "手机号", "手机号码", "联系电话"),
        _c("registered_address", "registeredAddress", "户籍地址", "户籍地"),
        ADDRESS_REF,
        _c("residence", "residence", "人口类型", "居住类型"),
        _c("relation", "relation", "与房屋关系", "关系"),
        _c("tags", "tags", "标签", "人员标签"),
    ),
    BasicInfoKind.HOUSING: (
        dataclasses.replace(ADDRESS_REF, required=True),
        _c("kind", "kind", "房屋类型", "类型", required=True),
        _c("owner_name", "ownerName", "房主姓名", "产权人"),
        _c("owner_id_number", "ownerIdNumber", "房主身份证号", "产权人身份证号"),
        _c("owner_phone", "ownerPhone", "房主电话", "产权人电话"),
        _c("rented", "isRented", "是否出租", "出租"),
        _c("floor_area", "floorArea", "面积", "建筑面积"),
    ),
    BasicInfoKind.UNITS: (
        _c("name", "name", "单位名称", "名称", required=True),
        _c("kind", "kind", "单位类型", "类型", required=True),
        _c("credit_code", "creditCode", "统一社会信用代码", "信用代码"),
        _c("key_unit", "isKeyUnit", "重点单位", "是否重点单位"),
        ADDRESS_REF,
        _c("legal_representative", "legalRepresentative", "法定代表人", "负责人"),
        _c("phone", "contactPhone", "联系电话", "电话"),
    ),
}

WORDS: Mapping[type, Mapping[str, str]] = {
    ResidenceKind: {"户籍人口": "HOUSEHOLD", "常住人口": "HOUSEHOLD", "流动人口": "FLOATING", "人户分离": "SEPARATED"},
    AddressRelation: {
        "户主": "OWNER",
        "房主": "OWNER",
        "产权人": "OWNER",
        "家庭成员": "FAMILY_MEMBER",
        "租客": "TENANT",
        "租住": "TENANT",
        "集体户": "COLLECTIVE",
        "其他": "OTHER",
    },
    ResidentTag: {
        "留守儿童": "LEFT_BEHIND_CHILD",
        "空巢老人": "EMPTY_NEST_ELDERLY",
        "重点人员": "KEY_PERSON",
        "残疾人": "DISABLED",
        "严重精神障碍患者": "SEVERE_MENTAL_DISORDER",
        "社区矫正对象": "COMMUNITY_CORRECTION",
    },
    HousingKind: {
        "住宅": "RESIDENTIAL",
        "自建房": "SELF_BUILT",
        "商铺": "COMMERCIAL",
        "商业": "COMMERCIAL",
        "商住两用": "MIXED_USE",
        "厂房": "FACTORY",
        "其他": "OTHER",
    },
    UnitKind: {
        "企业": "COMPANY",
        "公司": "COMPANY",
        "商铺": "SHOP",
        "门店": "SHOP",
        "娱乐场所": "ENTERTAINMENT_VENUE",
        "旅馆": "HOTEL",
        "酒店": "HOTEL",
        "学校": "SCHOOL",
        "医院": "HOSPITAL",
        "民爆企业": "CIVIL_EXPLOSIVES",
        "机关": "GOVERNMENT",
        "其他": "OTHER",
    },
}
TRUE_WORDS = {"是", "Y", "YES", "TRUE", "1"}
FALSE_WORDS = {"否", "N", "NO", "FALSE", "0", ""}
TAG_SEPARATORS = (";", "；", "|", "、", ",", "，")


def decode(content: bytes, encoding: CsvEncoding = CsvEncoding.UTF8) -> str:
    """Decode a file, refusing it whole (naming the line) when it is not in ``encoding``."""
    try:
        return content.decode(encoding.value)
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise undecodable(encoding, line, would_be_gb18030=_decodes(content, "gb18030")) from None


def undecodable(encoding: CsvEncoding, line: int, *, would_be_gb18030: bool) -> UserInputError:
    """A file refused for a byte that is not ``encoding``, with the GB18030 hint when it fits."""
    hint = ""
    if encoding is CsvEncoding.UTF8 and would_be_gb18030:
        hint = " It looks like GBK/GB18030 (common for Excel on Chinese Windows): import it with encoding GB18030."
    return UserInputError(
        f"The file is not valid {encoding.name} (first bad byte on line {line}).{hint}",
        field="content",
        code=UserErrorCode.INVALID,
    )


def _decodes(content: bytes, encoding: str) -> bool:
    try:
        content.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


@dataclasses.dataclass
class Header:
    """Which column of the file holds which key; the header text is used in row reasons."""

    positions: dict[str, int]
    labels: dict[str, str]
    ignored: list[str]

    def label(self, field: str | None, kind: BasicInfoKind) -> str | None:
        for column in COLUMNS[kind]:
            if column.field == field:
                # A column the file leaves out (an address's area) is named by its English key.
                return self.labels.get(column.key, column.key)
        return field


def read_header(cells: list[str], kind: BasicInfoKind) -> Header:
    by_alias = {alias.casefold(): column for column in COLUMNS[kind] for alias in column.aliases}
    positions: dict[str, int] = {}
    labels: dict[str, str] = {}
    ignored: list[str] = []
    for index, cell in enumerate(cells):
        text = cell.strip().lstrip("\ufeff")
        column = by_alias.get(text.casefold())
        if column is None:
            if text:
                ignored.append(text)
            continue
        if column.key in positions:
            raise UserInputError(f"Column {text} appears twice.", field="content", code=UserErrorCode.INVALID)
        positions[column.key], labels[column.key] = index, text
    missing = [
        column.aliases[1] + f" ({column.key})"
        for column in COLUMNS[kind]
        if column.required and column.key not in positions
    ]
    if missing:
        raise UserInputError(
            f"Missing required column(s) for {kind.value}: {', '.join(missing)}.",
            field="content",
            code=UserErrorCode.REQUIRED,
        )
    return Header(positions, labels, ignored)


@dataclasses.dataclass(slots=True)
class Record:
    line: int
    values: dict[str, str]


def read_records(lines: Iterable[str], kind: BasicInfoKind) -> tuple[Header, Iterator[Record]]:
    """The header, and the non-blank records as they are read, each with the line it starts on.

    ``lines`` is any iterable of text lines with their endings (a file opened with
    ``newline=""``, or ``io.StringIO(text, newline="")``); nothing is read ahead of the record
    asked for. Bad CSV raises ``UserInputError`` naming the line, when it is reached.
    """
    reader, header = _opened(lines, kind)
    return header, _rows(reader, header)


def _opened(lines: Iterable[str], kind: BasicInfoKind):
    """A CSV reader of ``lines`` past the header, and the header."""
    reader = csv.reader(lines)
    with _csv_errors(reader):
        first = next(reader, None)
    if first is None:
        raise UserInputError("The file is empty.", field="content", code=UserErrorCode.REQUIRED)
    return reader, read_header(first, kind)


def text_lines(text: str) -> Iterable[str]:
    return io.StringIO(text, newline="")


def count_records(lines: Iterable[str], kind: BasicInfoKind) -> int:
    """How many records the file holds, checking its header and CSV shape on the way (the
    cells are not kept: only whether a row is blank)."""
    reader, _ = _opened(lines, kind)
    with _csv_errors(reader):
        return sum(1 for cells in reader if not _blank(cells))


def _blank(cells: list[str]) -> bool:
    # Whitespace only in every cell: the cells' concatenation is whitespace only too.
    return not "".join(cells).strip()


@contextlib.contextmanager
def _csv_errors(reader):
    try:
        yield
    except csv.Error as error:
        raise UserInputError(
            f"The file is not valid CSV near line {reader.line_num}: {error}.", field="content"
        ) from None


def _rows(reader, header: Header) -> Iterator[Record]:
    positions = list(header.positions.items())
    line = reader.line_num + 1
    with _csv_errors(reader):
        for cells in reader:
            if not _blank(cells):
                width = len(cells)
                values = {key: cells[index].strip() if index < width else "" for key, index in positions}
                yield Record(line, values)
            line = reader.line_num + 1


def enum_value(enum_type: type, text: str, *, field: str, default=None):
    """An enum member from its English name or Chinese word; blank gives ``default``."""
    text = text.strip()
    if not text:
        if default is None:
            raise UserInputError("A value is required.", field=field, code=UserErrorCode.REQUIRED)
        return default
    name = WORDS.get(enum_type, {}).get(text, text.upper())
    try:
        return enum_type[name]
    except KeyError:
        choices = ", ".join(member.name for member in enum_type)
        raise UserInputError(f"Unknown value {text!r} (expected one of {choices}).", field=field) from None


def tags_value(text: str) -> list[ResidentTag]:
    for separator in TAG_SEPARATORS[1:]:
        text = text.replace(separator, TAG_SEPARATORS[0])
    return [enum_value(ResidentTag, part, field="tags") for part in text.split(TAG_SEPARATORS[0]) if part.strip()]


def bool_value(text: str, *, field: str) -> bool:
    word = text.strip().upper()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise UserInputError(f"Expected 是/否 (yes/no), got {text!r}.", field=field)


# Names spreadsheets use for each datum, upper-cased.
DATUM_NAMES = {
    "WGS84": Datum.WGS84,
    "WGS-84": Datum.WGS84,
    "GPS": Datum.WGS84,
    "GCJ02": Datum.GCJ02,
    "GCJ-02": Datum.GCJ02,
    "国测局": Datum.GCJ02,
    "高德": Datum.GCJ02,
    "BD09": Datum.BD09,
    "BD-09": Datum.BD09,
    "百度": Datum.BD09,
}


def datum_value(text: str, *, field: str) -> Datum:
    if not text.strip():
        return Datum.WGS84
    datum = DATUM_NAMES.get(text.strip().upper())
    if datum is None:
        raise UserInputError(f"Expected WGS84, GCJ02 or BD09, got {text[:20]!r}.", field=field)
    return datum


def float_value(text: str, *, field: str) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text)
    except ValueError:
        raise UserInputError(f"Expected a number, got {text!r}.", field=field) from None
