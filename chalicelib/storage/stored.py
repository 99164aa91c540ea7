"""A domain record as its table item and back, derived from the record's dataclass.

A stored record is declared once, as its domain dataclass: each field goes to the item's
attribute of the same name (what `storage.conditions` relies on), converted by its type:

- an enum by its value; a tuple as a list, or as a set where the item holds a set (read back
  in the enum's declared order, or sorted); a frozenset as a set;
- an empty collection is left out where the item may lack the attribute (`null=True`), and an
  attribute absent from such an item reads back as the field's default;
- a record in a `MapAttribute` (a `Contact`) as that map; a tuple of records or a JSON object
  in a string attribute as compact JSON, each record as the list of its fields;
- numbers, booleans, strings and datetimes as they are.

A kind's `Stored` declares what its item does otherwise, and nothing else: fields stored under
another name (`renamed`), records whose fields sit on the item itself (`flattened`, with the
prefix of their attributes), fields that other writes set (`unwritten`), and the keys
(`storage.keys`). The plan is worked out per kind on first use, from the type hints, so
importing a store costs nothing (docs/operating/architecture.md, "How a record is stored").
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from datetime import datetime
from enum import Enum
from functools import cache, cached_property
from typing import Any, Generic, TypeVar, Union, get_args, get_origin, get_type_hints

from pynamodb.attributes import Attribute, DiscriminatorAttribute, MapAttribute, UnicodeAttribute, UnicodeSetAttribute

from chalicelib.storage.table import Item

R = TypeVar("R")
ItemT = TypeVar("ItemT", bound=Item)

Convert = Callable[[Any], Any]


@dataclass(frozen=True)
class _Leaf:
    """A field stored in one attribute."""

    name: str
    attribute: str
    encode: Convert
    decode: Convert
    #: What an absent attribute reads back as, where the item may lack it.
    default: Callable[[], Any] | None
    optional: bool


@dataclass(frozen=True)
class _Flat:
    """A record whose fields are attributes of the item; absent when they all are."""

    name: str
    record: type
    optional: bool
    parts: tuple[_Leaf | _Flat, ...]

    def attributes(self) -> list[str]:
        return [name for part in self.parts for name in _attributes(part)]


def _attributes(part: _Leaf | _Flat) -> list[str]:
    return [part.attribute] if isinstance(part, _Leaf) else part.attributes()


@dataclass(frozen=True, eq=False)
class Stored(Generic[R, ItemT]):
    """How records of one kind are stored: as `item`, under `keys`."""

    record: type[R]
    item: type[ItemT]
    #: The item's keys (`pk`, `sk`) and index keys, from `storage.keys`, given the record and
    #: what else `encode` was given.
    keys: Callable[..., dict[str, Any]]
    #: Field (`outer.inner` inside a flattened record) → the attribute it is stored as.
    renamed: Mapping[str, str] = field(default_factory=dict)
    #: Record field → the prefix of its fields' attributes on the item.
    flattened: Mapping[str, str] = field(default_factory=dict)
    #: Fields another write sets on the item (read back, never written by `encode`).
    unwritten: frozenset[str] = frozenset()
    #: The item copies only the fields it declares (the others are `given` to `decode`).
    projection: bool = False

    def encode(self, record: R, *context: Any) -> ItemT:
        """The item that stores `record`."""
        return self.item(**self.keys(record, *context), **self.values(record))

    def values(self, record: R) -> dict[str, Any]:
        """The attributes `record` is stored as, but its keys."""
        out: dict[str, Any] = {}
        for part in self._parts:
            if part.name not in self.unwritten:
                _encode(part, getattr(record, part.name), out)
        return out

    def changes(self, old: R, new: R) -> dict[str, Any]:
        """The attributes a step from `old` to `new` writes: those whose stored values differ
        (None where `new` stores none), so that the item then stores `new` as `encode` would."""
        before, after = self.values(old), self.values(new)
        return {name: value for name, value in after.items() if before.get(name) != value}

    def field_values(self, name: str, value: Any) -> dict[str, Any]:
        """The attributes the record's field `name` is stored as, when it holds `value`."""
        out: dict[str, Any] = {}
        _encode(next(part for part in self._parts if part.name == name), value, out)
        return out

    def decode(self, item: Any, **given: Any) -> R:
        """The record `item` stores; `given` fields are taken as they are, not read."""
        values = {part.name: _decode(part, item) for part in self._parts if part.name not in given}
        return self.record(**values, **given)

    @cached_property
    def _parts(self) -> tuple[_Leaf | _Flat, ...]:
        """Worked out once per kind, on first use: type hints cost an import's worth of time."""
        attributes = self.item.get_attributes()
        parts = _plan(self.record, attributes, self.renamed, self.flattened, "", "")
        if self.projection:
            return tuple(part for part in parts if all(name in attributes for name in _attributes(part)))
        missing = [name for part in parts for name in _attributes(part) if name not in attributes]
        if missing:
            raise TypeError(
                f"{self.item.__name__} declares no attribute {', '.join(missing)}: add it to storage/table.py"
            )
        return parts


