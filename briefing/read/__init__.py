"""Read: the files of a project (releases, settings, the registry of bodies, assets) into problems and models."""
