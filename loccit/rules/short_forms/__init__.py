"""S rules: repeated citations use one short form, come after the full one, and Ibid. is unambiguous."""
