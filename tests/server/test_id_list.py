"""``db.id_list``: ids as one text for ``string_to_array``, refusing what would split wrongly."""

from __future__ import annotations

import pytest

from hembesok_desktop.server.db import id_list


def test_ids_are_joined_by_commas() -> None:
    assert id_list(["a", "b-1", "c:2"]) == "a,b-1,c:2"
    assert id_list(["only"]) == "only"
    assert id_list([]) == ""


@pytest.mark.parametrize("ids", [["a,b"], ["a", "b,c"], [""], ["a", ""]])
def test_an_id_with_a_comma_or_an_empty_id_is_refused(ids: list[str]) -> None:
    with pytest.raises(ValueError):
        id_list(ids)
