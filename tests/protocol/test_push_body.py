"""The fast push-body parser (``protocol.push_body``) takes exactly the bodies the pydantic models
take, as FastAPI read them before (stdlib ``json`` and ``PushRequest.model_validate``), with
equal data; and, for bodies that are standard JSON, exactly those ``model_validate_json``
takes. Bodies are generated valid and invalid: wrong types, missing and extra keys, bad and
too long ids, too long texts (counted in characters), lax forms of ``protocol``, non-object
bodies, huge numbers, NaN, lone surrogates, damaged or re-encoded bytes."""

from __future__ import annotations

import json
import uuid
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol import push_body
from hembesok_desktop.protocol.push_body import BodyRefused, PushedBatch, parse_push_body
from hembesok_desktop.protocol.schema import ID_LIMIT
from hembesok_desktop.protocol.wire import (
    HLC_LIMIT,
    Change,
    EncodedChange,
    FieldValue,
    PushRequest,
)
from hembesok_desktop.protocol.wire import push_body as encode_push

Verdict = tuple[str, Any]


def _today(raw: bytes) -> Verdict:
    """What the endpoint did before: FastAPI's ``json.loads`` and the model's validation."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return ("refused", 422)
    except UnicodeDecodeError:
        return ("refused", 400)
    except RecursionError:
        return ("refused", 400)
    try:
        return ("accepted", repr(PushedBatch.of(PushRequest.model_validate(data))))
    except ValidationError:
        return ("refused", 422)


def _fast(raw: bytes) -> Verdict:
    try:
        return ("accepted", repr(parse_push_body(raw)))
    except BodyRefused as refused:
        assert refused.sentence.endswith(".") and "\n" not in refused.sentence
        return ("refused", refused.status)


_uuid = st.uuids().map(str)
_long_text = st.sampled_from(["x", "é", "😀"]).flatmap(
    lambda char: (
        st.sampled_from([char * 63, char * 64, char * 65, char * 199, char * 200])
        | st.sampled_from([char * 201, char * 210])
    )
)
_good_id = st.one_of(
    _uuid,
    st.from_regex(r"[A-Za-z0-9_.:-]{1,3}", fullmatch=True),
    st.just("x" * ID_LIMIT),
)
_bad_id = st.one_of(
    st.sampled_from(["", "a b", "a\n", "\na", "a\x00", "ä", "a/b", "x" * (ID_LIMIT + 1)]),
    st.sampled_from(["\ud800", "a\udfff"]),
    _long_text,
    st.integers(0, 10),
    st.none(),
    st.just([]),
)
_good_stamp = st.one_of(
    st.just("001796185650407-00000-node1"),
    st.text(max_size=5),
    _long_text.filter(lambda text: len(text) <= HLC_LIMIT),
)
_bad_stamp = st.one_of(
    _long_text, st.just("x\ud800"), st.integers(0, 3), st.none(), st.just({}), st.just(1.5)
)
_number = st.one_of(
    st.integers(-(2**70), 2**70),
    st.sampled_from([2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1, 10**30]),
    st.floats(allow_nan=True, allow_infinity=True),
)
_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    _number,
    _bad_stamp,
)
_value = st.recursive(
    _scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)
_not_a_dict = st.one_of(st.none(), st.integers(), st.text(max_size=3), st.just([]))


class _Hostility:
    """How often each part of one generated body goes wrong: never (a valid body), at most
    once (one defect at a boundary is where a hand-written check errs), or now and then."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.percent = draw(st.sampled_from([0, 10, 10, 10, 2, 20]))
        self.single = self.percent == 10
        self.defects = 0

    def bad(self) -> bool:
        if self.percent == 0 or (self.single and self.defects):
            return False
        if self.draw(st.integers(0, 99)) < self.percent:
            self.defects += 1
            return True
        return False

    def pick(self, good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> Any:
        return self.draw(bad if self.bad() else good)

    def thinned(self, body: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
        """``body`` without some of the required ``keys`` (rarely) and with an extra key."""
        for key in keys:
            if self.bad():
                body.pop(key, None)
        if self.draw(st.integers(0, 3)) == 0:
            body["extra"] = self.draw(_value)
        return body


def _version(hostility: _Hostility) -> Any:
    if hostility.bad():
        return hostility.draw(_not_a_dict)
    version: dict[str, Any] = {"value": hostility.draw(_value)}
    version["hlc"] = hostility.pick(_good_stamp, _bad_stamp)
    version["base"] = hostility.pick(st.none() | _good_stamp, _bad_stamp)
    for optional in ("value", "base"):
        if hostility.draw(st.integers(0, 4)) == 0:
            del version[optional]
    return hostility.thinned(version, ("hlc",))


_field_name = st.one_of(
    st.sampled_from(["area", "phone", "given_name"]), st.text(max_size=6), st.just("\ud800")
)


def _change(hostility: _Hostility) -> Any:
    if hostility.bad():
        return hostility.draw(_not_a_dict)
    names = hostility.draw(st.lists(_field_name, max_size=4, unique=True))
    fields: Any = {name: _version(hostility) for name in names}
    if hostility.bad():
        fields = hostility.draw(_not_a_dict)
    entity = st.sampled_from(["family", "child", "nosuch"]) | _good_stamp
    change: dict[str, Any] = {
        "change_id": hostility.pick(_good_id, _bad_id),
        "entity": hostility.pick(entity, _bad_stamp),
        "row_id": hostility.pick(_good_id, _bad_id),
        "family_id": hostility.pick(_good_id, _bad_id),
        "fields": fields,
    }
    return hostility.thinned(change, ("change_id", "entity", "row_id", "family_id", "fields"))


_good_protocol = st.sampled_from([1, 0, 1000, 7])
_bad_protocol = st.one_of(
    st.integers(-2, 1002),
    st.sampled_from([1.0, 1.5, 0.0, -0.0, "1", " 1 ", "1_0", "1.0", "x", True, False, None]),
    st.sampled_from([-1, 1001, 2**64, 10**30, [], {}]),
)


@st.composite
def _document(draw: st.DrawFn) -> Any:
    hostility = _Hostility(draw)
    if hostility.bad():
        return draw(_value)
    size = draw(st.integers(0, 4))
    changes: Any = [_change(hostility) for _ in range(size)]
    if hostility.bad():
        changes = draw(st.one_of(st.none(), st.just({}), st.text(max_size=3)))
    body: dict[str, Any] = {"batch_id": hostility.pick(_good_id, _bad_id), "changes": changes}
    if draw(st.booleans()):
        body["protocol"] = hostility.pick(_good_protocol, _bad_protocol)
    return hostility.thinned(body, ("batch_id", "changes"))


def _encoded(document: Any, how: str) -> bytes:
    """``document`` as JSON bytes: orjson where it can, else ``json`` (NaN, surrogates, huge
    integers), escaped or not, or in UTF-16."""
    if how == "orjson":
        try:
            return orjson.dumps(document)
        except TypeError:  # orjson.JSONEncodeError: a surrogate or an integer beyond 64 bits
            how = "ascii"
    text = json.dumps(document, ensure_ascii=how != "utf8")
    if how == "utf16":
        return text.encode("utf-16")
    return text.encode("utf-8", "surrogatepass")


@st.composite
def _raw(draw: st.DrawFn) -> bytes:
    raw = _encoded(draw(_document()), draw(st.sampled_from(["orjson", "ascii", "utf8", "utf16"])))
    damage = draw(st.integers(0, 39))
    if damage == 0 and raw:
        raw = raw[: draw(st.integers(0, len(raw) - 1))]
    elif damage == 1:
        raw = draw(st.sampled_from([b"\xef\xbb\xbf", b" ", b"\xff", b"{"])) + raw
    elif damage == 2:
        raw = raw + draw(st.sampled_from([b" \n", b"x", b"}", b"\x00"]))
    return raw


def _plain_body(**overrides: Any) -> bytes:
    """A one-change body with one field, some of its parts replaced."""
    parts: dict[str, Any] = {"entity": "family", "row_id": "r", "hlc": "h", "base": None}
    parts.update(overrides)
    version = {"value": 1, "hlc": parts["hlc"], "base": parts["base"]}
    change = {"change_id": "c", "entity": parts["entity"], "row_id": parts["row_id"]}
    change |= {"family_id": "f", "fields": {"area": version}}
    return orjson.dumps({"batch_id": "b", "changes": [change]})


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_raw())
@example(b'{"batch_id": "b", "changes": [], "batch_id": "a b"}')
@example(b'{"batch_id": "b\\n", "changes": []}')
@example(b'{"protocol": 1.0, "batch_id": "b", "changes": []}')
@example(b'{"protocol": "1", "batch_id": "b", "changes": []}')
@example(b'{"protocol": true, "batch_id": "b", "changes": []}')
@example(b'{"protocol": 18446744073709551617, "batch_id": "b", "changes": []}')
@example(
    b'{"batch_id": "b", "changes": [{"change_id": "c", "entity": "e", "row_id": "r",'
    b' "family_id": "f", "fields": {"a": {"hlc": "h", "value": NaN}}}]}'
)
@example(
    b'{"batch_id": "b", "changes": [{"change_id": "c", "entity": "e\\ud800", "row_id":'
    b' "r", "family_id": "f", "fields": {}}]}'
)
@example(
    b'{"batch_id": "b", "changes": [{"change_id": "c", "entity": "e", "row_id": "r",'
    b' "family_id": "f", "fields": {"a": {"hlc": "h", "value": 123456789012345678901}}}]}'
)
@example(_plain_body(entity="x" * 201))
@example(_plain_body(entity="😀" * 200))
@example(_plain_body(hlc="x" * 201))
@example(_plain_body(base=7))
@example(_plain_body(row_id="x" * 65))
@example(b"[" * 100_000)
@example(b"")
@example(b"\xff\xfe")
def test_the_fast_parser_accepts_exactly_what_the_models_accept(raw: bytes) -> None:
    today, fast = _today(raw), _fast(raw)
    assert fast == today
    try:
        orjson.loads(raw)
    except orjson.JSONDecodeError:
        return  # not standard JSON: the models' own JSON parser reads it differently
    try:
        direct: Verdict = ("accepted", repr(PushedBatch.of(PushRequest.model_validate_json(raw))))
    except ValidationError:
        direct = ("refused", 422)
    assert fast[0] == direct[0] and (fast[0] == "refused" or fast == direct)


def test_the_laptops_body_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """A body as ``wire.push_body`` writes it is read without any pydantic validation."""
    clock = HybridLogicalClock("node1")
    family = str(uuid.uuid4())
    change = Change(
        change_id=str(uuid.uuid4()),
        entity="family",
        row_id=family,
        family_id=family,
        fields={
            "area": FieldValue(value="Norr", hlc=clock.now()),
            "phone": FieldValue(value=None, hlc=clock.now(), base=clock.now()),
        },
    )
    raw = encode_push("batch-1", [EncodedChange.of(change)])
    expected = repr(PushedBatch.of(PushRequest.model_validate_json(raw)))

    def refuse(*_args: object, **_kwargs: object) -> PushRequest:
        raise AssertionError("the fast path fell back to pydantic")

    monkeypatch.setattr(push_body, "_judged", refuse)
    assert repr(parse_push_body(raw)) == expected


@pytest.mark.parametrize(
    ("raw", "status", "words"),
    [
        (b"{", 422, "not JSON"),
        (b"\xff\xfe\xfa", 400, "UTF-8"),
        (b"[]", 422, "malformed"),
        (b'{"batch_id": "a b", "changes": []}', 422, "batch_id"),
        (b'{"batch_id": "b", "changes": [{"change_id": 1}]}', 422, "changes.0.change_id"),
        (
            _plain_body()[:-2] + b', {"change_id": "c", "entity": 7, "row_id": "r", '
            b'"family_id": "f", "fields": {}}]}',
            422,
            "malformed at changes.1.entity: Input should be a valid string.",
        ),
    ],
)
def test_a_refusal_is_one_sentence_naming_the_place(raw: bytes, status: int, words: str) -> None:
    with pytest.raises(BodyRefused) as refused:
        parse_push_body(raw)
    assert refused.value.status == status
    assert words in refused.value.sentence and refused.value.sentence.endswith(".")


def test_a_refusal_never_echoes_the_input() -> None:
    secret = "19121212-1212"
    body = {"batch_id": "b", "changes": [{"change_id": secret + " x", "entity": secret}]}
    with pytest.raises(BodyRefused) as refused:
        parse_push_body(orjson.dumps(body))
    assert secret not in refused.value.sentence
