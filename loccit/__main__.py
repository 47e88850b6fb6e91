"""Run the command line as `python -m loccit`."""

from __future__ import annotations

from loccit.linter.cli import main

if __name__ == "__main__":
    main(prog_name="loccit")
