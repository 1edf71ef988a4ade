"""Writing a rendered report to -o FILE or to stdout."""

from __future__ import annotations

import sys

import click

from checker.errors import CheckerError


def write_output(data: bytes, output: str | None, binary: bool = False) -> None:
    if output:
        try:
            with open(output, "wb") as handle:
                handle.write(data)
        except OSError as error:
            raise CheckerError(f"cannot write: {error.strerror}", file=output) from None
        return
    if binary and sys.stdout.isatty():
        raise click.UsageError("this format is binary: give -o FILE")
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
