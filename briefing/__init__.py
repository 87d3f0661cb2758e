"""A static briefing-site generator: press releases about meetings in, a website out."""

__version__ = "0.2.0"
