"""Use-cases over the database: no Textual, no widgets."""
