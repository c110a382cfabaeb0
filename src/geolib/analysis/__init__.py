"""Tables the notebooks show, built from the corpus tables (one module per notebook theme)."""
