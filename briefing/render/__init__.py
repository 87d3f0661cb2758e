"""Render: which pages the site has and what each shows (plan.py), as HTML and data files."""
