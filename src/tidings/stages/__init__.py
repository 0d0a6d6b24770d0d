"""Per-article stages: pure functions from Article to Article, each with a name and version."""
