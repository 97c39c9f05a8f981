"""Data layer: models, opening and migrating the database, search."""
