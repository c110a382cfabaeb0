"""Plain-text layer: quotation marks and sentences, on strings only (no spaCy, no articles).

Every later stage reads sentences through ``geolib.text.sentences`` and quotation marks
through ``geolib.text.marks``, so quotes, figures, stances and frames agree on where a
sentence ends and what is quoted.
"""
