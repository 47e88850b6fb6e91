"""F rules: the form of a citation: paired quote marks, spacing, and facts of publication in brackets."""
