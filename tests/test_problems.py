"""One problem shape: codes from one catalogue, on errors, rejects and article warnings."""

from __future__ import annotations

import pytest

from tidings import errors
from tidings.model import Article, Reject
from tidings.problems import CATALOGUE, Problem


def test_every_error_class_has_a_code_in_the_catalogue():
    classes = [c for c in vars(errors).values()
               if isinstance(c, type) and issubclass(c, errors.TidingsError)]
    assert len(classes) >= 9
    for cls in classes:
        assert cls.code in CATALOGUE, cls.__name__


def test_an_error_carries_its_problem_and_prints_code_message_and_hint():
    exc = errors.InputError("a.txt: empty file", hint="check the file", code="T302")
    assert exc.problem.to_dict() == {
        "code": "T302", "stage": None, "message": "a.txt: empty file", "hint": "check the file"
    }
    assert str(exc) == "[T302] a.txt: empty file (check the file)"


def test_a_code_outside_the_catalogue_is_refused():
    with pytest.raises(ValueError, match="not in the catalogue"):
        Problem("T999", "what")


def test_rejects_and_warnings_have_the_problem_shape():
    reject = Reject("a.txt", "empty file", "T302")
    assert reject.problem == Problem("T302", "empty file", "read")
    assert reject.to_dict() == {"source": "a.txt", "reason": "empty file", "code": "T302"}
    article = Article("text")
    article.warn("events", "no event lexicon for 'xx'", hint="add one")
    assert article.to_dict()["warnings"] == [
        {"code": "T220", "stage": "events", "message": "no event lexicon for 'xx'",
         "hint": "add one"}
    ]


def test_a_warning_stored_as_plain_text_by_an_older_version_still_reads():
    assert Problem.from_dict("NER unavailable").message == "NER unavailable"


def test_the_readme_lists_every_code_of_the_catalogue():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    for code, meaning in CATALOGUE.items():
        assert f"| `{code}` | {meaning} |" in readme, code
