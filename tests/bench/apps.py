from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Development tooling: `benchmark`, `search_stages`, `generate_captures` and their corpus,
    reference and load modules. Installed only from a development checkout (archive/settings.py),
    so a runtime install neither ships nor imports any of it."""

    name = "tests.bench"
    label = "bench"
    verbose_name = "Benchmark tooling (development only)"
