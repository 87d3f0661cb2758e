#!/usr/bin/env python3
"""Build the briefing site: `python build.py` (see `python build.py --help`)."""

import signal
import sys

from briefing.cli import main

if __name__ == "__main__":
    status = main()
    # Done: a Ctrl-C from now on (Python's exit still takes a moment) would only
    # turn a finished command into a traceback and a false "interrupted" status.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(status)
