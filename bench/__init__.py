"""Benchmarks of the docs verification: ``uv run python -m bench``."""
