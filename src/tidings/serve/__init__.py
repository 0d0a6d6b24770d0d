"""``tidings serve``: the JSON API and the web pages over one store (``serve.app``)."""

from __future__ import annotations

from tidings.serve.app import create_app

__all__ = ["create_app"]
