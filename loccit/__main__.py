"""Run the command line as `python -m loccit`, and as the `loccit` script."""

from __future__ import annotations

import gc
import os
import sys


def run() -> None:
    """Start the command line: import it with the garbage collector paused, run it, and leave at once.

    Start-up builds only objects that live as long as the process (modules, classes, compiled patterns):
    collecting while importing them finds nothing, and freezing them spares every later collection a scan.
    At the end, once the output is flushed, the process exits without tearing those objects down one by one
    (mypy leaves the same way); a caller of `cli.main` in its own process is not concerned.
    """
    gc.disable()
    from loccit.linter.cli.main import main

    gc.freeze()
    # A check builds many small objects that live until its document is done, and few cycles: collecting
    # every 700 allocations rescans them for nothing (a 10 MB essay: 4.7 s, and 3.9 s with this threshold).
    gc.set_threshold(50_000, 20, 20)
    gc.enable()
    try:
        main(prog_name="loccit")
    except SystemExit as stop:
        if stop.code is not None and not isinstance(stop.code, int):
            raise  # a message to print: the ordinary exit prints it
        try:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:  # None when the stream was closed before the run (`>&-`)
                    stream.flush()
        except BrokenPipeError:
            os._exit(1)  # the reader left early (`| head -1`): nothing more to say, and click exits 1 alike
        except (OSError, ValueError):
            if stop.code:  # the run failed and said why (it could not write its findings, say)
                os._exit(stop.code)
            raise stop from None  # a closed or broken stream: the ordinary exit reports it
        os._exit(stop.code or 0)


if __name__ == "__main__":
    run()
