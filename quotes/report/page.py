"""A gathered Report -> one HTML page, its style sheet and script inline.

Everything that came from the store (quotes, titles, outlets, names, addresses) is untrusted:
it reaches the markup only through ``esc`` (``html.escape`` with quotes), and the script's data
only through ``json_for_script``, which leaves no ``<`` for the HTML parser to end the script
at. Article addresses become links only when they are plain http(s) URLs (no ``javascript:``).
A Content-Security-Policy in the page lets nothing load (no image, font, frame or fetch) and
runs only the page's own script and style, by hash: text that slipped past the escaping could
still neither run nor call out.
"""

from __future__ import annotations

import base64
import hashlib
import json
from difflib import SequenceMatcher
from importlib.resources import files
from typing import Sequence
from urllib.parse import quote, urlencode

import regex

from quotes.claims import ALTERED, CONFLICTING, WORD
from quotes.report.gather import ClaimView, Report, Seen
from quotes.report.svg import COLOURS, Bar, Dot, Lane, axis_for, bars, esc, lanes

OVERVIEW_CLAIMS = 15  # claims in the overview plot
# Per claim, so that a claim carried a hundred times keeps the page small enough to mail:
FULL_ROWS = 8  # occurrences shown with their sentence; the others as outlet, date and title
OWN_LANES = 11  # outlets with a timeline lane of their own; those after them share one more
SPEAKER_BARS = 20  # speakers in the chart
FLAG_WORDS = {
    ALTERED: "Altered: outlets carry these words differently, by more than punctuation, case or "
             "quoting a shorter stretch of them.",
    CONFLICTING: "Conflicting speakers: outlets credit different people with these words.",
}
# An address the page may link to: http or https, with no white space or control characters.
WEB_URL = regex.compile(r"https?://[^\s\p{Cc}\p{Cf}]+", regex.IGNORECASE)
# What json.dumps leaves that could end or confuse a <script> element: < (as in </script> or
# <!--), and > and & for good measure; U+2028/9 are valid JSON but not in older JavaScript.
SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                               "\u2028": "\\u2028", "\u2029": "\\u2029"})


def render(report: Report) -> str:
    style = _asset("page.css")
    script = _asset("page.js")
    colour = {o: min(i, COLOURS) for i, o in enumerate(report.outlets)}
    title = "Quotes report" + (f": {report.name}" if report.name else "")
    listed = len(report.claims)
    summary = (f"{_count(report.articles, 'article')}, {_count(report.quotes, 'quote')}, "
               f"{_count(report.claims_in_store, 'claim')}; {_count(listed, 'claim')} carried by "
               f"{report.min_outlets} or more outlets.")
    body = [f"<header><h1>{esc(title)}</h1><p>{esc(summary)}</p></header>"]
    if not report.claims:
        body.append(f'<p class="empty">No claim in this store is carried by {report.min_outlets} or more '
                    "outlets: there is nothing to follow from outlet to outlet yet.</p>")
    else:
        body += [_filters(report), _overview(report, colour)]
    body.append(_speakers(report))
    if report.claims:
        body.append(
            f'<section id="claims"><h2>Claims carried by {report.min_outlets} or more outlets, widest first</h2>'
            f'<p class="status">Showing <span id="shown">{listed}</span> of {listed} claims.</p>'
            '<p id="no-match" class="empty" hidden>No claim matches this search.</p>'
            + "".join(_claim(view, colour) for view in report.claims) + "</section>"
        )
    data = [{"id": v.claim.id, "speakers": [n for n, _ in v.claim.speakers],
             "outlets": list(v.claim.outlets), "flags": list(v.claim.flags),
             "words": " ".join([w.text for w in v.claim.variants] + list(dict.fromkeys(s.title for s in v.seen)))}
            for v in report.claims]
    policy = (f"default-src 'none'; script-src '{_digest(script)}'; style-src '{_digest(style)}'; "
              "base-uri 'none'; form-action 'none'")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{esc(title)}</title><style>{style}</style></head>\n<body>"
        + "\n".join(body)
        + f'\n<script type="application/json" id="claims-data">{json_for_script(data)}</script>'
        + f"<script>{script}</script></body></html>\n"
    )


def json_for_script(value: object) -> str:
    """``value`` as JSON that is safe inside an HTML <script> element."""
    return json.dumps(value, ensure_ascii=False).translate(SCRIPT_UNSAFE)


