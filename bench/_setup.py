"""Django set-up shared by the search benchmarks (run from the repository root)."""

import os
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_for_bench() -> str:
    """Configure Django with the test settings and a throwaway index prefix; return it."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thecen.settings.test")
    if not os.environ.get("THECEN_SEARCH_URL"):
        sys.exit("Set THECEN_SEARCH_URL to the search node, e.g. http://127.0.0.1:9250")
    # Creating an index on a busy two-core machine can take longer than a reader may wait.
    os.environ.setdefault("THECEN_SEARCH_TIMEOUT", "30")
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    os.environ["THECEN_SEARCH_INDEX_PREFIX"] = prefix
    import django

    django.setup()
    return prefix


def drop_indices(prefix: str) -> None:
    from search import engine

    client = engine.get_client()
    for name in client.indices.get(index=f"{prefix}-*", ignore_unavailable=True):
        client.indices.delete(index=name)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[rank]
