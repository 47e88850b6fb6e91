"""E rules: files that cannot be read as text, and suppression comments that suppress nothing."""
