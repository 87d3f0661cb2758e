#!/usr/bin/env python3
"""Build the briefing site: `python build.py` (see `python build.py --help`)."""

import signal
import sys

if __name__ == "__main__":
    try:
        from briefing.commands.cli import main

        status = main()
    except KeyboardInterrupt:  # Ctrl-C while starting, before any work (main reports the rest)
        print("interrupted", file=sys.stderr)
        status = 130
    # Done: a Ctrl-C from now on (Python's exit still takes a moment) would only
    # turn a finished command into a traceback and a false "interrupted" status.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(status)
