"""The least a one-release rebuild in a new process must do, timed from outside.

    /usr/bin/time -f "%e s" python3 bench/floor.py /tmp/briefing-bench/10000/content

starts Python, imports the stages such a build needs, scans every release's
signature (the edit must be found) and builds the Markdown converter; it
parses, renders, writes and loads nothing. Whatever `build.py build` does after
an edit costs at least this (see the README's benchmark section).
"""

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NEEDED = ("briefing.commands.cli", "briefing.commands.build", "briefing.commands.stages",
          "briefing.read.parse", "briefing.read.sources", "briefing.read.markup")

if __name__ == "__main__":
    stages = {name: importlib.import_module(name) for name in NEEDED}
    stages["briefing.read.sources"].scan(Path(sys.argv[1] if len(sys.argv) > 1 else "content"))
    stages["briefing.read.markup"].to_html("A sentence.")
