"""N rules: note markers and definitions pair up, are numbered in order, are not empty and sit right in the text."""
