"""Encodings in, one normalised text out: UTF-8 with and without BOM, UTF-16 with and
without BOM, legacy 8-bit (windows-1252, latin-1, GBK), CRLF line ends, decomposed accents.
Every offset stored (sentences, dateline) refers to the stored text.

All cases are written to one folder and ingested once into a real store.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

GERMAN = (
    "BERLIN (dpa) - Die Präsidentin des Bundestages, Bärbel Bas, hat am Freitag über die "
    "Haushaltsdebatte gesprochen. Die Abgeordneten äußerten Bedenken wegen höherer Schulden.\n"
    "Im Januar soll weiter verhandelt werden – sagte sie „heute“ in Berlin. Der Etat umfasst "
    "480 Milliarden €.\n"
)
GERMAN_SENTENCES = [
    "BERLIN (dpa) - Die Präsidentin des Bundestages, Bärbel Bas, hat am Freitag über die "
    "Haushaltsdebatte gesprochen.",
    "Die Abgeordneten äußerten Bedenken wegen höherer Schulden.",
    "Im Januar soll weiter verhandelt werden – sagte sie „heute“ in Berlin.",
    "Der Etat umfasst 480 Milliarden €.",
]
# latin-1 has no dash, low quotes or euro sign
LATIN1 = GERMAN.replace("–", "-").replace("„", '"').replace("“", '"').replace("€", "Euro")
LATIN1_SENTENCES = [
    *GERMAN_SENTENCES[:2],
    'Im Januar soll weiter verhandelt werden - sagte sie "heute" in Berlin.',
    "Der Etat umfasst 480 Milliarden Euro.",
]
CHINESE = (
    "新华社利马11月14日电 中国与秘鲁签署协议，双方同意加强经济合作。"
    "国家主席在利马出席亚太经合组织会议，并发表重要讲话。"
    "经济学家表示，这项协议将促进两国贸易，并为当地创造就业机会。\n"
)
CHINESE_SENTENCES = [
    "新华社利马11月14日电 中国与秘鲁签署协议，双方同意加强经济合作。",
    "国家主席在利马出席亚太经合组织会议，并发表重要讲话。",
    "经济学家表示，这项协议将促进两国贸易，并为当地创造就业机会。",
]


def _html(body: str, charset: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in body.strip().split("\n"))
    return (
        f'<html><head><meta charset="{charset}"><title>Nachricht</title></head>'
        f"<body><article>{paragraphs}</article></body></html>"
    )


def _marked(name: str, text: str, sentences: list[str]) -> tuple[str, list[str]]:
    """``text`` with a last line unique to the file: identical texts would be stored once."""
    number = sorted(ENCODINGS).index(name) + 1
    last = f"编号{number}。" if name.startswith("zh_") else f"Meldung Nummer {number}."
    return text + last + "\n", [*sentences, last]


# file name -> (text, sentences it splits into, how it is written to bytes)
ENCODINGS = {
    "de_utf8.txt": (GERMAN, GERMAN_SENTENCES, lambda t: t.encode("utf-8")),
    "de_utf8_bom.txt": (GERMAN, GERMAN_SENTENCES, lambda t: codecs.BOM_UTF8 + t.encode()),
    "de_utf16le_bom.txt": (
        GERMAN, GERMAN_SENTENCES, lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")
    ),
    "de_utf16be_bom.txt": (
        GERMAN, GERMAN_SENTENCES, lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")
    ),
    "de_utf16le.txt": (GERMAN, GERMAN_SENTENCES, lambda t: t.encode("utf-16-le")),
    "de_utf16be.txt": (GERMAN, GERMAN_SENTENCES, lambda t: t.encode("utf-16-be")),
    "de_cp1252.txt": (GERMAN, GERMAN_SENTENCES, lambda t: t.encode("cp1252")),
    "de_latin1.txt": (LATIN1, LATIN1_SENTENCES, lambda t: t.encode("latin-1")),
    "de_crlf.txt": (GERMAN, GERMAN_SENTENCES, lambda t: t.replace("\n", "\r\n").encode()),
    "de_cr.txt": (GERMAN, GERMAN_SENTENCES, lambda t: t.replace("\n", "\r").encode()),
    "de_nfd.txt": (
        GERMAN, GERMAN_SENTENCES, lambda t: unicodedata.normalize("NFD", t).encode()
    ),
    "de_cp1252.html": (
        GERMAN, GERMAN_SENTENCES, lambda t: _html(t, "windows-1252").encode("cp1252")
    ),
    "zh_utf8.txt": (CHINESE, CHINESE_SENTENCES, lambda t: t.encode("utf-8")),
    "zh_gbk.txt": (CHINESE, CHINESE_SENTENCES, lambda t: t.encode("gbk")),
    "zh_utf16le_bom.txt": (
        CHINESE, CHINESE_SENTENCES, lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")
    ),
    "zh_utf16le.txt": (CHINESE, CHINESE_SENTENCES, lambda t: t.encode("utf-16-le")),
    "zh_utf16be.txt": (CHINESE, CHINESE_SENTENCES, lambda t: t.encode("utf-16-be")),
    "zh_gbk.html": (CHINESE, CHINESE_SENTENCES, lambda t: _html(t, "gbk").encode("gbk")),
}
# file name -> (bytes, the sentences its stored text must split into)
CASES: dict[str, tuple[bytes, list[str]]] = {}
for _name, (_text, _sentences, _encode) in ENCODINGS.items():
    _full, _expected = _marked(_name, _text, _sentences)
    CASES[_name] = (_encode(_full), _expected)


@pytest.fixture(scope="module")
def stored(tmp_path_factory, pipeline):
    """Every case ingested once into one store: file name -> stored article."""
    from tidings.queries import ArticleQuery
    from tidings.run import ingest
    from tidings.store import open_store

    folder = tmp_path_factory.mktemp("encodings")
    for name, (data, _) in CASES.items():
        (folder / name).write_bytes(data)
    with open_store(folder / "t.db") as store:
        ingest([str(folder)], store, pipeline)
        articles = {Path(a["source"]).name: a for a in store.articles(ArticleQuery(limit=None))}
        rejects = {Path(r["source"]).name: r["reason"] for r in store.rejects()}
    return Stored(articles, rejects)


class Stored:
    """The stored article of each file; a test of a file that was rejected fails saying why."""

    def __init__(self, articles: dict[str, dict], rejects: dict[str, str]) -> None:
        self.articles, self.rejects = articles, rejects

    def __getitem__(self, name: str) -> dict:
        if name in self.rejects:
            pytest.fail(f"{name} was rejected: {self.rejects[name]}")
        return self.articles[name]


def _spans(article: dict) -> list[str]:
    return [article["text"][s["start"] : s["end"]] for s in article["sentences"]]


@pytest.mark.parametrize("name", [n for n in CASES if n.startswith("de_")])
def test_german_text_decodes_with_its_umlauts(stored, name):
    text = stored[name]["text"]
    assert "Präsidentin" in text and "Bärbel" in text and "äußerten" in text
    assert "\ufffd" not in text


@pytest.mark.parametrize("name", [n for n in CASES if n.startswith("zh_")])
def test_chinese_text_decodes(stored, name):
    text = stored[name]["text"]
    assert "秘鲁" in text and "亚太经合组织" in text
    assert "\ufffd" not in text


def test_windows_1252_keeps_its_own_punctuation(stored):
    text = stored["de_cp1252.txt"]["text"]
    assert "„heute“" in text and "–" in text and "480 Milliarden €" in text


@pytest.mark.parametrize("name", ["de_crlf.txt", "de_cr.txt"])
def test_crlf_and_cr_line_ends_become_lf(stored, name):
    text = stored[name]["text"]
    assert "\r" not in text
    assert text.split("\n")[:-1] == stored["de_utf8.txt"]["text"].split("\n")[:-1]


def test_decomposed_accents_are_stored_composed(stored):
    text = stored["de_nfd.txt"]["text"]
    assert text == unicodedata.normalize("NFC", text)
    assert "Pra\u0308sidentin" not in text and "Präsidentin" in text


@pytest.mark.parametrize("name", list(CASES))
def test_sentence_offsets_slice_the_stored_text(stored, name):
    article = stored[name]
    text = article["text"]
    assert _spans(article) == CASES[name][1]
    for span in article["sentences"]:
        assert 0 <= span["start"] < span["end"] <= len(text)
    dateline = article["dateline"]
    assert dateline is not None
    assert text[dateline["start"] : dateline["end"]].strip().startswith(("BERLIN", "新华社"))
