"""Rendering a publication: HTML (Jinja), tagged PDF (WeasyPrint, with its tag repair) and
Word (python-docx), one entry per format in `formats`."""
