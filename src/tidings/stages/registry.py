"""Which stages exist, how to build each, and the order a plain ``Pipeline()`` runs them in.

Adding a stage is a folder under ``stages/`` plus one ``register`` line here (and its name in
``[pipeline] stages`` of ``defaults.toml`` to run it by default). Stages are imported only
when built, so a stage whose optional packages are missing costs nothing until asked for.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tidings.config import Settings
from tidings.errors import NotBuiltError, PipelineError
from tidings.stages.base import Stage

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StageSpec:
    """``factory`` is ``module:Class``; ``options`` picks the constructor arguments from the
    settings; ``needs`` names the importable packages it cannot run without, ``extra`` the
    pip extra that installs them."""

    name: str
    factory: str
    options: Callable[[Settings], dict[str, object]] = lambda settings: {}
    needs: tuple[str, ...] = ()
    extra: str | None = None

    def available(self) -> bool:
        return all(importlib.util.find_spec(package) is not None for package in self.needs)

    def load(self) -> type[Stage]:
        module, _, cls = self.factory.partition(":")
        return getattr(importlib.import_module(module), cls)

    def build(self, settings: Settings) -> Stage:
        return self.load()(**self.options(settings))


_REGISTRY: dict[str, StageSpec] = {}


def register(spec: StageSpec) -> None:
    """Make a stage known by its name (a second registration under a name replaces it)."""
    _REGISTRY[spec.name] = spec


def spec(name: str) -> StageSpec:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise PipelineError(
            f"no stage named '{name}'", hint=f"choose among {', '.join(_REGISTRY)}"
        ) from None


def names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def build_stages(settings: Settings, wanted: Sequence[str] | None = None) -> list[Stage]:
    """The stages named in ``wanted`` (default: ``settings.pipeline.stages``), in that order.
    A stage whose optional packages are missing is left out with a log line saying how to
    add it; asked for by name in ``wanted``, it is an error."""
    explicit = wanted is not None
    stages: list[Stage] = []
    for name in wanted if wanted is not None else settings.pipeline.stages:
        entry = spec(name)
        if not entry.available():
            hint = f"pip install 'tidings[{entry.extra}]'" if entry.extra else "install it"
            if explicit:
                raise NotBuiltError(
                    f"stage '{name}' needs {', '.join(entry.needs)}, which is missing", hint=hint
                )
            log.warning("%s left out: %s is missing; %s", name, ", ".join(entry.needs), hint)
            continue
        stages.append(entry.build(settings))
    return stages


register(StageSpec("metadata", "tidings.stages.metadata:MetadataStage"))
register(
    StageSpec(
        "language",
        "tidings.stages.language:LanguageStage",
        options=lambda settings: {"settings": settings.language},
    )
)
register(StageSpec("sentences", "tidings.stages.sentences:SentenceStage"))
register(StageSpec("time", "tidings.stages.time:TimeStage"))
register(
    StageSpec(
        "entities",
        "tidings.stages.entities:EntityStage",
        options=lambda settings: {"max_chars": settings.entities.max_chars},
        needs=("spacy",),
        extra="nlp",
    )
)
register(StageSpec("events", "tidings.stages.events:EventStage", needs=("spacy",), extra="nlp"))
register(
    StageSpec(
        "quotes",
        "tidings.stages.quotes:QuoteStage",
        options=lambda settings: {"max_chars": settings.entities.max_chars},
        needs=("spacy",),
        extra="nlp",
    )
)
