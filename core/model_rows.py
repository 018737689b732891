"""Model instances from a list's rows, built by generated code instead of Tortoise's generic loop.

Tortoise builds every fetched row with ``Model._init_from_db(**row)``: the row turned into
keyword arguments, then three loops over the model's fields, and for joined rows
(``select_related``) each row copied into lists and dicts and every key split. For the pages
and nested lists of a GraphQL request that is most of the time spent on the rows (a page of
46 disputes with their parties and mediators: 7.7 ms against 0.9 ms for the statements).

``fetch_models(queryset)`` runs the same statement and builds the same instances — same
attributes, same values, same joined rows — through one generated function per model and
column layout, which reads each value by position and converts it only where Tortoise does.
An ``only()`` queryset (a list fetching just the columns its selection reads, ``core.graphql.
column_reads``) gives partial instances, as Tortoise's does: the columns not fetched are absent,
and saving one is refused. Querysets it does not cover (annotations, ``prefetch_related``,
``get()``/``first()``) are simply awaited. ``tests/e2e/test_model_rows.py`` checks every model
of the demo against Tortoise's own result.
"""

from collections.abc import Callable, Sequence
from typing import Any

from tortoise.models import Model
from tortoise.queryset import QuerySet

Builder = Callable[[Sequence[Any]], Model]
# (model, first column, the columns' names) → the builder of one model's columns.
_builders: dict[tuple[type[Model], int, tuple[str, ...]], Builder] = {}
# (the statement's models and relations, its columns' names) → the builder of its rows.
_layouts: dict[tuple[Any, ...], Callable[[Sequence[Any]], list[Any]]] = {}


async def fetch_models(queryset: QuerySet[Any]) -> list[Any]:
    """The rows of ``queryset`` as model instances, equal to ``await queryset``'s."""
    if not _covered(queryset):
        return list(await queryset)
    if queryset._db is None:
        queryset._db = queryset._choose_db(queryset._select_for_update)
    queryset._make_query()
    sql, values = queryset.query.get_parameterized_sql()
    return await build_rows(queryset._db, sql, values, queryset._select_related_idx)


async def build_rows(db: Any, sql: str, values: list[Any], layout: list[Any]) -> list[Any]:
    """Run a statement Tortoise built for a queryset and build its rows by the queryset's
    layout (``_select_related_idx``): the statement kept by ``core.keyed_rows`` runs here."""
    _, rows = await db.execute_query(sql, values)
    if not rows:
        return []
    return _build(layout, rows)


def _covered(queryset: QuerySet[Any]) -> bool:
    return not (queryset._annotations or queryset._prefetch_map or queryset._prefetch_queries or queryset._single)


def _build(layout: list[Any], rows: Sequence[Any]) -> list[Any]:
    names = tuple(rows[0].keys())
    key = (tuple((entry[0], entry[1], tuple(entry[-1])) for entry in layout), names)
    build = _layouts.get(key)
    if build is None:
        build = _layouts[key] = _generate_layout(layout, names)
    return build(rows)


def _generate_layout(layout: list[Any], names: tuple[str, ...]) -> Callable[[Sequence[Any]], list[Any]]:
    """One function building a statement's rows: the model's own, then each joined row from the
    columns that follow, attached as Tortoise does (``_<relation>`` on its parent; None when
    all its columns are empty, so a missing row of a LEFT JOIN is None)."""
    model, width = layout[0][0], layout[0][1]
    namespace: dict[str, Any] = {"_b0": _builder(model, 0, names[:width]), "_set": object.__setattr__}
    if len(layout) == 1:
        source = "def build_all(rows):\n    return [_b0(row) for row in rows]\n"
    else:
        lines = ["def build_all(rows):", "    built = []", "    for row in rows:", "        row = tuple(row)"]
        lines.append("        i0 = _b0(row)")
        variables: dict[tuple[Any, ...], str] = {tuple(layout[0][-1]): "i0"}
        start = width
        for number, (related, count, *_, full_path) in enumerate(layout[1:], start=1):
            *parent_path, attribute = full_path
            columns = tuple(name.split(".", 1)[1] for name in names[start : start + count])
            namespace[f"_b{number}"] = _builder(related, start, columns)
            parent = variables[tuple(parent_path)]
            lines.append(f"        i{number} = _b{number}(row) if any(row[{start}:{start + count}]) else None")
            lines.append(f"        if {parent} is not None:")
            lines.append(f"            _set({parent}, {'_' + attribute!r}, i{number})")
            variables[tuple(full_path)] = f"i{number}"
            start += count
        lines += ["        built.append(i0)", "    return built", ""]
        source = "\n".join(lines)
    exec(compile(source, f"<model_rows {model.__name__} page>", "exec"), namespace)
    return namespace["build_all"]