def _plan(
    cls: type,
    attributes: Mapping[str, Attribute[Any]],
    renamed: Mapping[str, str],
    flattened: Mapping[str, str],
    path: str,
    prefix: str,
) -> tuple[_Leaf | _Flat, ...]:
    hints = _hints(cls)
    parts: list[_Leaf | _Flat] = []
    for one in fields(cls):
        if not one.init:
            continue
        hint, optional = _unwrap(hints[one.name])
        dotted = path + one.name
        if dotted in flattened:
            inner = _plan(hint, attributes, renamed, flattened, dotted + ".", flattened[dotted])
            parts.append(_Flat(one.name, hint, optional, inner))
            continue
        name = renamed.get(dotted, prefix + one.name)
        if name not in attributes:
            parts.append(_Leaf(one.name, name, _same, _same, None, optional))  # `Stored._parts` decides
            continue
        attribute = attributes[name]
        if isinstance(attribute, DiscriminatorAttribute):
            raise TypeError(f"{cls.__name__}.{one.name} would overwrite the item's kind: rename it")
        encode, decode = _converters(hint, attribute)
        default = _default_of(one) if attribute.null else None
        if isinstance(attribute, MapAttribute) and default is None:
            default = hint  # an item written before the map was: the record of no values
        parts.append(_Leaf(one.name, name, encode, decode, default, optional))
    return tuple(parts)


def _default_of(one: Any) -> Callable[[], Any] | None:
    if one.default is not MISSING:
        value = one.default
        return lambda: value
    if one.default_factory is not MISSING:
        return one.default_factory  # type: ignore[no-any-return]
    return None


def _encode(part: _Leaf | _Flat, value: Any, out: dict[str, Any]) -> None:
    if isinstance(part, _Leaf):
        out[part.attribute] = None if value is None else part.encode(value)
        return
    for inner in part.parts:
        _encode(inner, None if value is None else getattr(value, inner.name), out)


def _decode(part: _Leaf | _Flat, item: Any) -> Any:
    if isinstance(part, _Leaf):
        raw = getattr(item, part.attribute)
        if raw is not None:
            return part.decode(raw)
        if part.default is not None:
            return part.default()
        if part.optional:
            return None
        raise TypeError(f"{type(item).__name__} has no {part.attribute!r}, and its record needs one")
    if part.optional and all(getattr(item, name) is None for name in part.attributes()):
        return None
    return part.record(**{inner.name: _decode(inner, item) for inner in part.parts})


def _unwrap(hint: Any) -> tuple[Any, bool]:
    """`X` of `X | None`, and whether it was optional."""
    if get_origin(hint) in (Union, types.UnionType):
        present = [arg for arg in get_args(hint) if arg is not type(None)]
        return present[0], len(present) < len(get_args(hint))
    return hint, False


def _converters(hint: Any, attribute: Attribute[Any]) -> tuple[Convert, Convert]:
    """How a value of type `hint` becomes `attribute`'s value, and back."""
    origin = get_origin(hint)
    if isinstance(attribute, UnicodeAttribute) and (origin in (tuple, dict) or hint is dict):
        return _to_json, lambda raw: _from_plain(json.loads(raw), hint)
    if origin in (tuple, frozenset):
        return _collection(hint, attribute)
    if isinstance(attribute, MapAttribute):
        return _map(hint, type(attribute))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _value, hint
    if hint in (int, float, bool):
        return _same, hint
    if hint in (str, datetime):
        return _same, _same
    raise TypeError(f"no stored form for {hint!r} in {type(attribute).__name__}")


def _same(value: Any) -> Any:
    return value


def _value(member: Enum) -> Any:
    return member.value


def _collection(hint: Any, attribute: Attribute[Any]) -> tuple[Convert, Convert]:
    of = get_args(hint)[0]
    encode_one, decode_one = _converters(of, UnicodeAttribute())
    as_set = isinstance(attribute, UnicodeSetAttribute)
    container: Callable[..., Any] = set if as_set else list
    empty: Any = None if attribute.null else container()

    def encode(values: Any) -> Any:
        return container(encode_one(value) for value in values) or empty

    if get_origin(hint) is frozenset:
        return encode, lambda raw: frozenset(decode_one(value) for value in raw)
    if not as_set:
        return encode, lambda raw: tuple(decode_one(value) for value in raw)
    # A set comes back in no order: a tuple of enum members in the enum's, of strings sorted.
    order = list(of).index if isinstance(of, type) and issubclass(of, Enum) else None
    return encode, lambda raw: tuple(sorted((decode_one(value) for value in raw), key=order))


def _map(hint: Any, map_type: type[MapAttribute[Any, Any]]) -> tuple[Convert, Convert]:
    names = [one.name for one in fields(hint)]

    def encode(record: Any) -> Any:
        return map_type(**{name: getattr(record, name) for name in names})

    def decode(raw: Any) -> Any:
        get = raw.get if isinstance(raw, dict) else lambda name: getattr(raw, name)
        return hint(**{name: get(name) for name in names})

    return encode, decode


def _to_json(value: Any) -> str:
    return json.dumps(_plain(value), separators=(",", ":"), sort_keys=True)


def _plain(value: Any) -> Any:
    """JSON's form of a value: a record as the list of its fields, an enum by its value."""
    if is_dataclass(value):
        return [_plain(getattr(value, one.name)) for one in fields(value)]
    if isinstance(value, tuple | list):
        return [_plain(one) for one in value]
    return value.value if isinstance(value, Enum) else value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _from_plain(value: Any, hint: Any) -> Any:
    hint, _ = _unwrap(hint)
    if value is None:
        return None
    if get_origin(hint) is tuple:
        return tuple(_from_plain(one, get_args(hint)[0]) for one in value)
    if isinstance(hint, type) and is_dataclass(hint):
        hints = _hints(hint)
        return hint(*(_from_plain(one, hints[f.name]) for one, f in zip(value, fields(hint), strict=False)))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    return value
