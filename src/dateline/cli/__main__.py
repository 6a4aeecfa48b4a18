"""`python -m dateline.cli`: the same command, for subprocess tests and workers."""

from dateline.cli import main

main()