def _builder(model: type[Model], first: int, names: tuple[str, ...]) -> Builder:
    key = (model, first, names)
    build = _builders.get(key)
    if build is None:
        build = _builders[key] = _generate(model, first, names)
    return build


def _generate(model: type[Model], first: int, names: tuple[str, ...]) -> Builder:
    """``def build(row): instance = new(Model); instance.__dict__ = {...}; return instance``,
    with the values ``Model._init_from_db`` would set. Columns that need converting (times,
    JSON, enums, encrypted text) are converted when first read (``_LazyColumn``), so a page
    pays only for the values its answer shows. A row of some of the model's columns (``only()``,
    named by attribute) gives a partial instance, as Tortoise's does."""
    meta = model._meta
    plain: dict[str, tuple[str, Any]] = {}
    for column, attribute, _field in meta.db_native_fields:
        plain[column] = plain[attribute] = (attribute, None)
    for column, attribute, field in meta.db_default_fields:
        plain[column] = plain[attribute] = (attribute, _default(field.field_type))
    deferred: dict[str, tuple[str, Any]] = {}
    for column, attribute, field in meta.db_complex_fields:
        deferred[column] = deferred[attribute] = (attribute, field.to_python_value)
    known = {**plain, **deferred}
    attributes = [known[name][0] for name in names if name in known]
    if len(attributes) != len(names) or len(set(attributes)) != len(attributes):
        # Not columns of the model: Tortoise's own path, by name, exactly as it would do it.
        return lambda row: model._init_from_db(**dict(zip(names, tuple(row)[first : first + len(names)], strict=True)))
    partial = len(attributes) < len(meta.db_fields)
    namespace: dict[str, Any] = {"_new": object.__new__, "_model": model}
    items = [
        f"'_partial': {partial!r}",
        "'_saved_in_db': True",
        f"'_custom_generated_pk': {meta.db_pk_column not in meta.generated_db_fields!r}",
        "'_await_when_save': {}",
    ]
    later: dict[str, tuple[int, Callable[[Any], Any]]] = {}
    for position, column in enumerate(names, start=first):
        if column in deferred:
            attribute, convert = deferred[column]
            later[attribute] = (position, convert)
            _install_lazy(model, attribute)
            continue
        attribute, convert = plain[column]
        if convert is None:
            items.append(f"{attribute!r}: row[{position}]")
        else:
            helper = f"_c{len(namespace)}"
            namespace[helper] = convert
            items.append(f"{attribute!r}: {helper}(row[{position}])")
    if later:
        namespace["_later"] = later
        items += [f"{_LAZY_ROW!r}: row", f"{_LAZY_COLUMNS!r}: _later"]
    source = "def build(row):\n    instance = _new(_model)\n    instance.__dict__.update({" + ", ".join(items) + "})\n"
    source += "    return instance\n"
    exec(compile(source, f"<model_rows {model.__name__}>", "exec"), namespace)
    return namespace["build"]


_LAZY_ROW = "_fengqiao_row"
_LAZY_COLUMNS = "_fengqiao_lazy"


class _LazyColumn:
    """A model attribute converted from its stored value at the first read, then kept in the
    instance (a non-data descriptor: the instance's own value, once set, always wins — so
    instances Tortoise builds, or values assigned, never reach it)."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        values = instance.__dict__
        try:
            position, convert = values[_LAZY_COLUMNS][self.attribute]
        except KeyError:
            raise AttributeError(self.attribute) from None
        value = values[self.attribute] = convert(values[_LAZY_ROW][position])
        return value


def _install_lazy(model: type[Model], attribute: str) -> None:
    if not isinstance(model.__dict__.get(attribute), _LazyColumn):
        if hasattr(model, attribute):
            raise TypeError(f"{model.__name__}.{attribute}: a class attribute shadows the column")
        setattr(model, attribute, _LazyColumn(attribute))


def _default(field_type: type) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        return None if value is None else field_type(value)

    return convert
