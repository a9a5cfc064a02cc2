"""The Parquet layout of a Spark run, and loading it into the embedded store.

``quotes spark extract`` writes, under its output folder:

- ``articles/``: one row per article, every field the store keeps (``ARTICLE_FIELDS``) plus
  where it was read (``input``: the argument's index, ``path``, ``ordinal``: its place in
  that file), and a ``date`` column (the publication day, ``unknown`` when there is none;
  older runs wrote it as a folder a date, ``date=...``, which ``load`` reads alike);
- ``quotes/``: one row per quoted span of any kind, with the article's id, outlet, title,
  published and url beside the span, speaker and cue fields (``QUOTE_RECORD``) and ``index``,
  the span's place in its article, with its ``date`` too.

``quotes spark cluster`` writes ``claims/`` (``article``, ``start``, ``claim``: the
article and start of the group's first quote) and ``vectors/`` (``text``, ``vector``, the
model's name in ``model``). ``load`` reads these back into a ``Store`` in the order the
articles were read, so every listing command works on a Spark run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

import numpy as np

from quotes.errors import QuotesError
from quotes.types import Article, Mention, Quote, Span

if TYPE_CHECKING:
    from quotes.store import Store

ARTICLE_FIELDS = ("id", "text", "title", "outlet", "url", "published", "source", "meta")
# A quote as a flat record: the Span, then the speaker and cue mentions (None when absent),
# the speaker's role ("" when none) between them.
QUOTE_RECORD = (
    "start", "end", "open_start", "close_end", "quote", "kind", "closed", "parent", "speaker",
    "speaker_mention", "speaker_start", "speaker_end", "speaker_role", "cue", "cue_start", "cue_end",
)
UNKNOWN_DATE = "unknown"  # the date partition of an article without a publication date


def date_of(published: str) -> str:
    """The day an ISO 8601 date falls on (its first ten characters), for partitioning."""
    return published[:10] if len(published) >= 10 else UNKNOWN_DATE


def article_record(article: Article) -> dict[str, Any]:
    record = {field: getattr(article, field) for field in ARTICLE_FIELDS}
    record["meta"] = json.dumps(dict(article.meta), ensure_ascii=False)
    return record


def article_from_record(record: Mapping[str, Any]) -> Article:
    values = {field: record[field] for field in ARTICLE_FIELDS}
    values["meta"] = json.loads(values["meta"] or "{}")
    return Article(**values)


def quote_record(quote: Quote) -> dict[str, Any]:
    span, mention, cue = quote.span, quote.mention, quote.cue
    return {
        "start": span.start, "end": span.end, "open_start": span.open_start,
        "close_end": span.close_end, "quote": span.text, "kind": span.kind,
        "closed": span.closed, "parent": span.parent, "speaker": quote.speaker,
        "speaker_mention": mention.text if mention else None,
        "speaker_start": mention.start if mention else None,
        "speaker_end": mention.end if mention else None,
        "speaker_role": quote.speaker_role,
        "cue": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
    }


def quote_from_record(record: Mapping[str, Any]) -> Quote:
    span = Span(
        record["start"], record["end"], record["open_start"], record["close_end"], record["quote"],
        record["kind"], bool(record["closed"]), record["parent"],
    )
    return Quote(
        record["article"], span, record["speaker"],
        _mention(record, "speaker_mention", "speaker_start", "speaker_end"),
        _mention(record, "cue", "cue_start", "cue_end"),
        record.get("speaker_role") or "",  # a folder written before the field has none
    )


def _mention(record: Mapping[str, Any], text: str, start: str, end: str) -> Mention | None:
    return None if record[text] is None else Mention(record[text], record[start], record[end])


# --- loading into the store -----------------------------------------------------------------


def load(
    folder: str | Path, store: Store, *, claims: str | Path | None = None,
    on_article: Callable[[int], None] | None = None,
) -> tuple[int, int, int]:
    """Store the articles and quotes of a ``quotes spark extract`` folder, in reading order;
    then the claims of a ``quotes spark cluster`` folder, if given, with its vectors.

    Returns (articles added, quotes added, claims). Loading the same folder again changes
    nothing; an article already stored with other text is replaced, as ``quotes add`` does.
    """
    try:
        import pyarrow.dataset as ds
    except ImportError:
        raise QuotesError("reading Parquet needs pyarrow: python -m pip install 'quotes[spark]'") from None
    folder = Path(folder)
    articles = _table(folder / "articles", ds).sort_by([("input", "ascending"), ("path", "ascending"), ("ordinal", "ascending")])
    quotes = _table(folder / "quotes", ds).sort_by([("article", "ascending"), ("index", "ascending")])
    by_article: dict[str, list[Quote]] = {}
    for record in quotes.to_pylist():
        by_article.setdefault(record["article"], []).append(quote_from_record(record))
    added = stored_quotes = 0
    for record in articles.to_pylist():
        article = article_from_record(record)
        found = by_article.get(article.id, [])
        if store.add_article(article, found) != "unchanged":
            added += 1
            stored_quotes += len(found)
        if on_article:
            on_article(len(found))
    groups = _claims(Path(claims), store, ds) if claims is not None else None
    return added, stored_quotes, groups


def _claims(folder: Path, store: Store, ds: Any) -> int:
    """Replace the store's clusters with the Spark run's claims, and cache its vectors."""
    from quotes import identity

    table = _table(folder / "claims", ds)
    ids = store.quote_ids()
    groups: dict[tuple[str, int], list[int]] = {}
    for row in table.to_pylist():
        key = (row["article"], row["start"])
        if key not in ids:
            raise QuotesError(
                f"{folder}: a claim names a quote that the store does not hold "
                f"(article {row['article']!r}, offset {row['start']}); import the extract folder this "
                "cluster folder was made from"
            )
        groups.setdefault((row["claim_article"], row["claim_start"]), []).append(ids[key])
    by_model: dict[str, dict[str, np.ndarray]] = {}
    for row in _table(folder / "vectors", ds).to_pylist():
        by_model.setdefault(row["model"], {})[row["text"]] = np.asarray(row["vector"], dtype=np.float32)
    for model, vectors in sorted(by_model.items()):
        store.save_vectors(model, vectors)
    identity.refresh(store)
    store.set_clusters(groups.values())
    return len(groups)


def _table(path: Path, ds: Any) -> Any:
    if not path.is_dir():
        raise QuotesError(
            f"{path.parent}: not a quotes Spark output folder (no {path.name}/ in it); give the "
            "--output folder of `quotes spark extract` (or of `quotes spark cluster` for --claims)"
        )
    return ds.dataset(path, format="parquet", partitioning="hive").to_table()
