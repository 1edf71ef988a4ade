"""Where the `hotline-check` program starts: Ctrl-C is answered before anything else loads.

Importing the commands (click, the engine, the readers) takes a moment; a Ctrl-C in that
moment would otherwise print a Python traceback. Until `checker.cli.main` takes over (and
turns Ctrl-C into one line and status 130 itself, removing any half-written output), a
Ctrl-C prints that same line and ends the process at once: nothing has been written yet.
"""

# `_signal` is built into the interpreter: importing it loads no Python module, so the handler
# is in place before anything else (`signal` itself imports enum, re and more). `os` is
# already loaded by the interpreter's start-up, and so is `sys`.
import _signal
import os
import sys


def _interrupted_at_start(signum, frame):
    os.write(2, "hotline-check: 已中断（Ctrl-C）\n".encode("utf-8"))
    os._exit(130)


# First thing, while this module loads: the console script imports it before anything else.
_previous = _signal.signal(_signal.SIGINT, _interrupted_at_start)


def main() -> None:
    import gc
    import signal

    # A command creates few reference cycles and many short-lived objects (the imports, the
    # rows of a table): the collector looks at the young ones every 20,000 allocations, not
    # every 700 (80 ms of collecting at 100,000 tickets, 40 ms so).
    gc.set_threshold(20_000, 10, 10)
    # numpy's linear-algebra library starts a thread per core that waits for work by spinning;
    # nothing here multiplies matrices, so those threads would only take the cores from polars
    # (about a fortieth of an audit's CPU samples). Read when numpy loads: set before it does.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from checker.cli import main as run_command
    # From here on Ctrl-C is a KeyboardInterrupt that run_command turns into status 130
    # (unless the shell started us with Ctrl-C ignored, as for a background job).
    signal.signal(signal.SIGINT, signal.SIG_IGN if _previous == signal.SIG_IGN
                  else signal.default_int_handler)
    try:
        run_command()
    except SystemExit as done:
        if isinstance(done.code, int) or done.code is None:
            _leave(done.code or 0)
        raise


def _leave(status: int) -> None:
    """End the process once the command is done, without the interpreter's tear-down.

    Every output is written and closed by then; what tear-down would still do is free the
    audit's columns object by object (a tenth of a second or more for a large log), which the
    system does at once when the process ends. The exit handlers (a workbench's temporary
    folder) run, and the standard streams are flushed, first."""
    import atexit
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:                  # started with that descriptor closed
            continue
        try:
            stream.flush()
        except (OSError, ValueError):       # a reader gone (`… | head`), a stream closed
            status = status or 1
    os._exit(status)


if __name__ == "__main__":
    main()
