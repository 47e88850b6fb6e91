"""Pandoc citation keys and the bibliography files they resolve against (BibTeX, CSL-JSON, CSL-YAML)."""
