"""Benchmarks: speed and memory, always as ratios against a baseline measured in the same run."""

from tidings.bench.ingest_bench import run_bench

__all__ = ["run_bench"]
