"""``tidings bench``: speed and peak memory of ingest, the corpus stages, serve and live
feeds, as ratios against a baseline measured in the same run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tidings.cli import JsonOption, _print_json, app, err, out
from tidings.errors import UsageError


@app.command()
def bench(
    what: Annotated[
        str, typer.Argument(help="ingest (the per-article pipeline), stories (the corpus "
                                 "stages as the store grows), storylines (their update after "
                                 "an ingest, at two store sizes), serve (the web app's "
                                 "latency), live (feeds from a local site) or scale (the "
                                 "whole pipeline against plain spaCy, in English and mixed "
                                 "languages, growth rows, hostile input).")
    ] = "ingest",
    corpus: Annotated[
        Path | None, typer.Option(help="JSONL corpus (default: the Reuters-21578 corpus).")
    ] = None,
    limit: Annotated[int, typer.Option(help="Articles to ingest.")] = 2000,
    sizes: Annotated[
        str, typer.Option(help="stories, storylines, scale: store sizes to measure, "
                                 "comma-separated (stories: 1000,10000,100000; storylines: "
                                 "10000,50000; scale: 2000,20000,100000).")
    ] = "",
    size: Annotated[int, typer.Option(help="serve: articles in the store.")] = 20_000,
    requests: Annotated[int, typer.Option(help="serve: requests to send.")] = 3000,
    concurrency: Annotated[int, typer.Option(help="serve: connections at once.")] = 4,
    parts: Annotated[
        str, typer.Option(help="scale: which parts, comma-separated "
                                 "(english,mixed,growth,hostile).")
    ] = "english,mixed,growth,hostile",
    workers: Annotated[int, typer.Option(help="scale: worker processes (and spaCy's).")] = 2,
    as_json: JsonOption = False,
) -> None:
    """Speed and peak memory, as ratios against a baseline measured in the same run."""
    from tidings.bench import run_bench, serve_bench
    from tidings.cli_views import print_bench

    if what == "serve":
        result = serve_bench.run(corpus, size, requests, concurrency, log=err.print)
        _print_json(result) if as_json else serve_bench.print_report(out, result)
        return
    try:
        counts = tuple(int(n) for n in sizes.split(",") if n.strip())
    except ValueError as exc:
        raise UsageError(f"--sizes '{sizes}' is not a list of numbers",
                         hint="write e.g. --sizes 1000,10000") from exc
    if what == "stories":
        from tidings.bench.stories_bench import SIZES
        from tidings.bench.stories_bench import run as run_stories

        rows = run_stories(corpus, counts or SIZES, ingest_baseline=min(limit, 1000))
    elif what == "storylines":
        from tidings.bench.storylines_bench import SIZES
        from tidings.bench.storylines_bench import run as run_storylines

        rows = run_storylines(corpus, counts or SIZES)
    elif what == "live":
        from tidings.bench import live_bench

        result = live_bench.run(min(limit, 500))
        _print_json(result) if as_json else live_bench.print_report(out, result)
        return
    elif what == "scale":
        from tidings.bench import scale_bench

        chosen = tuple(p.strip() for p in parts.split(",") if p.strip())
        unknown = sorted(set(chosen) - {"english", "mixed", "growth", "hostile"})
        if unknown:
            raise UsageError(f"no part called {', '.join(unknown)}",
                             hint="choose from english,mixed,growth,hostile")
        rows = scale_bench.run(corpus, counts or scale_bench.SIZES, min(limit, 1000),
                               workers, chosen, log=err.print)
    elif what == "ingest":
        rows = run_bench(corpus, limit)
    else:
        raise UsageError(f"nothing to bench called '{what}'",
                         hint="choose ingest|stories|storylines|serve|live|scale")
    if as_json:
        _print_json(rows)
    else:
        print_bench(out, rows)
