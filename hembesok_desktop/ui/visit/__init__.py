"""Visit documentation: a planned or ad hoc contact, measurements and the signed journal text."""
