"""`quotes report`: one self-contained HTML page of the claims that travel between outlets.

The page holds the claims several outlets carry, widest first (each wording with its word-level
difference marked, the speakers credited, the flags in words, every occurrence in its sentence
with its outlet, date and article), a timeline per claim, an overview plot of the most reused
claims over time, the speakers with a chart, and a search over words, speaker, outlet and flag.
It is one file, opened from disk: style sheet and script inline, no font, image, library or
request from anywhere else, so it can be mailed or put on any web server as it is.

The plots are plain SVG written here (``svg.py``), not a plotting library's output. The page
needs a dot per article on a few lanes and a bar chart; SVG text of that costs a few hundred
bytes per claim and reads as part of the page (the page's fonts and colours, crisp at any zoom,
printable, links inside it). A library that writes self-contained offline HTML puts its whole
runtime in every file: Plotly's is over 3 MB of JavaScript, Bokeh's about 1 MB (and an image
from matplotlib is neither clickable nor searchable). The seeds' page is about 50 kB, the page
of PolNeAR's 924 articles about 310 kB.

Three modules: ``gather`` reads the store into records, ``svg`` draws, ``page`` writes the HTML
(escaping everything the store holds) with ``page.css`` and ``page.js``.

    from quotes.report import write_report
    from quotes.store import Store

    with Store("quotes.db") as store, open("report.html", "w", encoding="utf-8") as out:
        write_report(store, out)
"""

from __future__ import annotations

from typing import TextIO

from quotes.report.gather import Report, gather
from quotes.report.page import render
from quotes.store import Store

__all__ = ["Report", "gather", "render", "report_html", "write_report"]


def report_html(store: Store, *, min_outlets: int = 2, name: str = "") -> str:
    """The page for ``store``: the claims seen in at least ``min_outlets`` outlets; ``name``
    (the store's file name, say) goes in its title."""
    return render(gather(store, min_outlets=min_outlets, name=name))


def write_report(store: Store, out: TextIO, *, min_outlets: int = 2, name: str = "") -> Report:
    """Write the page for ``store`` to ``out``; returns what it shows, for a summary line."""
    report = gather(store, min_outlets=min_outlets, name=name)
    out.write(render(report))
    return report
