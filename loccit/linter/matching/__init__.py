"""Cited works to bibliography entries: the candidate index, similarity of names, titles and years (rapidfuzz),
and each citation's resolution with how it resolved.

Never imports rules, config, engine, output or cli.
"""
