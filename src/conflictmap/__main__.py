"""`python -m conflictmap` runs the command line (under the name `conflictmap`, so help,
--version and shell completion read the same as for the installed command)."""

from .cli import main

if __name__ == "__main__":  # not when a spawned worker process imports it again
    main(prog_name="conflictmap")
