"""A Typst template and its data to a tagged A4 PDF (PDF/UA-1), for the documents too long for
WeasyPrint (the study report of hundreds of pairs: WeasyPrint lays out a table row in about 8 ms,
Typst in well under one). The data travels as one JSON string in `sys.inputs`, never as markup: the
template shows every value as text, so a user's words cannot become Typst code. The compiler reads
only the template's own folder and fetches nothing (the templates import no package)."""

import json
from pathlib import Path
from typing import Any


def typst_to_pdf(*, template: Path, data: dict[str, Any]) -> bytes:
    # Imported here: only the PDF needs the compiler.
    import typst

    pdf: bytes = typst.compile(
        str(template),
        root=str(template.parent),
        format="pdf",
        sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
        pdf_standards=["ua-1"],
        pdf_tags=True,
    )
    return pdf
