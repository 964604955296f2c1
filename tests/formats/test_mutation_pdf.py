"""Faults in formats/pdf.py that a sampled mutation run (issue 15, QUALITY.md T1;
benchmarks/mutation_sample.py) showed the suite let through: a PDF is compressed unless a test
asks for its structure to stay readable."""

from tandem.formats.pdf import html_to_pdf

HTML = '<html lang="nl"><head><title>T</title></head><body>' + "<p>regel</p>" * 200 + "</body>"


def test_the_pdf_is_compressed_by_default():
    compressed, readable = html_to_pdf(HTML), html_to_pdf(HTML, uncompressed=True)
    assert compressed.startswith(b"%PDF") and readable.startswith(b"%PDF")
    assert len(compressed) < len(readable)
