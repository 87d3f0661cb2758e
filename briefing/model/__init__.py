"""Model: what the releases are about (meetings, countries, bodies) and the site they make, as frozen data."""
