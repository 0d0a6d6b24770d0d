"""One configuration path: packaged defaults, a user file merged over them, CLI flags last.

The result is a frozen ``Settings`` object passed down to every component.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from tidings.errors import ConfigError


@dataclass(frozen=True, slots=True)
class IngestSettings:
    max_bytes: int
    max_chars: int
    min_chars: int
    batch_size: int
    extensions: tuple[str, ...]
    json_fields: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LanguageSettings:
    supported: tuple[str, ...]
    sample_chars: int


@dataclass(frozen=True, slots=True)
class EntitySettings:
    max_chars: int


@dataclass(frozen=True, slots=True)
class EventSettings:
    min_confidence: float


@dataclass(frozen=True, slots=True)
class StoreSettings:
    busy_timeout_ms: int


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    stages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DedupSettings:
    """When two articles are copies (``[dedup]``): the shorter one mostly inside the longer
    one (``containment``), and the shorter at least ``size_ratio`` of the longer; texts with
    fewer than ``min_shingles`` word 4-shingles only when (almost) equal."""

    containment: float = 0.85
    size_ratio: float = 0.4
    min_shingles: int = 6


@dataclass(frozen=True, slots=True)
class StorySettings:
    """The story clusterer's knobs (``[stories]``; chosen on dev gold, docs/stories.md)."""

    threshold: float = 0.4
    entity_weight: float = 0.8
    gate_days: float = 7.0
    same_day_bonus: float = 0.03
    cross_lingual_bonus: float = 0.0
    undated_penalty: float = 0.3
    neighbours: int = 32
    lead_chars: int = 300
    link: str = "single"


@dataclass(frozen=True, slots=True)
class StorylineSettings:
    """The storyline builder's knobs (``[storylines]``; docs/storylines.md)."""

    min_confidence: float = 0.3
    threshold: float = 0.7
    entity_weight: float = 1.0
    gap_months: int = 24
    candidates: int = 20
    neighbours: int = 32


@dataclass(frozen=True, slots=True)
class LiveSettings:
    """How politely and how fast live feeds and pages are fetched (``[live]``; docs/live.md)."""

    every_s: float = 900.0
    timeout_s: float = 20.0
    per_host: int = 2
    delay_s: float = 1.0
    retries: int = 2
    backoff_s: float = 1.0
    max_wait_s: float = 60.0
    max_redirects: int = 5
    robots_ttl_s: float = 86_400.0
    threads: int = 8
    batch: int = 20
    user_agent: str = ""


@dataclass(frozen=True, slots=True)
class Settings:
    pipeline: PipelineSettings
    ingest: IngestSettings
    language: LanguageSettings
    entities: EntitySettings
    events: EventSettings
    store: StoreSettings
    dedup: DedupSettings = field(default_factory=DedupSettings)
    stories: StorySettings = field(default_factory=StorySettings)
    storylines: StorylineSettings = field(default_factory=StorylineSettings)
    live: LiveSettings = field(default_factory=LiveSettings)


def _merge(base: dict[str, Any], over: dict[str, Any], where: str) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if key not in base:
            raise ConfigError(f"unknown setting '{where}{key}'", hint="check the spelling")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"setting '{where}{key}' must be a table")
            merged[key] = _merge(base[key], value, f"{where}{key}.")
        else:
            merged[key] = value
    return merged


def _defaults() -> dict[str, Any]:
    text = resources.files("tidings").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_settings(path: Path | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    """Packaged defaults, then ``path`` (or ``./tidings.toml`` if present), then ``overrides``
    (a nested dict, e.g. ``{"ingest": {"max_bytes": 1000}}``: how CLI flags come in)."""
    data = _defaults()
    if path is None and Path("tidings.toml").is_file():
        path = Path("tidings.toml")
    if path is not None:
        try:
            user = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        data = _merge(data, user, "")
    if overrides:
        data = _merge(data, overrides, "")
    return _build(data)


def _build(data: dict[str, Any]) -> Settings:
    ing = data["ingest"]
    return Settings(
        pipeline=PipelineSettings(stages=tuple(data["pipeline"]["stages"])),
        ingest=IngestSettings(
            max_bytes=int(ing["max_bytes"]),
            max_chars=int(ing["max_chars"]),
            min_chars=int(ing["min_chars"]),
            batch_size=max(1, int(ing["batch_size"])),
            extensions=tuple(ing["extensions"]),
            json_fields={k: tuple(v) for k, v in ing["json_fields"].items()},
        ),
        language=LanguageSettings(
            supported=tuple(data["language"]["supported"]),
            sample_chars=int(data["language"]["sample_chars"]),
        ),
        entities=EntitySettings(max_chars=int(data["entities"]["max_chars"])),
        events=EventSettings(min_confidence=float(data["events"]["min_confidence"])),
        store=StoreSettings(busy_timeout_ms=int(data["store"]["busy_timeout_ms"])),
        dedup=_table(DedupSettings, data["dedup"], "dedup"),
        stories=_table(StorySettings, data["stories"], "stories"),
        storylines=_table(StorylineSettings, data["storylines"], "storylines"),
        live=_table(LiveSettings, data["live"], "live"),
    )


def _table(kind: type, values: dict[str, Any], name: str) -> Any:
    """A settings dataclass from one TOML table, each value converted to its field's type."""
    converted = {}
    for key, value in values.items():
        default = getattr(kind(), key)
        try:
            converted[key] = type(default)(value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"setting '{name}.{key}' must be a {type(default).__name__}, "
                              f"not {value!r}") from exc
    made = kind(**converted)
    if name == "stories" and made.link not in ("single", "average"):
        raise ConfigError(f"setting 'stories.link' must be single or average, not {made.link!r}")
    return made


@cache
def default_settings() -> Settings:
    """The packaged defaults alone (no user file): what ``Pipeline()`` uses when given none."""
    return _build(_defaults())
