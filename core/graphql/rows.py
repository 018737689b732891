"""Rows to objects, declared once: ``from_row = row_mapping(Model, **fields)`` on a Strawberry type.

A type says only what differs from the rule; every other value comes from the row:

- a field not named reads the row attribute of the same Python name;
- ``id`` is the row's global id under the type's GraphQL name (``global_id(row, "Dispute")``);
- the private ``_row`` receives the row itself; other private fields keep their defaults;
- an enum field converts the stored value to the enum, a list of enums each item, and any other
  list is copied (``None`` stays ``None``);
- a field named with a string reads that attribute or dotted path (``created_at="reported_at"``,
  ``name="person.name"``), converted like a field of its own name;
- ``reference(type_name, column)`` gives the global id of the row the column points at, or
  ``None`` when the column is empty;
- a callable gets the row and returns the value as is (no conversion).

Resolver fields (methods decorated with ``@strawberry.field``) are left to their resolvers. The
mapping is worked out once per type, at its first use, into generated code, and checked against
the model: a name that is neither a column nor an attribute of the model, a list of objects or an
object without a mapping, or a private field without a default fails with an error naming the
type. ``from_row`` keeps the row; each field is worked out when it is first read (an instance of
the type, of a subclass made for the purpose), so a list pays only for the fields its query
selects.
Masking of personal data is not done here: ``core.graphql.masking`` applies it to the output.
"""

import dataclasses
import enum
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from strawberry.types.base import StrawberryList, StrawberryOptional, has_object_definition
from strawberry.types.enum import StrawberryEnumDefinition
from strawberry.types.private import is_private
from tortoise.models import Model

from core.graphql.ids import to_global_id

M = TypeVar("M", bound=Model)
T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Reference:
    """The global id of the row ``column`` points at, as type ``type_name``; ``None`` if empty."""

    type_name: str
    column: str


def reference(type_name: str, column: str) -> Reference:
    """A field holding the global id of a related row: ``reference("User", "recorded_by_id")``."""
    return Reference(type_name, column)


FieldSpec = str | Reference | Callable[[Any], Any]


class RowMapping(Generic[M]):
    """``Type.from_row(row)`` built from the type's fields; see the module documentation."""

    def __init__(self, model: type[M], fields: dict[str, FieldSpec]) -> None:
        self.model = model
        self.fields = fields
        self._built: dict[type, Callable[[M], Any]] = {}

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type[T]) -> Callable[[M], T]:
        built = self._built.get(owner)
        if built is not None:
            return built

        # Worked out at the first row, not here: the class may be read (``node_type``) before
        # the types it refers to exist and before the ORM knows its relations.
        def from_row(row: M) -> T:
            return self.mapping(owner)(row)

        return from_row

    def mapping(self, cls: type[T]) -> Callable[[M], T]:
        """The built ``from_row`` of ``cls``; raises ``TypeError`` when the mapping does not fit."""
        built = self._built.get(cls)
        if built is None:
            built = self._built[cls] = self._build(cls)
        return built

    def _build(self, cls: type[T]) -> Callable[[M], T]:
        if not has_object_definition(cls):
            raise TypeError(f"{cls.__name__}.from_row: row_mapping works on a Strawberry type (@strawberry.type)")
        definition = cls.__strawberry_definition__
        graphql_fields = {
            field.python_name: field
            for field in definition.fields
            if field.base_resolver is None and not is_private(field.type)
        }
        where = f"{definition.name} ({cls.__module__}.{cls.__qualname__})"
        init_fields = {field.name: field for field in dataclasses.fields(cls) if field.init}  # type: ignore[arg-type]
        unknown = sorted(set(self.fields) - set(init_fields))
        if unknown:
            raise TypeError(f"{where}: row_mapping names {unknown}, which are not data fields of the type")
        # The mapping becomes generated code, as a hand-written from_row would read, with one
        # difference: each value is worked out when GraphQL first reads it (``_Deferred``), so
        # a row costs only the fields its query selects — a list showing 4 of a type's 30 fields
        # converts no time, JSON or enum it does not show and decrypts no column it does not show.
        namespace: dict[str, Any] = {"_to_global_id": to_global_id}
        getters: dict[str, str] = {}
        fixed: list[str] = []
        for name, field in init_fields.items():
            graphql_field = graphql_fields.get(name)
            if name in self.fields:
                getters[name] = self._expression(where, name, self.fields[name], graphql_field, namespace)
            elif name == "_row":
                fixed.append("'_row': row")
            elif graphql_field is None:
                if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
                    raise TypeError(f"{where}: private field {name!r} has no default; name it in row_mapping")
                if field.default_factory is not dataclasses.MISSING:
                    helper = f"_d{len(namespace)}"
                    namespace[helper] = field.default_factory
                    fixed.append(f"{name!r}: {helper}()")
            elif name == "id":
                getters[name] = f"_to_global_id({definition.name!r}, row.pk)"
            else:
                getters[name] = self._expression(where, name, name, graphql_field, namespace)
        lines = [f"def _get_{name}(row):\n    return {expression}\n" for name, expression in getters.items()]
        lines.append(
            "def from_row(row):\n    instance = _new(_lazy)\n"
            f"    instance.__dict__.update({{{_SOURCE!r}: row, {', '.join(fixed)}}})\n    return instance\n"
        )
        lazy = type(cls.__name__, (cls,), {"__module__": cls.__module__, "__qualname__": cls.__qualname__})
        for name in getters:
            setattr(lazy, name, _Deferred(name))
        namespace.update(_new=object.__new__, _lazy=lazy)
        exec(compile("".join(lines), f"<row_mapping {definition.name}>", "exec"), namespace)
        for name in getters:
            getattr(lazy, name).compute = namespace[f"_get_{name}"]
        from_row: Callable[[M], T] = namespace["from_row"]
        from_row.__qualname__ = f"{cls.__qualname__}.from_row"
        return from_row

    def reads(self, cls: type) -> dict[str, frozenset[str] | None]:
        """Per data field of ``cls`` (Python name), the columns its value is read from, as
        ``only()`` expressions (``person__name`` for ``"person.name"``); None for a callable,
        which may read anything."""
        found: dict[str, frozenset[str] | None] = {}
        for field in cls.__strawberry_definition__.fields:  # type: ignore[attr-defined]
            if field.base_resolver is not None or is_private(field.type):
                continue
            name = field.python_name
            spec = self.fields.get(name, self.model._meta.pk_attr if name == "id" else name)
            if isinstance(spec, Reference):
                spec = spec.column
            found[name] = _column_path(self.model, spec) if isinstance(spec, str) else None
        return found

    def _expression(self, where: str, name: str, spec: FieldSpec, graphql_field: Any, namespace: dict[str, Any]) -> str:
        """Python source of the field's value read from ``row``; helpers go into ``namespace``."""
        if isinstance(spec, Reference):
            self._check_path(where, name, spec.column)
            return f"(None if (_pk := row.{spec.column}) is None else _to_global_id({spec.type_name!r}, _pk))"
        if isinstance(spec, str):
            self._check_path(where, name, spec)
            convert = _converter(where, name, graphql_field.type if graphql_field is not None else None)
            if convert is None:
                return f"row.{spec}"
            helper = f"_c{len(namespace)}"
            namespace[helper] = convert
            return f"{helper}(row.{spec})"
        if callable(spec):
            helper = f"_f{len(namespace)}"
            namespace[helper] = spec
            return f"{helper}(row)"
        raise TypeError(f"{where}: row_mapping {name}= must be a column name, a reference(...) or a callable")

    def _check_path(self, where: str, name: str, path: str) -> None:
        model: Any = self.model
        parts = path.split(".")
        if not all(part.isidentifier() for part in parts):
            raise TypeError(f"{where}: {name}: {path!r} is not an attribute name or a dotted path of them")
        for part in parts:
            if model is None:
                return
            if not _has_attribute(model, part):
                field = f"{name}: " if name != path else ""
                raise TypeError(
                    f"{where}: {field}{model.__name__} has no column or attribute {part!r} "
                    "(name another column, a dotted path, a reference(...) or a callable in row_mapping)"
                )
            related = model._meta.fields_map.get(part)
            model = getattr(related, "related_model", None) if related is not None else None


