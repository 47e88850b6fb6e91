"""Markdown and pasted text to the frozen Document: blocks, regions to skip, note markers and definitions,
headings, bibliography sections and suppression comments, each with its exact span.

Owns mistune. Never imports citations, matching, rules, config, engine, output or cli.
"""
