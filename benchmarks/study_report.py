"""Benchmark for issue 17.4: a campaign's study report for 565 pairs, as PDF and as DOCX.

Target (issue 17): for 565 pairs × 77 aspects (synthetic submitted answers with texts), the PDF
in at most 10 s, the DOCX in at most 3 s, and both faster than converting the same DOCX to PDF
with LibreOffice headless. The campaign is on 'management-2010' with every aspect of its seven
domains (the predefined ones and the 'other' aspects, added to the campaign as a confirmation
round adds them); every pair answers every aspect (benchmarks/synthetic.py, fixed seed). Times,
as the campaign's coordinator (every pair counted, every text in the annex):

  assemble   tandem.reports.study.assemble.assemble(): the data of the whole report;
  html       the HTML document from it;          pdf   the PDF (Typst, reports/study/pdf.py);
  docx       the DOCX from it (python-docx);
  pdf without annex   the PDF of the report without its annex (?annex=0);
  soffice    LibreOffice headless converting that DOCX to PDF (if `soffice` is installed);
  weasyprint with --weasyprint, the report without its annex from its HTML through WeasyPrint,
             the renderer the PDF used before (minutes for 565 pairs).

Each is the median of --runs (one run for the PDF and LibreOffice unless --runs-slow). Pages
are counted with pdfinfo when it is installed.

Run:  .venv/bin/python benchmarks/study_report.py [--runs 3] [--runs-slow 1] [--keep DIR]
Not part of the test suite.
"""

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import answer_all, campaign_with_pairs, prepare

PDF_TARGET_S = 10
DOCX_TARGET_S = 3


def _timed(runs: int, work):
    timings, result = [], None
    for _run in range(runs):
        started = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), result


def _pages(path: Path) -> str:
    if not shutil.which("pdfinfo"):
        return "?"
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages")), "?")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--runs-slow", type=int, default=1)
    parser.add_argument("--keep", help="a folder to keep the report files in")
    parser.add_argument("--pairs", type=int, default=0, help="only the first N pairs (0: all)")
    parser.add_argument("--no-soffice", action="store_true", help="skip LibreOffice")
    parser.add_argument(
        "--weasyprint", action="store_true", help="also time WeasyPrint (without the annex)"
    )
    parser.add_argument("--profile", choices=["assemble", "docx", "html"], help="profile one step")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        prepare(var_dir)
        from django.utils import translation

        from tandem.campaigns.models import CampaignAspect
        from tandem.catalogue.models import Aspect
        from tandem.reports.study.assemble import assemble
        from tandem.reports.study.render import render

        coordinator, campaign, round_, pairs = campaign_with_pairs(args.pairs or None)
        aspects = list(Aspect.objects.filter(domain__framework=campaign.framework))
        CampaignAspect.objects.bulk_create(
            CampaignAspect(campaign=campaign, aspect=a, round=round_)
            for a in aspects
            if a.origin != Aspect.Origin.PREDEFINED
        )
        answers = answer_all(round_, pairs, aspects)
        out = Path(args.keep or var_dir)
        out.mkdir(parents=True, exist_ok=True)
        print(f"pairs x aspects     {len(pairs)} x {len(aspects)} = {answers} answers", flush=True)
        with translation.override("nl"):
            made, report = _timed(args.runs, lambda: assemble(campaign, "nl", coordinator))
            if args.profile:
                import cProfile
                import pstats

                work = {
                    "assemble": lambda: assemble(campaign, "nl", coordinator),
                    "docx": lambda: render(report, "docx"),
                    "html": lambda: render(report, "html"),
                }[args.profile]
                profile = cProfile.Profile()
                profile.runcall(work)
                pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
                return 0
            print(f"assemble            {made:.2f} s", flush=True)
            html_s, html = _timed(args.runs, lambda: render(report, "html"))
            print(f"html                {html_s:.2f} s, {len(html) / 1e6:.1f} MB", flush=True)
            docx_s, docx = _timed(args.runs, lambda: render(report, "docx"))
            print(
                f"docx (python-docx)  {docx_s:.2f} s, {len(docx) / 1e6:.1f} MB; "
                f"target <= {DOCX_TARGET_S} s",
                flush=True,
            )
            bare = assemble(campaign, "nl", coordinator, annex=False)
            bare_s, bare_pdf = _timed(args.runs_slow, lambda: render(bare, "pdf"))
            print(
                f"pdf without annex   {bare_s:.2f} s, {len(bare_pdf) / 1e6:.1f} MB",
                flush=True,
            )
            pdf_s, pdf = _timed(args.runs_slow, lambda: render(report, "pdf"))
            weasy_s = None
            if args.weasyprint:
                from tandem.formats.pdf import html_to_pdf

                bare_html = render(bare, "html").decode()
                weasy_s, _weasy = _timed(args.runs_slow, lambda: html_to_pdf(bare_html))
        (out / "study.html").write_bytes(html)
        (out / "study.docx").write_bytes(docx)
        (out / "study.pdf").write_bytes(pdf)
        soffice = None if args.no_soffice else shutil.which("soffice")
        office_s = None
        if soffice:
            profile = Path(var_dir) / "office-profile"
            command = [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out / "soffice"),
                str(out / "study.docx"),
            ]
            subprocess.run(command, capture_output=True, check=True)  # first start: profile
            office_s, _done = _timed(
                args.runs_slow, lambda: subprocess.run(command, capture_output=True, check=True)
            )

    print(
        f"pdf (Typst)         {pdf_s:.2f} s, {len(pdf) / 1e6:.1f} MB, "
        f"{_pages(out / 'study.pdf')} pages; target <= {PDF_TARGET_S} s (+ assemble)"
    )
    print(
        f"docx (python-docx)  {docx_s:.2f} s, {len(docx) / 1e6:.1f} MB; target <= {DOCX_TARGET_S} s"
    )
    # ru_maxrss is in KiB on Linux: the whole process's peak, the PDF with its annex the largest.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(f"peak memory         {peak:.1f} GiB (the whole process)")
    if weasy_s is not None:
        print(f"pdf without annex (WeasyPrint, before)  {weasy_s:.2f} s")
    if office_s is not None:
        print(f"docx -> pdf (LibreOffice headless)  {office_s:.2f} s")
    else:
        print("docx -> pdf (LibreOffice headless)  not measured: soffice is not installed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
