"""Bibliography files and YAML metadata to the model's records: BibTeX and BibLaTeX (bibtexparser 2), CSL-JSON
(the standard library), CSL-YAML, front matter and Quarto project files (PyYAML nodes, which keep every line and
column), each entry and problem with its place in its own file.

Owns bibtexparser and PyYAML, both imported only when a file needs them. Imports the model only. Never imports
markdown, citations, matching, rules, config, engine, output or cli.
"""
