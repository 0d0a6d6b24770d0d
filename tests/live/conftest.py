"""Live test fixtures: the news site on 127.0.0.1, settings that fetch from it quickly (no
delay between requests, a 1 s timeout) and analyse lightly, a feed list of its feeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from newssite import FEEDS, NewsSite

from tidings.config import Settings, load_settings

LIGHT = """
[pipeline]
stages = ["metadata", "language", "sentences"]

[live]
delay_s = 0.0
timeout_s = 1.0
backoff_s = 0.1
max_wait_s = 5
"""


@pytest.fixture
def site() -> Iterator[NewsSite]:
    with NewsSite(slow_s=3.0) as running:
        yield running


@pytest.fixture(scope="session")
def light_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("live") / "light.toml"
    path.write_text(LIGHT, "utf-8")
    return path


@pytest.fixture(scope="session")
def light_settings(light_config: Path) -> Settings:
    return load_settings(light_config)


@pytest.fixture(scope="session")
def light_pipeline(light_settings: Settings):
    from tidings.pipeline import Pipeline

    return Pipeline(settings=light_settings)


@pytest.fixture
def feeds_file(site: NewsSite, tmp_path: Path) -> Path:
    path = tmp_path / "feeds.txt"
    path.write_text("# the test site\n" + "".join(site.url(f) + "\n" for f in FEEDS), "utf-8")
    return path
