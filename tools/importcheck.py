"""The import rule, written once (run by `make lint`; see the README's Architecture section).

1. Apps import downwards only. A layer may import its own layer's *named* neighbours listed in
   ALLOWED and anything below it; never upwards, never in a circle.
2. No first-party import inside a function, except in apps.py, migrations, management commands
   and tests, and the cases listed in INSIDE_FUNCTION_OK with their reason.

Usage: python tools/importcheck.py            (prints the graph and fails on a violation)
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["thecen", "demo", "health", "search", "cms_pages", "frontend", "commerce"]

# Each app and the first-party apps it may import. Anything not listed is refused, so a new
# dependency is a deliberate edit of this table (and of the README's picture).
ALLOWED: dict[str, set[str]] = {
    "thecen": {"*"},  # the configuration package mounts everything
    "demo": {"*"},  # demo content is made through every app's services
    "health": {"cms_pages", "search", "frontend", "commerce.*"},
    "search": {"cms_pages", "frontend", "commerce.*"},
    "cms_pages": {"frontend", "commerce.*"},
    "frontend": {"commerce.core"},
    # Oscar's forks that compose the domain: checkout places orders with bookings and MC
    # attribution; the dashboards show them.
    "commerce.checkout": {
        "commerce.bookings",
        "commerce.mc",
        "commerce.orderpayments",
        "commerce.portone",
        "commerce.provenance",
        "commerce.partner",
        "commerce.core",
    },
    "commerce.dashboard": {
        "commerce.bookings",
        "commerce.mc",
        "commerce.membership",
        "commerce.fulfilment",
        "commerce.orderpayments",
        "commerce.partner",
        "commerce.core",
    },
    # Sales reports read orders, payments and MC attribution through relations only.
    "commerce.reports": {"commerce.orderpayments", "commerce.partner", "commerce.core"},
    # The domain apps: above the payment floor, beside each other without knowing each other.
    "commerce.bookings": {"commerce.orderpayments", "commerce.partner", "commerce.core"},
    "commerce.mc": {"commerce.orderpayments", "commerce.partner", "commerce.core"},
    "commerce.membership": {"commerce.orderpayments", "commerce.partner", "commerce.core"},
    "commerce.provenance": {"commerce.core"},
    # Oscar's reviews, forked: the right to review reads purchases (confirmed lines, from
    # fulfilment) and completed bookings.
    "commerce.reviews": {
        "commerce.bookings",
        "commerce.fulfilment",
        "commerce.orderpayments",
        "commerce.partner",
        "commerce.core",
    },
    # PortOne payments: pays and refunds orders through orderpayments' services and signals.
    "commerce.portone": {"commerce.orderpayments", "commerce.core"},
    # Shipping per partner (Oscar's shipping app, forked): reads partners and products only.
    "commerce.shipping": {"commerce.partner", "commerce.core"},
    # Fulfilment per line and returns: moves paid lines, refunds through the payment floor,
    # reads the partner's return fee from its shipping policy.
    "commerce.fulfilment": {
        "commerce.shipping",
        "commerce.orderpayments",
        "commerce.partner",
        "commerce.core",
    },
    # Partner settlement: reads settled lines (fulfilment), the shipping each partner charged
    # and the MC commission of its lines (which a grade's rule may make the partner bear).
    "commerce.settlement": {
        "commerce.fulfilment",
        "commerce.mc",
        "commerce.shipping",
        "commerce.orderpayments",
        "commerce.partner",
        "commerce.core",
    },
    # The floor: payments send signals and import nothing of the domain.
    "commerce.orderpayments": {"commerce.core"},
    "commerce.partner": {"commerce.core"},
    "commerce.core": set(),
    "commerce": {"commerce.*"},  # commerce/config.py and urls.py mount the apps
}

# path: reason. Keep it short; every line here is listed in the README too.
INSIDE_FUNCTION_OK: dict[str, str] = {
    # Empty: page models reach the code they call (selectors, services, views) through
    # top-level imports, and that code names a page class with `apps.get_model` when it
    # queries one (see the README's Architecture section).
}


def module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] not in PACKAGES:
        return None
    if parts[0] == "commerce" and len(parts) > 1 and (ROOT / "commerce" / parts[1]).is_dir():
        return f"commerce.{parts[1]}"
    return parts[0]


def allowed(src: str, dst: str) -> bool:
    rules = ALLOWED.get(src)
    if rules is None:
        return False
    return any(
        rule == "*" or rule == dst or (rule.endswith(".*") and dst.startswith(rule[:-1]))
        for rule in rules
    )


def exempt_from_inside_rule(path: Path) -> bool:
    rel = path.relative_to(ROOT)
    return (
        rel.name == "apps.py"
        or "migrations" in rel.parts
        or "management" in rel.parts
        or str(rel) in INSIDE_FUNCTION_OK
    )


def imports(tree: ast.AST, module: str):
    """(imported module, line, inside a function) for every absolute or relative import."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Import | ast.ImportFrom):
                    inside.add(id(sub))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: -node.level] if node.level else []
                names = [".".join([*base, node.module] if node.module else base)]
            else:
                names = [node.module or ""]
        else:
            continue
        for name in names:
            yield name, node.lineno, id(node) in inside


def check() -> tuple[dict[str, set[str]], list[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    problems: list[str] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = module_of(path)
            src = app_of(module)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for name, line, inside in imports(tree, module):
                dst = app_of(name)
                if dst is None:
                    continue
                where = f"{path.relative_to(ROOT)}:{line}"
                if inside and not exempt_from_inside_rule(path):
                    problems.append(f"{where}: import of {name} inside a function")
                if dst == src or "migrations" in path.parts:
                    continue
                graph[src].add(dst)
                if not allowed(src, dst):
                    problems.append(f"{where}: {src} may not import {dst} ({name})")
    problems.extend(f"circle between apps: {' -> '.join(c)}" for c in circles(graph))
    return graph, problems


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, seen = [], set()

    def walk(node: str, trail: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt in trail:
                cycle = trail[trail.index(nxt) :] + [nxt]
                key = frozenset(cycle)
                if key not in seen:
                    seen.add(key)
                    found.append(cycle)
            elif len(trail) < 12:
                walk(nxt, [*trail, nxt])

    for start in sorted(graph):
        walk(start, [start])
    return found


def main() -> int:
    graph, problems = check()
    if "-v" in sys.argv:
        for src in sorted(graph):
            print(f"{src} -> {', '.join(sorted(graph[src]))}")
    for problem in problems:
        print(problem)
    if problems:
        print(f"importcheck: {len(problems)} problem(s); the rule is in tools/importcheck.py")
        return 1
    print("importcheck: imports point one way")
    return 0


if __name__ == "__main__":
    sys.exit(main())
