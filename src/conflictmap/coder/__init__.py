"""The learned coder: a training corpus, linear heads over sentence embeddings, and the
command that rebuilds them (`conflictmap train`)."""
