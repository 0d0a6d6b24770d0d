"""Packaged resources (``tidings.resources``): JSON and TOML found the same way, an absent
file reads as empty, and a broken file or lexicon entry is a ResourceError naming the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tidings import resources
from tidings.errors import ResourceError
from tidings.stages.events.lexicon import EventLexiconError, lexicon
from tidings.stages.time.lexicon import LexiconError
from tidings.stages.time.lexicon import load as time_lexicon

_CACHED = (resources.languages, resources.lang_file, resources.shared_file,
           resources.data_file, time_lexicon, lexicon)


def _clear() -> None:
    for function in _CACHED:
        function.cache_clear()


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A stand-in package folder with ``lang/``, ``data/`` and ``models/``."""
    for folder in ("lang/xx", "data", "models"):
        (tmp_path / folder).mkdir(parents=True)
    monkeypatch.setattr(resources, "_root", lambda: tmp_path)
    _clear()
    yield tmp_path
    monkeypatch.undo()
    _clear()


def test_resources_find_json_and_toml_files_of_a_language():
    assert "MISC" in str(resources.lang_file("de", "ner"))  # ner.json
    assert resources.lang_file("de", "time")["rules"]  # time.toml
    assert resources.shared_file("agencies")["agencies"]
    assert resources.data_file("people.json") == resources.data_file("people")
    assert resources.data_file("people")["people"]
    assert {"de", "en", "es", "fr", "zh"} <= set(resources.languages())
    assert (resources.model_path("ner-de") / "config.cfg").is_file()


def test_resources_an_absent_file_reads_as_an_empty_dict():
    assert resources.lang_file("de", "no-such-table") == {}
    assert resources.lang_file("qq", "time") == {}
    assert resources.lang_file("", "time") == {}
    assert resources.lang_file("../de", "ner") == {}  # never outside lang/
    assert resources.shared_file("no-such-table") == {}
    assert resources.data_file("no-such-file.json") == {}
    assert resources.lang_path("qq", "time") is None
    assert time_lexicon("qq") is None and lexicon("qq") is None


def test_resources_a_broken_toml_file_names_the_file_and_line(package: Path):
    path = package / "lang" / "xx" / "time.toml"
    path.write_text('[lexicon]\nmonth = {"jan" = 1\n', encoding="utf-8")
    with pytest.raises(ResourceError, match=r"xx/time\.toml, line 2") as info:
        resources.lang_file("xx", "time")
    assert info.value.code == "T110"
    assert info.value.hint == "fix the file or reinstall tidings"
    with pytest.raises(ResourceError, match=r"xx/time\.toml"):
        time_lexicon("xx")


def test_resources_a_broken_json_file_names_the_file_and_line(package: Path):
    (package / "lang" / "xx" / "ner.json").write_text('{"labels": {},\n "places": [}\n',
                                                       encoding="utf-8")
    with pytest.raises(ResourceError, match=r"xx/ner\.json, line 2"):
        resources.lang_file("xx", "ner")
    (package / "data" / "people.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"people\.json: the top level is a list"):
        resources.data_file("people")


def test_resources_refuse_a_table_given_as_both_json_and_toml(package: Path):
    (package / "lang" / "xx" / "roles.json").write_text("{}", encoding="utf-8")
    (package / "lang" / "xx" / "roles.toml").write_text("", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"roles\.json and .*roles\.toml"):
        resources.lang_file("xx", "roles")


def test_a_bad_time_rule_is_a_resource_error_naming_the_file(package: Path):
    path = package / "lang" / "xx" / "time.toml"
    path.write_text('[[rules]]\np = "blue day"\nk = "colour"\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"xx/time\.toml rule 0: unknown kind 'colour'") as info:
        time_lexicon("xx")
    assert isinstance(info.value, ResourceError) and str(path) in info.value.message
    path.write_text('[[rules]]\np = "{colour} day"\n', encoding="utf-8")
    _clear()
    with pytest.raises(LexiconError, match=r"xx/time\.toml rule 0 .*unknown macro \{colour\}"):
        time_lexicon("xx")


def test_a_bad_event_entry_is_a_resource_error_naming_the_file(package: Path):
    path = package / "lang" / "xx" / "events.toml"
    path.write_text('[[event]]\ntype = "AGREE"\npatterns = ["sign* ~ a*"]\n'
                    '[[event]]\ntype = "PARTY"\npatterns = ["dance"]\n', encoding="utf-8")
    with pytest.raises(EventLexiconError, match=r"xx/events\.toml: event #2 has type 'PARTY'"):
        lexicon("xx")
    path.write_text('[[event]]\ntype = "AGREE"\npatterns = ["a* ~ accord*"]\n', encoding="utf-8")
    _clear()
    with pytest.raises(ResourceError, match=r"xx/events\.toml: event #1 \(AGREE\): .*too short"):
        lexicon("xx")
    path.write_text('[[event]]\ntype = "AGREE"\npatterns = ["~ accord"]\n', encoding="utf-8")
    _clear()
    with pytest.raises(ResourceError, match=r"xx/events\.toml: event #1 \(AGREE\): .*gap"):
        lexicon("xx")
    path.write_text("[[event]\n", encoding="utf-8")
    _clear()
    with pytest.raises(ResourceError, match=r"xx/events\.toml, line 1"):
        lexicon("xx")
