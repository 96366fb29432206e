"""Button labels are templates (templates/labels/<file>.html, one macro each), shown as plain
text, and every one of them is on some keyboard."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

import bot.ui.keyboards
from bot.ui.keyboards import Button, Keyboard
from bot.ui.labels import label
from bot.ui.texts import environment
from tests.test_keyboards_golden import cases

_MACRO = re.compile(r"{%-?\s*macro\s+(\w+)\(")


def every_label() -> Iterator[str]:
    env = environment()
    assert env.loader is not None
    for name in env.list_templates(filter_func=lambda n: n.startswith("labels/")):
        source, _, _ = env.loader.get_source(env, name)
        for macro in _MACRO.findall(source):
            yield f"{name.removeprefix('labels/').removesuffix('.html')}/{macro}"


def test_values_are_escaped_then_shown_as_plain_text() -> None:
    assert label("common/value", text='Tea & <cake> "x"') == 'Tea & <cake> "x"'
    assert label("common/value", text="&amp;") == "&amp;"  # what was typed, not an entity


def test_an_unknown_label_or_value_fails_loudly() -> None:
    with pytest.raises(LookupError, match=r"no label 'nope' in templates/labels/common\.html"):
        label("common/nope")
    with pytest.raises(TypeError):
        label("common/skip", ex="him")
    with pytest.raises(ValueError, match="does not fit the codec"):
        Keyboard("ns", 42).row(Button("go", "x" * 25, label="common/skip"))


def test_every_label_template_is_on_some_keyboard(monkeypatch: pytest.MonkeyPatch) -> None:
    used: set[str] = set()

    def recording(key: str, /, **values: object) -> str:
        used.add(key)
        return label(key, **values)

    monkeypatch.setattr(bot.ui.keyboards, "label", recording)
    for build in cases().values():
        build()
    assert sorted(set(every_label()) - used) == []
