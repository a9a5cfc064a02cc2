"""Plots as plain SVG text: lanes of dots over time, and horizontal bars.

Every label is untrusted text and goes through ``esc``; every number is formatted here, so the
markup holds nothing the store wrote but escaped text. The SVGs scale to the page's width
(``viewBox``); colours and fonts come from the page's style sheet through classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Sequence

LANE = 22  # px per lane
TOP, BOTTOM = 8, 30  # room above the first lane, and for the axis below the last
WIDTH = 900  # viewBox width; the plot scales to the page
PAD = 12  # px kept clear at each end of the time axis
TICKS = 5
TIPS = 3  # articles named in the tip of a dot that stands for several
COLOURS = 10  # outlet colours c0..c9 in the style sheet; c10 is every other outlet
ELLIPSIS = "…"


def esc(text: str) -> str:
    return escape(text, quote=True)


def short(text: str, size: int) -> str:
    """``text`` on one line, cut to ``size`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + ELLIPSIS


@dataclass(frozen=True, slots=True)
class Dot:
    lane: int
    at: float  # a day ordinal or an ingestion order, as the axis says
    colour: int  # outlet colour index, COLOURS for "other"
    tip: str  # shown on hover
    first: bool = False  # the first time this lane's outlet carried the claim: drawn larger


@dataclass(frozen=True, slots=True)
class Lane:
    label: str
    href: str = ""  # a link for the label, "" for none
    colour: int | None = None  # a swatch before the label


@dataclass(frozen=True, slots=True)
class Axis:
    low: float
    high: float
    dates: bool  # day ordinals; else ingestion order

    def label(self, value: float) -> str:
        return date.fromordinal(round(value)).isoformat() if self.dates else f"#{round(value)}"


def axis_for(values: Sequence[float], *, dates: bool) -> Axis:
    return Axis(min(values, default=0), max(values, default=0), dates)


def lanes(lanes: Sequence[Lane], dots: Sequence[Dot], axis: Axis, *, label_width: int, title: str,
          path: bool = False) -> str:
    """One row per lane, a dot per item at its time; ``path`` joins each lane's first dot to the
    next lane's, so the way a quote went from outlet to outlet reads as a staircase."""
    height = TOP + LANE * len(lanes) + BOTTOM
    left, right = label_width + PAD, WIDTH - PAD
    span = axis.high - axis.low

    def x(value: float) -> float:
        return (left + right) / 2 if span == 0 else left + (value - axis.low) / span * (right - left)

    def y(lane: int) -> float:
        return TOP + LANE * lane + LANE / 2

    parts = [f'<svg class="plot lanes" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{esc(title)}">',
             f"<title>{esc(title)}</title>"]
    for i, lane in enumerate(lanes):
        parts.append(f'<line class="lane" x1="{left}" x2="{right}" y1="{y(i):.1f}" y2="{y(i):.1f}"/>')
        swatch = "" if lane.colour is None else (
            f'<circle class="c{lane.colour}" cx="6" cy="{y(i):.1f}" r="5"/>')
        text = (f'<text class="label" x="{14 if swatch else 0}" y="{y(i) + 4:.1f}">'
                f"{esc(short(lane.label, label_width // 7))}<title>{esc(lane.label)}</title></text>")
        parts.append(swatch + (f'<a href="{esc(lane.href)}">{text}</a>' if lane.href else text))
    if path:
        firsts = sorted((d for d in dots if d.first), key=lambda d: (d.at, d.lane))
        if len(firsts) > 1:
            points = [f"{x(firsts[0].at):.1f},{y(firsts[0].lane):.1f}"]
            for before, after in zip(firsts, firsts[1:]):
                points.append(f"{x(after.at):.1f},{y(before.lane):.1f}")
                points.append(f"{x(after.at):.1f},{y(after.lane):.1f}")
            parts.append(f'<polyline class="path" points="{" ".join(points)}"/>')
    # dots on one spot are drawn once, their tips together; first sightings on top
    spots: dict[tuple[int, str], list[Dot]] = {}
    for d in dots:
        spots.setdefault((d.lane, f"{x(d.at):.0f}"), []).append(d)
    for group in sorted(spots.values(), key=lambda g: any(d.first for d in g)):
        d, first = group[0], any(d.first for d in group)
        tip = "\n".join(g.tip for g in group[:TIPS]) + (f"\nand {len(group) - TIPS} more" if len(group) > TIPS else "")
        parts.append(f'<circle class="c{d.colour}{" first" if first else ""}" cx="{x(d.at):.1f}" '
                     f'cy="{y(d.lane):.1f}" r="{6 if first else 4}"><title>{esc(tip)}</title></circle>')
    base = TOP + LANE * len(lanes)
    parts.append(f'<line class="axis" x1="{left}" x2="{right}" y1="{base}" y2="{base}"/>')
    ticks = _ticks(axis)
    for value in ticks:
        # the last label ends at its tick, so that it stays inside the plot
        end = " end" if len(ticks) > 1 and value == ticks[-1] else ""
        parts.append(f'<line class="tick" x1="{x(value):.1f}" x2="{x(value):.1f}" y1="{base}" y2="{base + 4}"/>'
                     f'<text class="tick{end}" x="{x(value):.1f}" y="{base + 17}">{esc(axis.label(value))}</text>')
    if not axis.dates:
        parts.append(f'<text class="note" x="{right}" y="{base + 28}">ingestion order (not every article has a date)</text>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    note: str  # written after the bar
    href: str = ""


def bars(rows: Sequence[Bar], *, label_width: int, title: str) -> str:
    """Horizontal bars, longest first as given, each label a link where it has one."""
    height = TOP + LANE * len(rows) + 8
    left, right = label_width + PAD, WIDTH - 220
    top = max((r.value for r in rows), default=1) or 1
    parts = [f'<svg class="plot bars" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{esc(title)}">',
             f"<title>{esc(title)}</title>"]
    for i, row in enumerate(rows):
        y = TOP + LANE * i
        length = max(1.0, row.value / top * (right - left))
        bar = (f'<text class="label" x="0" y="{y + 15}">{esc(short(row.label, label_width // 7))}'
               f"<title>{esc(row.label)}</title></text>"
               f'<rect class="bar" x="{left}" y="{y + 3}" width="{length:.1f}" height="{LANE - 6}"/>'
               f'<text class="value" x="{left + length + 6:.1f}" y="{y + 15}">{esc(row.note)}</text>')
        parts.append(f'<a href="{esc(row.href)}">{bar}</a>' if row.href else bar)
    parts.append("</svg>")
    return "".join(parts)


def _ticks(axis: Axis) -> list[float]:
    if axis.high == axis.low:
        return [axis.low]
    step = (axis.high - axis.low) / (TICKS - 1)
    return sorted({round(axis.low + step * i) for i in range(TICKS)})  # days and orders are whole
