"""``protocol.wire.loads_exact``: orjson's speed, with integers beyond 64 bits kept exact."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from hembesok_desktop.protocol.wire import loads_exact


def test_an_integer_of_nineteen_digits_or_more_stays_exact() -> None:
    for number in (10**18, 2**63, 2**64 + 1, -(10**30), 12345678901234567890123):
        raw = json.dumps({"fields": {"n": {"value": [number], "hlc": "x"}}}).encode()
        assert loads_exact(raw)["fields"]["n"]["value"] == [number]
        assert type(loads_exact(raw)["fields"]["n"]["value"][0]) is int


def test_digits_in_text_and_version_stamps_parse_the_same() -> None:
    raw = b'{"hlc": "001764000000000-00012-a1b2", "pnr": "199001011234", "n": 1.5}'
    assert loads_exact(raw) == json.loads(raw)


@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.text()
        | st.floats(allow_nan=False, allow_infinity=False),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_every_json_value_parses_as_the_standard_library_parses_it(value: object) -> None:
    raw = json.dumps(value).encode()
    assert loads_exact(raw) == json.loads(raw)
