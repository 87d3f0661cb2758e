"""Commands: the recipe of a build (build.py), and check, serve, new and the command line."""
