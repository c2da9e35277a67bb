"""Built-in stages. Importing this package registers them (done lazily by the registry)."""

from . import actions, actors, article, coder, dates, finalize, nlp, places  # noqa: F401
