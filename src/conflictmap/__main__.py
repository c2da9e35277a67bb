"""`python -m conflictmap` runs the command line."""

from .cli import main

main()
