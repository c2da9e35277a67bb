"""Article-level reading: which sentences tell the same act (coreference), which acts the
article tells as history (background), and which tolls belong to no single act."""
