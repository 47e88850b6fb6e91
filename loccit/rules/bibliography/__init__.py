"""B rules: notes cite works the bibliography lists, list them the same way, and the list itself is sound."""
