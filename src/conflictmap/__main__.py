"""`python -m conflictmap` runs the command line (under the name `conflictmap`, so help,
--version and shell completion read the same as for the installed command)."""

from .cli import main

main(prog_name="conflictmap")
