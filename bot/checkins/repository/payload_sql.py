"""A message kind's payload and idempotency key as SQL expressions, for a set-based
``INSERT ... SELECT`` that writes exactly what the kind itself would."""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, String, func, literal

from bot.core.outbox.messages import MessageKind


def payload_object(
    kind: MessageKind[Any], columns: Mapping[str, ColumnElement[Any]], *, dialect: str
) -> ColumnElement[Any]:
    """The JSON object of ``kind``'s payload, each field from its expression in ``columns``
    (in the model's order; an optional field without one is left to its default)."""
    fields = kind.payload.model_fields
    unknown = sorted(set(columns) - set(fields))
    if unknown:
        raise ValueError(f"{kind.name}: {unknown} are not fields of {kind.payload.__name__}")
    missing = [
        name for name, field in fields.items() if field.is_required() and name not in columns
    ]
    if missing:
        raise ValueError(f"{kind.name}: no SQL expression for the required fields {missing}")
    pairs = [(name, columns[name]) for name in fields if name in columns]
    arguments = [part for name, value in pairs for part in (literal(name), value)]
    if dialect == "postgresql":
        return func.json_build_object(*arguments)
    return func.json_object(*arguments)


def key_expression(
    kind: MessageKind[Any], columns: Mapping[str, ColumnElement[Any]]
) -> ColumnElement[str]:
    """``kind``'s key template as a concatenation of its literal text and the expressions of
    the names it uses (``"checkin:{user_id}"`` is ``'checkin:' || user_id``)."""
    parts: list[ColumnElement[Any]] = []
    for text, name, spec, conversion in string.Formatter().parse(kind.key):
        if text:
            parts.append(literal(text, String))
        if name is None:
            continue
        if spec or conversion:
            raise ValueError(f"{kind.name}: {name!r} has a format the key cannot take in SQL")
        if name not in columns:
            raise ValueError(f"{kind.name}: no SQL expression for {name!r} of its key")
        parts.append(columns[name])
    if not parts:
        raise ValueError(f"{kind.name}: an empty key")
    key = parts[0]
    for part in parts[1:]:
        key = key.concat(part)
    return key
