"""Writing findings: one module per family of formats behind one reporter signature, the source lines they
show, rule pages, and the `loccit sources` report.

Never imports cli.
"""