def word_marks(base: str, other: str) -> str:
    """``other`` as HTML, its words that differ from ``base`` in <ins> and the words of ``base``
    it drops or replaces in <del> where they were; case and punctuation do not count."""
    a, b = list(WORD.finditer(base)), list(WORD.finditer(other))
    matcher = SequenceMatcher(a=[m[0].casefold() for m in a], b=[m[0].casefold() for m in b], autojunk=False)
    out, cursor = [], 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            stop = b[j2 - 1].end()
            out.append(esc(other[cursor:stop]))
            cursor = stop
            continue
        if j2 > j1:
            out.append(esc(other[cursor : b[j1].start()]))
            cursor = b[j1].start()
        if i2 > i1:
            dropped = f"<del>{esc(base[a[i1].start() : a[i2 - 1].end()])}</del>"
            if j2 > j1:  # replaced: the new words follow
                out.append(dropped + " ")
            else:  # dropped: set apart from the words on either side
                out.append(" " + dropped if cursor else dropped + " ")
        if j2 > j1:
            stop = b[j2 - 1].end()
            out.append(f"<ins>{esc(other[cursor:stop])}</ins>")
            cursor = stop
    out.append(esc(other[cursor:]))
    return "".join(out)


def web_url(url: str) -> str:
    """``url`` when the page may link to it, else ""."""
    return url if WEB_URL.fullmatch(url) else ""


def _filters(report: Report) -> str:
    speakers = "".join(f'<option value="{esc(s.name)}">' for s in report.speakers if s.claims)
    outlets = "".join(f'<option value="{esc(o)}">{esc(o)}</option>' for o in sorted(report.outlets))
    flags = "".join(f'<option value="{esc(f)}">{esc(f)}</option>' for f in FLAG_WORDS)
    return (
        '<form id="filter" hidden><label>Words <input name="q" type="search" placeholder="military sphere"></label>'
        '<label>Speaker <input name="speaker" type="search" list="speaker-names"></label>'
        f'<datalist id="speaker-names">{speakers}</datalist>'
        f'<label>Outlet <select name="outlet"><option value="">any</option>{outlets}</select></label>'
        f'<label>Flag <select name="flag"><option value="">any</option>{flags}</select></label>'
        '<button type="reset">Show all</button></form>'
    )


def _overview(report: Report, colour: dict[str, int]) -> str:
    shown = report.claims[:OVERVIEW_CLAIMS]
    seen = [s for view in shown for s in view.seen]
    dated = all(s.day is not None for s in seen)
    at = (lambda s: float(s.day)) if dated else (lambda s: float(s.order))  # type: ignore[arg-type]
    dots = []
    for lane, view in enumerate(shown):
        firsts = set()
        for s in view.seen:
            dots.append(Dot(lane, at(s), colour[s.outlet], f"{s.outlet}, {s.when}: {s.title}", s.outlet not in firsts))
            firsts.add(s.outlet)
    rows = [Lane(f"#{v.claim.id} {v.claim.quote}", href=f"#claim-{v.claim.id}") for v in shown]
    plot = lanes(rows, dots, axis_for([d.at for d in dots], dates=dated), label_width=300,
                 title=f"The {len(shown)} most reused claims over time, a dot per article, coloured by outlet")
    legend = "".join(f'<li><svg viewBox="0 0 10 10" class="swatch"><circle class="c{colour[o]}" cx="5" cy="5" r="5"/>'
                     f"</svg>{esc(o)}</li>" for o in report.outlets[:COLOURS])
    if len(report.outlets) > COLOURS:
        legend += (f'<li><svg viewBox="0 0 10 10" class="swatch"><circle class="c{COLOURS}" cx="5" cy="5" r="5"/>'
                   f"</svg>{len(report.outlets) - COLOURS} other outlets</li>")
    return (f'<section id="overview"><h2>The most reused claims over time</h2>'
            f'<p class="hint">A row per claim, widest first; a dot per article carrying it, the first in each '
            f'outlet larger. Click a claim to read it.</p>{plot}<ul class="legend">{legend}</ul></section>')


def _speakers(report: Report) -> str:
    if not report.speakers:
        return '<section id="speakers"><h2>Speakers</h2><p class="empty">No quote in this store has a speaker.</p></section>'
    top = report.speakers[:SPEAKER_BARS]
    chart = bars([Bar(s.name, s.quotes, f"{_count(s.quotes, 'quote')}, {_count(s.outlets, 'outlet')}",
                      _speaker_link(s.name) if s.claims else "") for s in top],
                 label_width=220, title=f"The {len(top)} most quoted speakers, by quotes")
    rows = "".join(
        f'<tr><td><a href="{esc(_speaker_link(s.name))}">{esc(s.name)}</a></td><td class="n">{s.quotes}</td>'
        f'<td class="n">{s.outlets}</td><td class="n">{len(s.claims)}</td></tr>'
        for s in report.speakers if s.claims
    )
    table = ("<table class=\"speakers\"><thead><tr><th>speaker</th><th>quotes</th><th>outlets</th>"
             f"<th>reused claims</th></tr></thead><tbody>{rows}</tbody></table>") if rows else ""
    return (f'<section id="speakers"><h2>Speakers</h2><p class="hint">Who is quoted most, and in how many '
            f'outlets; a name with reused claims links to them.</p>{chart}{table}</section>')


