"""The YAML loader: safe, positioned, bounded, with deliberate typing."""

from __future__ import annotations

from postmortem_kb.files.yaml_read import MAX_BYTES, YamlMap, load_yaml, position_of


def test_values_keep_positions() -> None:
    loaded = load_yaml("f.yaml", b"title: x\ntimeline:\n  - at: '11:35'\n    event: e\n")
    assert loaded.problems == []
    assert isinstance(loaded.data, YamlMap)
    assert position_of(loaded.data, ("timeline", 0, "event")) == (4, 12)
    assert position_of(loaded.data, ("timeline", 0, "event"), key=True) == (4, 5)
    assert position_of(loaded.data, ("timeline", 3, "at")) == (3, 3)  # nearest: the list


def test_yaml_1_1_surprises_are_switched_off() -> None:
    data = load_yaml(
        "f.yaml", b"a: 11:35\nb: 2024-08-12\nc: no\nd: on\ne: true\nf: 2024-08-12 11:30\n"
    ).data
    assert data == {
        "a": "11:35",
        "b": "2024-08-12",
        "c": "no",
        "d": "on",
        "e": True,
        "f": "2024-08-12 11:30",
    }


def test_numbers_and_nulls() -> None:
    data = load_yaml("f.yaml", b"a: 80\nb: 1.5\nc: ~\nd: null\ne: 0x10\nf: 010\n").data
    assert data == {"a": 80, "b": 1.5, "c": None, "d": None, "e": 16, "f": "010"}


def test_object_tags_are_reported_not_constructed() -> None:
    loaded = load_yaml("f.yaml", b"a: !!python/object/apply:os.system ['true']\n")
    assert [p.message for p in loaded.problems] == [
        "tag '!!python/object/apply:os.system' is not allowed"
    ]


def test_alias_bomb_is_bounded() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 9):
        refs = ",".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    loaded = load_yaml("f.yaml", "\n".join(lines).encode())
    assert loaded.data is None
    assert "alias bomb" in loaded.problems[0].message


def test_size_and_depth_are_bounded() -> None:
    big = load_yaml("f.yaml", b"a: " + b"x" * MAX_BYTES)
    assert "over the" in big.problems[0].message
    deep = load_yaml("f.yaml", b"[" * 10_000 + b"]" * 10_000)
    assert "nested deeper" in deep.problems[0].message


def test_encoding_problems_point_at_the_byte() -> None:
    loaded = load_yaml("f.yaml", b"title: ok\nsummary: caf\xe9\n")
    assert [(p.line, p.column) for p in loaded.problems] == [(2, 13)]
    assert load_yaml("f.yaml", b"\xef\xbb\xbftitle: bom\r\n").data == {"title": "bom"}
