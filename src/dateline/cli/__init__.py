"""The `dateline` command: one Typer app, one module per command group."""

from __future__ import annotations

import sys

# Typer vendors Click (pinned in the lock); its exceptions are the ones raised here.
from typer import Abort
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

# Typer lists commands in the order they are registered: reading first, then the corpus.
from dateline.cli import read

# isort: split
from dateline.cli import corpus, evaluate, serve
from dateline.cli.common import app, report

__all__ = ["app", "corpus", "evaluate", "main", "read", "run", "serve"]


def run(args: list[str] | None = None) -> int:
    """Run the command line and give its exit status.

    Usage errors (a bad date, an unknown type, a missing argument) are one line naming the
    command and the option, with status 2, instead of Click's boxed usage panel.
    """
    try:
        status = app(args=args, prog_name="dateline", standalone_mode=False)
    except NoArgsIsHelpError as exc:
        exc.show()
        return 2
    except UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else "dateline"
        message = exc.format_message().replace(": Value error, ", ": ")  # pydantic's prefix
        report(f"{where.removeprefix('dateline').strip() or 'usage'}: {message}")
        return 2
    except ClickException as exc:
        report(exc.format_message())
        return exc.exit_code
    except Abort:
        return 130
    return status if isinstance(status, int) else 0


def main() -> None:
    sys.exit(run())
