"""What every area's models share: the rules for text and times, the base models, contacts, accounts and
identifiers, the audit record, and problem responses."""

from __future__ import annotations

import inspect
import re
from dataclasses import MISSING, fields
from typing import Annotated, Any, Literal, get_type_hints

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
)

from chalicelib.api.auth import Refusal
from chalicelib.domain import times
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.cases import Contact as DomainContact
from chalicelib.domain.cases import Tlp
from chalicelib.domain.identifiers import Identifier
from chalicelib.domain.people import Refusal as PersonRefusal

#: C0/C1 controls (tab and line breaks aside) and the bidi overrides of "Trojan Source".
_FORBIDDEN = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"


_FORBIDDEN_CHARACTERS = re.compile(f"[{_FORBIDDEN}]")


#: The same rules in the document, so that clients (and the fuzzer) know what text is accepted.
TEXT = {"pattern": f"^[^{_FORBIDDEN}]*$"}


LINE = {"pattern": f"^[^\\t\\n\\r{_FORBIDDEN}]*$"}


def clean(value: str) -> str:
    if _FORBIDDEN_CHARACTERS.search(value):
        raise ValueError("contains control or bidirectional-override characters")
    return value


def single_line(value: str) -> str:
    if "\n" in value or "\r" in value or "\t" in value:
        raise ValueError("must be a single line")
    return clean(value)


#: A time a client sends: with its offset, and within the span the product computes with.
Instant = Annotated[
    AwareDatetime,
    Field(description=f"RFC 3339 with offset, {times.EARLIEST:%Y} to {times.LATEST:%Y}"),
    AfterValidator(times.bounded),
]


Line = Annotated[str, Field(min_length=1, max_length=200, json_schema_extra=LINE), AfterValidator(single_line)]


OptionalLine = Annotated[str, Field(max_length=200, json_schema_extra=LINE), AfterValidator(single_line)]


LongText = Annotated[str, Field(max_length=10_000, json_schema_extra=TEXT), AfterValidator(clean)]


Reason = Annotated[str, Field(min_length=1, max_length=2_000, json_schema_extra=TEXT), AfterValidator(clean)]


OrgCode = Annotated[str, Field(pattern=r"^[A-Z0-9]{1,16}$", description="A registry code, e.g. HSI")]


PlatformCode = Annotated[str, Field(pattern=r"^[A-Z0-9_]{1,32}$", description="e.g. META, TIKTOK, TELEGRAM")]


#: A field whose values are checked elsewhere (a batch's tips, one by one) or kept as they
#: came (an event's detail) says which model describes them; the OpenAPI document turns the
#: marker into that model's `$ref` (pydantic cannot write a reference to a schema it does not hold).
SCHEMA_OF = "x-schema-of"


class Strict(BaseModel):
    # Built on first use, not at import: a cold start builds only the models it serves.
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)


class Out(BaseModel):
    """A response: read straight from the domain's records (`from_attributes`).

    A 1:1 view of a record declares it, not its fields: `class FraudReportOut(Out,
    shows=FraudReport, hides=("reported_by",))` has the record's fields, in its order, with
    their types and defaults; a field the view annotates itself takes that annotation in its
    place, and the view's own fields follow the record's.
    """

    model_config = ConfigDict(defer_build=True, from_attributes=True)

    def __init_subclass__(cls, *, shows: type | None = None, hides: tuple[str, ...] = (), **kwargs: Any) -> None:
        if shows is not None:
            _show(cls, shows, hides)
        super().__init_subclass__(**kwargs)


#: Every view declared from its record, and the record: a field added to a record shows in
#: these views without an edit, so `tests/test_views.py` pins what each shows (a platform reads
#: several of them) and fails until the new field is written there or hidden.
SHOWN: dict[type, type] = {}


def _show(view: type, record: type, hides: tuple[str, ...]) -> None:
    """Gives `view` the annotations and defaults of `record`'s fields (but `hides`), before
    pydantic reads them; the view's own annotations (with their defaults, or none) stand in their place."""
    SHOWN[view] = record
    hints = get_type_hints(record)
    own = dict(inspect.get_annotations(view))
    shown: dict[str, Any] = {}
    for one in fields(record):
        if one.name in hides:
            continue
        if one.name in own:  # the view's own annotation, and its default (or none)
            shown[one.name] = own.pop(one.name)
            continue
        shown[one.name] = hints[one.name]
        if one.default is not MISSING:
            setattr(view, one.name, one.default)
        elif one.default_factory is not MISSING:
            setattr(view, one.name, Field(default_factory=one.default_factory))
    view.__annotations__ = shown | own


#: Sets of organisations leave in a stable order.
OrgList = Annotated[list[str], BeforeValidator(sorted)]


class ContactIn(Strict):
    name: OptionalLine | None = None
    phone: Annotated[str, Field(pattern=r"^\+?[0-9][0-9 ().\-]{2,31}$")] | None = None
    email: Annotated[str, Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None

    @staticmethod
    def over(given: ContactIn | None, default: DomainContact) -> DomainContact:
        """The fields given, and `default`'s (the token's contact) for the rest."""
        given = given or ContactIn()
        return DomainContact(
            name=given.name or default.name, phone=given.phone or default.phone, email=given.email or default.email
        )


class Contact(Out, shows=DomainContact): ...


class NoBody(Strict):
    """These routes take no body (an empty one or `{}`)."""


class Empty(Strict):
    """No fields: the caller's verified identity is the content."""


Url = Annotated[str, Field(min_length=1, max_length=2048, json_schema_extra=LINE), AfterValidator(single_line)]


Token = Annotated[str, Field(min_length=1, max_length=512, json_schema_extra=LINE), AfterValidator(single_line)]


class PreservedAccountIn(Strict):
    service: PlatformCode | None = None
    platform_user_id: Token | None = None
    handle: Token | None = None
    profile_url: Url | None = None


class IdentifierValue(Out, shows=Identifier, hides=("qualifier",)):
    """A normalised identifier, its qualifier under the field it came in."""

    platform: str | None = None
    chain: str | None = None
    carrier: str | None = None
    service: str | None = None


class AuditOut(Out, shows=AuditRecord, hides=("case_id",)):
    # What the record says otherwise: plain strings, and always present (null when unset).
    outcome: str
    resource_id: str | None
    reason: str | None
    request_id: str | None
    identity: str = Field(description="verified, unverified (then claimed_* is what the caller claimed) or system")
    blind_tokens: list[str] = Field(default=[], description="A check's blind-index tokens: never the values")
    sha256: str | None = Field(default=None, description="The SHA-256 of the evidence file the event handed over")


class AuditList(Out):
    items: list[AuditOut]
    next_cursor: str | None
    tlp: Tlp | None = None


class FieldError(Out):
    field: str
    message: str


class Problem(Out):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None
    reason: PersonRefusal | None = Field(
        default=None,
        description="For a 403 of a sensitive act (legal process, emergency requests, their answers): what the "
        "caller lacks as a person, in a code a program can branch on",
    )


class Unauthorized(Out):
    """RFC 9457 problem details of a 401: `reason` says why the token was refused, in a code a
    program can branch on (`detail` says it to a person)."""

    type: str
    title: str
    status: Literal[401]
    detail: str
    reason: Refusal


def dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")
