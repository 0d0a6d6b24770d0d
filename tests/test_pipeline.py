"""The pipeline: stages from the registry in the configured order, checked when built, run on
batches with each article's failure kept to that article."""

from __future__ import annotations

from typing import ClassVar

import pytest

from tidings.config import load_settings
from tidings.errors import NotBuiltError, PipelineError, ResourceError
from tidings.model import Article
from tidings.pipeline import Pipeline
from tidings.problems import raising
from tidings.stages.base import BatchStage
from tidings.stages.metadata import MetadataStage
from tidings.stages.registry import StageSpec, build_stages, register


class Upper(BatchStage):
    name: ClassVar[str] = "upper"
    version: ClassVar[str] = "upper.v1"
    requires: ClassVar[tuple[str, ...]] = ("text",)
    assigns: ClassVar[tuple[str, ...]] = ("title",)

    def __call__(self, article: Article) -> Article:
        if "boom" in article.text:
            raise ValueError("cannot shout this")
        article.title = article.text.upper()
        return article


class Batched(Upper):
    """A stage with its own batch entry point, as NER or embeddings would have."""

    name: ClassVar[str] = "batched"
    calls: ClassVar[list[int]] = []

    def pipe(self, articles):
        Batched.calls.append(len(articles))
        return [self(a) for a in articles]


class Careful(BatchStage):
    """A stage that catches its own error and records it, unless errors are to be raised."""

    name: ClassVar[str] = "careful"
    version: ClassVar[str] = "careful.v1"
    requires: ClassVar[tuple[str, ...]] = ("text",)
    assigns: ClassVar[tuple[str, ...]] = ()

    def __call__(self, article: Article) -> Article:
        try:
            raise OSError("model file missing")
        except OSError as exc:
            if raising():
                raise
            article.warn(self.name, f"skipped: {exc}")
        return article


def test_a_batch_comes_back_in_order_with_each_article_analysed():
    done = Pipeline([Upper()]).pipe([Article("one"), Article("two")])
    assert [a.title for a in done] == ["ONE", "TWO"]


def test_a_failing_article_keeps_its_failure_and_the_rest_of_the_batch_is_analysed():
    done = Pipeline([Batched()]).pipe([Article("one"), Article("boom"), Article("three")])
    assert [a.title for a in done] == ["ONE", None, "THREE"]
    (problem,) = done[1].warnings
    assert (problem.code, problem.stage) == ("T210", "batched")
    assert "cannot shout this" in problem.message and problem.hint


def test_a_stage_with_its_own_pipe_gets_the_whole_batch():
    Batched.calls.clear()
    Pipeline([Batched()]).pipe([Article("a"), Article("b"), Article("c")])
    assert Batched.calls == [3]


def test_raise_errors_raises_what_a_stage_would_only_record():
    article = Pipeline([Careful()]).run(Article("text"))
    assert [w.message for w in article.warnings] == ["skipped: model file missing"]
    with pytest.raises(OSError, match="model file missing"):
        Pipeline([Careful()]).run(Article("text"), raise_errors=True)
    assert not raising()  # the setting ends with the call


def test_stages_come_from_the_configured_order(tmp_path):
    config = tmp_path / "tidings.toml"
    config.write_text('[pipeline]\nstages = ["metadata", "language", "sentences"]\n')
    settings = load_settings(config)
    assert [s.name for s in Pipeline(settings=settings).stages] == [
        "metadata", "language", "sentences"
    ]


def test_a_stage_order_that_cannot_run_is_refused_when_built(tmp_path):
    config = tmp_path / "tidings.toml"
    config.write_text('[pipeline]\nstages = ["sentences", "language"]\n')
    with pytest.raises(PipelineError, match="'sentences' requires 'lang'") as caught:
        Pipeline(settings=load_settings(config))
    assert caught.value.hint == "put stage 'language' before it"


def test_an_unknown_stage_name_lists_the_registered_ones(tmp_path):
    config = tmp_path / "tidings.toml"
    config.write_text('[pipeline]\nstages = ["metadata", "sentiment"]\n')
    with pytest.raises(PipelineError, match="no stage named 'sentiment'") as caught:
        Pipeline(settings=load_settings(config))
    assert "metadata" in caught.value.hint


def test_a_registered_stage_missing_its_packages_is_left_out_or_refused_when_named():
    register(StageSpec("needy", "tests.nowhere:Needy", needs=("no_such_package_xyz",),
                       extra="nlp"))
    settings = load_settings()
    assert build_stages(settings, None)  # the default list does not name it
    with pytest.raises(NotBuiltError, match="needs no_such_package_xyz") as caught:
        build_stages(settings, ["needy"])
    assert caught.value.hint == "pip install 'tidings[nlp]'"


def test_the_metadata_stage_reads_the_dateline_and_keeps_a_readers_agency():
    wire = Article("LIMA, Nov. 14 (Xinhua) -- The port opened.", published="2024-11-14")
    done = MetadataStage()(wire)
    assert (done.agency, done.dateline.place, done.dateline.date) == ("Xinhua", "Lima",
                                                                      "2024-11-14")
    assert done.provenance["agency"] == "dateline"
    feed = Article("LIMA, Nov. 14 (Xinhua) -- The port opened.", agency="EFE")
    assert MetadataStage()(feed).agency == "EFE"


class Misconfigured(Upper):
    name: ClassVar[str] = "misconfigured"

    def __call__(self, article: Article) -> Article:
        raise ResourceError("lang/xx/time.toml: line 3: expected '='", hint="fix the file")


def test_a_broken_resource_file_stops_the_run_instead_of_failing_every_article():
    with pytest.raises(ResourceError, match=r"time\.toml"):
        Pipeline([Misconfigured()]).pipe([Article("one"), Article("two")])
