"""docs/benchmarks.md is written by several benchmarks (`make bench`, `make bench-import`,
`make bench-locations`, `make bench-annual-report`, `make evaluate`), each owning one
"## …" section of it."""

import re
from pathlib import Path


def benchmarks_section_write(path: Path, section: str) -> None:
    """Replace the section of ``path`` whose heading is ``section``'s first line (up to the
    next "## " heading), or append it; the rest of the file is left as it is."""
    heading = section.split("\n", 1)[0]
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: section.rstrip("\n") + "\n\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
