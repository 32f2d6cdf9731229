"""Files for the world outside: PDF (Qt only, no widgets), and later ICS, CSV, JSON."""
