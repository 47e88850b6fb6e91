"""Running checks: files found and read, documents parsed and checked with their settings, projects of several
files, parallel runs, suppressions applied, and fixes written.

Never imports output or cli.
"""