def _claim(view: ClaimView, colour: dict[str, int]) -> str:
    claim = view.claim
    speaker = claim.speaker or "speaker unknown"
    meta = (f"{speaker} · {_count(claim.articles, 'article')} in {_count(len(claim.outlets), 'outlet')} · "
            f"first seen {claim.first_seen}, last seen {claim.last_seen}")
    flags = []
    for flag in claim.flags:
        words = FLAG_WORDS.get(flag, flag)
        if flag == CONFLICTING:
            words += " " + "; ".join(f"{name}: {_count(n, 'quote')}" for name, n in claim.speakers) + "."
        flags.append(f'<li class="flag {esc(flag)}">{esc(words)}</li>')
    wordings = []
    for variant in claim.variants:
        if variant.diff:
            text = (f'{word_marks(claim.quote, variant.text)} <span class="change">'
                    f"({esc(variant.diff)})</span>")
        else:
            text = f'{esc(variant.text)} <span class="change">(the wording most carried)</span>'
        wordings.append(f'<li><span class="times">{variant.occurrences}×</span> {text}</li>')
    return (
        f'<article class="claim" id="claim-{claim.id}" data-id="{claim.id}">'
        f'<h3><a href="#claim-{claim.id}">#{claim.id}</a> “{esc(claim.quote)}”</h3>'
        f'<p class="meta">{esc(meta)}</p>'
        + (f'<ul class="flags">{"".join(flags)}</ul>' if flags else "")
        + f'<h4>Wordings</h4><ol class="wordings">{"".join(wordings)}</ol>'
        + f"<h4>Outlet by outlet</h4>{_timeline(view, colour)}"
        + '<table class="seen"><thead><tr><th>outlet</th><th>date</th><th>article</th><th>speaker</th>'
        + '<th>the quote in its sentence</th></tr></thead><tbody>'
        + "".join(_seen_row(s, colour) for s in view.seen[:FULL_ROWS]) + "</tbody></table>"
        + _more(view, colour) + "</article>"
    )


def _more(view: ClaimView, colour: dict[str, int]) -> str:
    """The occurrences after the first FULL_ROWS, one short line each, folded away."""
    rest = view.seen[FULL_ROWS:]
    if not rest:
        return ""
    lines = "".join(
        f'<li><span class="dot c{colour[s.outlet]}"></span>{esc(s.outlet)} · {esc(_when(s))} · {_article(s)}'
        + (f" · credited to {esc(s.speaker)}" if s.speaker and s.speaker != view.claim.speaker else "") + "</li>"
        for s in rest
    )
    return (f'<details class="more"><summary>{_count(len(rest), "more article")} carrying it</summary>'
            f"<ul>{lines}</ul></details>")


def _timeline(view: ClaimView, colour: dict[str, int]) -> str:
    outlets = list(dict.fromkeys(s.outlet for s in view.seen))  # in the order they first carried it
    own = {o: i for i, o in enumerate(outlets[:OWN_LANES])}
    if len(outlets) == OWN_LANES + 1:  # one lane for one more outlet is its own lane
        own[outlets[-1]] = OWN_LANES
    rows = [Lane(o, colour=colour[o]) for o in own]
    if len(own) < len(outlets):
        rows.append(Lane(f"{len(outlets) - len(own)} other outlets"))
    dated = all(s.day is not None for s in view.seen)
    dots = []
    firsts: set[str] = set()
    for s in view.seen:
        dots.append(Dot(own.get(s.outlet, len(own)), float(s.day if dated else s.order), colour[s.outlet],  # type: ignore[arg-type]
                        f"{s.outlet}, {s.when}", s.outlet in own and s.outlet not in firsts))  # titles: in the table
        firsts.add(s.outlet)
    return lanes(rows, dots, axis_for([d.at for d in dots], dates=dated), label_width=180, path=True,
                 title=f"When each outlet carried claim {view.claim.id}, a dot per article")


def _seen_row(seen: Seen, colour: dict[str, int]) -> str:
    return (f'<tr><td><span class="dot c{colour[seen.outlet]}"></span>{esc(seen.outlet)}</td>'
            f'<td class="when">{esc(_when(seen))}</td><td>{_article(seen)}</td><td>{esc(seen.speaker or "—")}</td>'
            f"<td>{esc(seen.before)}<mark>{esc(seen.text)}</mark>{esc(seen.after)}</td></tr>")


def _article(seen: Seen) -> str:
    """The article's title, linked to its address where it has a web address."""
    url = web_url(seen.url)
    title = esc(seen.title or seen.article)
    return f'<a href="{esc(url)}" rel="noopener noreferrer">{title}</a>' if url else title


def _when(seen: Seen) -> str:
    return seen.published or f"#{seen.order} (no date)"


def _speaker_link(name: str) -> str:
    return "#" + urlencode({"speaker": name}, quote_via=quote)


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _asset(name: str) -> str:
    return files("quotes.report").joinpath(name).read_text(encoding="utf-8")


__all__: Sequence[str] = ("render", "json_for_script", "word_marks", "web_url")
