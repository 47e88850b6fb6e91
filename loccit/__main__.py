"""Run the command line as `python -m loccit`, and as the `loccit` script."""

from __future__ import annotations

import gc


def run() -> None:
    """Start the command line: import it with the garbage collector paused, then run it.

    Start-up builds only objects that live as long as the process (modules, classes, compiled patterns):
    collecting while importing them finds nothing, and freezing them spares every later collection a scan.
    """
    gc.disable()
    from loccit.linter.cli import main

    gc.freeze()
    gc.enable()
    main(prog_name="loccit")


if __name__ == "__main__":
    run()
