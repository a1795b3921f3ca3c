"""YAML loading: values with their lines, and clear errors for broken files."""

from pathlib import Path

import pytest

from graph.errors import LoadError
from graph.files.yamlfile import load_file, load_text


def test_every_key_and_item_has_its_line() -> None:
    located = load_text("a: 1\nitems:\n  - x: 2\n  - x: 3\n", "f.yaml")
    assert located.data == {"a": 1, "items": [{"x": 2}, {"x": 3}]}
    assert located.line(("items", 1, "x")) == 4
    assert located.line(("items", 1, "nope")) == 4  # nearest located parent


def test_dates_stay_strings() -> None:
    assert load_text("date: 2024-11-19\n", "f.yaml").data == {"date": "2024-11-19"}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\nb: [1, 2\nc: 3\n", 3, "YAML syntax error"),
        ("a: 1\na: 2\n", 2, "duplicate key 'a'"),
        ("? [1, 2]\n: x\n", 1, "mapping key must be a plain scalar"),
        ("a: 1\n? {[a]: b}\n: c\n", 2, "mapping key must be a plain scalar"),
        ("a: 1\n!!python/object:os.system x: c\n", 2, "is not allowed"),
    ],
)
def test_broken_yaml_names_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(LoadError) as caught:
        load_text(text, "f.yaml")
    assert caught.value.problem.line == line
    assert message in caught.value.problem.message


def test_bad_encoding_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nname: Jos\xe9\n".encode("latin-1"))
    with pytest.raises(LoadError) as caught:
        load_file(path)
    assert caught.value.problem.line == 2
    assert "not valid UTF-8" in caught.value.problem.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\nb: !!python/object:os.system x\n", "YAML tag 'tag:yaml.org,2002:python/object:os.system'"),
        ("a: 1\nb: !!python/name:os.system\n", "is not allowed"),
        ("a: 1\nb: !!binary aGk=\n", "YAML tag 'tag:yaml.org,2002:binary' is not allowed"),
        ("a: 1\nb: !!set {x}\n", "YAML tag 'tag:yaml.org,2002:set' is not allowed"),
        ("a: 1\nb: !local x\n", "YAML tag '!local' is not allowed"),
        ("a: 1\nb: !!int abc\n", "cannot read the value 'abc' as int"),
        ("a: 1\nb: !!bool maybe\n", "cannot read the value 'maybe' as bool"),
        ("a: 1\nb: " + "9" * 5000 + "\n", "too many digits"),
    ],
)
def test_tags_and_unreadable_values_are_problems_on_their_line(text: str, message: str) -> None:
    with pytest.raises(LoadError) as caught:
        load_text(text, "f.yaml")
    assert caught.value.problem.line == 2
    assert message in caught.value.problem.message
    assert caught.value.problem.hint


def test_explicit_plain_tags_are_allowed() -> None:
    assert load_text("a: !!str 12\nb: !!int '7'\n", "f.yaml").data == {"a": "12", "b": 7}


def test_aliases_repeat_values_within_a_limit() -> None:
    located = load_text("a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert located.data == {"a": [1, 2], "b": [1, 2]}


def test_an_alias_bomb_is_a_problem_not_a_blow_up() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]  # 10**10 values
    with pytest.raises(LoadError) as caught:
        load_text("\n".join(lines) + "\n", "f.yaml")
    assert "aliases repeat more than 100,000 values" in caught.value.problem.message
    assert caught.value.problem.line is not None


def test_an_alias_inside_its_own_anchor_is_a_problem() -> None:
    with pytest.raises(LoadError) as caught:
        load_text("a: 1\nb: &x [1, *x]\n", "f.yaml")
    assert caught.value.problem.line == 2
    assert "refers to the list or mapping it is part of" in caught.value.problem.message


def test_deep_nesting_through_aliases_is_a_problem() -> None:
    lines = ["a0: &a0 [x]", *(f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, 200))]
    with pytest.raises(LoadError) as caught:
        load_text("\n".join(lines) + "\n", "f.yaml")
    assert "nested deeper than 100 levels" in caught.value.problem.message


DEEP_FLOW = "a: " + "[" * 5000 + "]" * 5000
DEEP_BLOCK = "a:\n" + "".join(f"{' ' * i}- \n" for i in range(150))


@pytest.mark.parametrize("text", [DEEP_FLOW, DEEP_BLOCK])
def test_deep_nesting_is_a_problem_not_a_recursion_error(text: str) -> None:
    with pytest.raises(LoadError) as caught:
        load_text(text + "\n", "f.yaml")
    assert "nested deeper than 100 levels" in caught.value.problem.message
    assert caught.value.problem.line >= 1


@pytest.mark.parametrize(("char", "shown"), [("\x00", "U+0000"), ("\x1b", "U+001B"), ("\ufffe", "U+FFFE")])
def test_a_control_character_names_its_line(char: str, shown: str) -> None:
    with pytest.raises(LoadError) as caught:
        load_text(f"a: 1\nb: x{char}y\n", "f.yaml")
    assert caught.value.problem.line == 2
    assert f"character {shown} is not allowed" in caught.value.problem.message


def test_a_folder_named_like_a_file_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path / "dir.yaml")
    assert caught.value.problem.line is None  # a folder has no lines
    assert "cannot read the file" in caught.value.problem.message


def test_a_lone_surrogate_escape_is_a_problem() -> None:
    with pytest.raises(LoadError) as caught:
        load_text('a: 1\nb: "x\\ud800y"\n', "f.yaml")
    assert caught.value.problem.line == 2
    assert "\\ud800 is half of a surrogate pair" in caught.value.problem.message
    assert load_text('a: "\\U0001F600"\n', "f.yaml").data == {"a": "\U0001f600"}
