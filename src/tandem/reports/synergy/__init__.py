"""The annual synergy report (seed 004): assembled once as plain data, then rendered as HTML,
PDF (WeasyPrint, from the same HTML) and DOCX (python-docx)."""
