"""How Debian's Chromium is started here, by the browser tests and tools/screenshots.py."""

import os

EXECUTABLE = os.environ.get("THECEN_BROWSER", "/usr/bin/chromium")
# No sandbox or GPU on CI machines; no background traffic (there is no internet).
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