# Where a built object keeps its row for the fields still to be worked out.
_SOURCE = "_fengqiao_source"


class _Deferred:
    """A field of a built object, worked out from the row at its first read and then kept in the
    object (a non-data descriptor: a value in the instance, once there, always wins)."""

    compute: Callable[[Any], Any]

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance.__dict__[_SOURCE])
        return value


def row_mapping(model: type[M], **fields: FieldSpec) -> RowMapping[M]:
    """Declare how a Strawberry type is built from a row of ``model``: ``from_row = row_mapping(...)``.

    Name only the fields that differ from the rule (same-name attribute, ``id`` as global id,
    ``_row`` as the row): a string is another attribute or a dotted path, ``reference(type_name,
    column)`` a global id or ``None``, a callable gets the row.
    """
    return RowMapping(model, fields)


def _column_path(model: type[Model], path: str) -> frozenset[str] | None:
    """``{"person__name"}`` for ``"person.name"``: a column reached through foreign keys, or None."""
    *relations, column = path.split(".")
    for name in relations:
        related = getattr(model._meta.fields_map.get(name), "related_model", None)
        if related is None or name not in model._meta.fk_fields | model._meta.o2o_fields:
            return None
        model = related
    if column not in model._meta.fields_db_projection:
        return None
    return frozenset({"__".join([*relations, column])})


def _has_attribute(model: type[Model], name: str) -> bool:
    meta = model._meta
    return name in meta.fields_map or name in meta.fields_db_projection or hasattr(model, name)


def _converter(where: str, name: str, graphql_type: Any) -> Callable[[Any], Any] | None:
    """How a stored value becomes the field's value: enums, lists of enums, lists copied."""
    if isinstance(graphql_type, StrawberryOptional):  # every converter keeps None
        return _converter(where, name, graphql_type.of_type)
    if isinstance(graphql_type, StrawberryEnumDefinition):
        return _enum(graphql_type.wrapped_cls)
    if isinstance(graphql_type, StrawberryList):
        item_type = graphql_type.of_type
        if isinstance(item_type, StrawberryOptional):
            item_type = item_type.of_type
        if isinstance(item_type, StrawberryEnumDefinition):
            item = _enum(item_type.wrapped_cls)
            return lambda value: None if value is None else [item(member) for member in value]
        if _is_object(item_type):
            raise TypeError(f"{where}: field {name!r} is a list of objects; give it a callable in row_mapping")
        return lambda value: None if value is None else list(value)
    if _is_object(graphql_type):
        raise TypeError(f"{where}: field {name!r} is an object; give it a callable in row_mapping")
    return None


def _enum(enum_type: type[enum.Enum] | enum.EnumMeta) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        return value if value is None or isinstance(value, enum_type) else enum_type(value)

    return convert


def _is_object(graphql_type: Any) -> bool:
    return isinstance(graphql_type, type) and has_object_definition(graphql_type)
