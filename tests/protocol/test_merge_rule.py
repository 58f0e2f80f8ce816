"""The merge rule: one implementation (``protocol.merge``), the same answers through the server's
protocol adapters (``protocol.field_merge``), and the properties convergence rests on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hembesok_desktop.protocol import field_merge as adapter
from hembesok_desktop.protocol import merge as rule
from hembesok_desktop.protocol.wire import FieldValue


def _stamp(wall: int, node: str) -> str:
    return f"{wall:015d}-00000-{node}"


versions = st.builds(
    rule.Version,
    value=st.sampled_from(["a", "b", 1, 1.0, None, True]),
    hlc=st.builds(_stamp, st.integers(1, 6), st.sampled_from(["n1", "n2", "n3"])),
    base=st.one_of(st.none(), st.builds(_stamp, st.integers(0, 6), st.sampled_from(["n1", "n2"]))),
)


@given(st.lists(versions, min_size=1, max_size=6), st.randoms())
def test_any_order_of_merging_ends_with_the_largest_timestamp(
    writes: list[rule.Version], random: object
) -> None:
    shuffled = list(writes)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    results = []
    for order in (writes, shuffled):
        current: rule.Version | None = None
        for incoming in order:
            merged = rule.merge_field(current, incoming)
            current = merged.winner
        results.append(current)
    assert results[0] is not None and results[1] is not None
    assert results[0].hlc == results[1].hlc == max(write.hlc for write in writes)


@given(st.one_of(st.none(), versions), versions)
def test_the_server_adapter_gives_the_same_answer(
    current: rule.Version | None, incoming: rule.Version
) -> None:
    def wire(version: rule.Version) -> FieldValue:
        return FieldValue(value=version.value, hlc=version.hlc, base=version.base)

    direct = rule.merge_field(current, incoming)
    adapted = adapter.merge_field(None if current is None else wire(current), wire(incoming))
    assert adapted.changed == direct.changed
    assert adapter.to_version(adapted.winner) == direct.winner
    assert (adapted.loser is None) == (direct.loser is None)
    if adapted.loser is not None:
        assert adapter.to_version(adapted.loser) == direct.loser


def test_a_concurrent_loser_with_another_value_is_kept_and_a_seen_one_is_not() -> None:
    first = rule.Version("070-1", _stamp(1, "n1"))
    concurrent = rule.Version("070-2", _stamp(2, "n2"), base=None)
    after_seeing = rule.Version("070-3", _stamp(3, "n2"), base=first.hlc)
    assert rule.merge_field(first, concurrent).loser == first
    assert rule.merge_field(first, after_seeing).loser is None
    same_value = rule.Version("070-1", _stamp(2, "n3"))
    assert rule.merge_field(first, same_value).loser is None
    assert rule.merge_field(first, rule.Version(1, _stamp(2, "n3"))).loser == first
    assert rule.values_equal(1, 1) and not rule.values_equal(1, 1.0)


def test_conflict_ids_are_derived_from_what_lost() -> None:
    one = adapter.conflict_row_id(entity="family", row_id="r", field="phone", losing_hlc="h")
    assert one == rule.conflict_row_id(entity="family", row_id="r", field="phone", losing_hlc="h")
    assert one != rule.conflict_row_id(entity="family", row_id="r", field="area", losing_hlc="h")
