"""axe-core (from npm, tests/browser/axe/) run inside the page, and box-overlap checks."""

import subprocess
from pathlib import Path

AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"


def axe_path() -> Path:
    """The axe.min.js of tests/browser/axe/package-lock.json, installed with npm on first use."""
    if not AXE_JS.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=AXE_DIR, check=True)
    return AXE_JS


def axe_violations(page, *, impacts=("critical", "serious")) -> list[dict]:
    """axe's violations of these impacts on the current page: [{id, impact, nodes: [target]}]."""
    page.add_script_tag(path=str(axe_path()))
    result = page.evaluate(
        """async () => {
          const r = await axe.run(document, {resultTypes: ["violations"]});
          return r.violations.map(v => ({id: v.id, impact: v.impact,
                                         nodes: v.nodes.map(n => n.target.join(" "))}));
        }"""
    )
    return [v for v in result if v["impact"] in impacts]


def overlapping_boxes(page, selector: str) -> list[tuple[str, str]]:
    """Pairs of the visible elements matching ``selector`` whose boxes overlap (> 1 px)."""
    return page.evaluate(
        """(selector) => {
          const els = [...document.querySelectorAll(selector)].filter(e => e.offsetParent);
          const name = e => e.dataset.testid || e.id || e.className || e.tagName;
          const out = [];
          for (let i = 0; i < els.length; i++) for (let j = i + 1; j < els.length; j++) {
            if (els[i].contains(els[j]) || els[j].contains(els[i])) continue;
            const a = els[i].getBoundingClientRect(), b = els[j].getBoundingClientRect();
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (w > 1 && h > 1) out.push([name(els[i]), name(els[j])]);
          }
          return out;
        }""",
        selector,
    )
