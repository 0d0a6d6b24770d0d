"""Errors as the ``tidings`` command shows them: one line (or one JSON object with ``--json``)
on stderr and exit status 2, never a traceback. Runs the installed entry point, ``main()``."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tidings import cli
from tidings.errors import InputError


def tidings(*args: str, debug: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TIDINGS_DEBUG"}
    if debug:
        env["TIDINGS_DEBUG"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "tidings", *args], capture_output=True, text=True, env=env,
        check=False,
    )


USAGE_MISTAKES = {
    "show without an id": (["show"], "article_id", "tidings show --help"),
    "export without --out": (["export"], "--out", "tidings export --help"),
    "unknown option": (["status", "--bogus"], "--bogus", "tidings status --help"),
    "unknown command": (["bogus"], "bogus", "tidings --help"),
    "bad value": (["search", "x", "--limit", "many"], "--limit", "tidings search --help"),
}


@pytest.mark.parametrize("args,names,hint", USAGE_MISTAKES.values(), ids=USAGE_MISTAKES.keys())
def test_usage_mistake_is_one_line_with_a_hint_and_status_2(args, names, hint):
    done = tidings(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: [T600] ")
    assert names in lines[0]
    assert f"see '{hint}'" in lines[0]
    assert done.stdout == ""


@pytest.mark.parametrize("args", [["show", "--json"], ["ingest", "--json", "--bogus", "x"]])
def test_usage_mistake_with_json_is_one_json_object_on_stderr(args):
    done = tidings(*args)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1, done.stderr
    problem = json.loads(done.stderr)["error"]
    assert problem["code"] == "T600"
    assert problem["stage"] == "cli"
    assert problem["hint"].startswith("see 'tidings ")


def test_our_error_with_json_is_one_json_object_with_code_message_and_hint(tmp_path):
    missing = tmp_path / "none.db"
    done = tidings("show", "abcdef", "--db", str(missing), "--json")
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1, done.stderr
    problem = json.loads(done.stderr)["error"]
    assert problem["code"] == "T400"
    assert str(missing) in problem["message"]
    assert "tidings ingest" in problem["hint"]
    assert done.stdout == ""


def test_our_error_without_json_is_the_coded_line_and_its_hint(tmp_path):
    done = tidings("export", "--out", str(tmp_path / "x.jsonl"), "--what", "bogus")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "error: [T300] cannot export 'bogus'",
        "  hint: choose one of articles, events, stories, quotes, storylines",
    ]


def test_main_writes_our_error_as_one_json_object_with_json(monkeypatch, capsys):
    def failing(**kwargs):
        raise InputError("a.txt: no body", hint="check the file", code="T307", stage="read")

    monkeypatch.setattr(cli, "app", failing)
    monkeypatch.setattr(sys, "argv", ["tidings", "analyse", "a.txt", "--json"])
    monkeypatch.delenv("TIDINGS_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert json.loads(captured.err) == {"error": {
        "code": "T307", "stage": "read", "message": "a.txt: no body", "hint": "check the file",
    }}


def test_usage_mistake_raises_under_tidings_debug():
    done = tidings("show", debug=True)
    assert done.returncode != 0
    assert "Traceback" in done.stderr or "MissingParameter" in done.stderr


def test_help_shows_no_type_for_flags():
    done = tidings("ingest", "--help")
    assert done.returncode == 0
    assert "--json" in done.stdout
    assert "<bool>" not in done.stdout
    assert "<int>" in done.stdout  # options that take a value keep their type


def test_interrupt_prints_what_to_do_and_exits_130(monkeypatch, capsys):
    def interrupted(**kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "app", interrupted)
    monkeypatch.setattr(sys, "argv", ["tidings", "ingest", "x"])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 130
    assert "interrupted" in capsys.readouterr().err


def test_interrupt_inside_a_command_exits_130(monkeypatch, capsys):
    # typer without standalone mode turns an interrupt inside a command into status 130
    monkeypatch.setattr(cli, "app", lambda **kwargs: 130)
    monkeypatch.setattr(sys, "argv", ["tidings", "ingest", "x"])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 130
    assert "interrupted" in capsys.readouterr().err
