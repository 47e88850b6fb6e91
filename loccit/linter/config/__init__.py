"""Configuration: finding `[tool.loccit]`, `loccit.toml` or `.loccit.toml`, validating every key before an essay
is read, and the Settings a check runs with.

Imports the rule registry to validate codes and options. Never imports engine, output or cli.
"""
