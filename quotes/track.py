"""Claim tracking over the store: add articles, then bring speakers, embeddings and clusters
up to date. The one place where the stages meet; each stage stays in its own module.
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

from quotes import identity
from quotes.claims import build_claims
from quotes.embed import NativeEncoder, SentenceEncoder
from quotes.ingest import Skip, read_articles
from quotes.reading import nothing_read
from quotes.reports import Report, reports as find_reports
from quotes.parallel import extracted
from quotes.store import Store
from quotes.terminal import plural
from quotes.types import INDIRECT, Claim, Occurrence


@dataclass(frozen=True, slots=True)
class AddSummary:
    added: int
    unchanged: int
    replaced: int
    skipped: tuple[tuple[str, int], ...]  # sound input that holds no article, by reason
    failed: tuple[tuple[str, int], ...]  # broken input (bad JSON line, truncated file), by reason
    quotes: int  # quotes (kind "quote") found in the added and replaced articles
    new_clusters: int
    embedded: int  # quote texts embedded in this run; 0 when every vector was cached
    reported: int = 0  # reported statements (kind "indirect") stored in this run

    def line(self) -> str:
        """One line for the whole run; skips appear with their reasons when there are any."""
        return (
            f"{plural(self.added, 'article')} added, {self.unchanged} unchanged, {self.replaced} replaced, "
            f"{_counted(self.skipped, 'skipped', always=False)}{_counted(self.failed, 'failed')}; "
            f"{plural(self.quotes, 'quote')}, {plural(self.new_clusters, 'new cluster')}"
            + (f", {plural(self.reported, 'reported statement')}" if self.reported else "")
        )


def _counted(reasons: tuple[tuple[str, int], ...], word: str, *, always: bool = True) -> str:
    total = sum(n for _, n in reasons)
    if not total:
        return f"0 {word}" if always else ""
    detail = ", ".join(f"{n} {reason}" for reason, n in reasons)
    return f"{total} {word} ({detail})" + ("" if always else ", ")


# Stages of ``add`` that on_progress reports, each with (done, total) in quotes. Reading has no
# total (the input is read as it streams): on_article counts it instead.
STAGES = ("embedding", "clustering", "saving")

Progress = Callable[[str, int, int], None]


def add(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    outlet: str | None = None,
    encoding_errors: str = "strict",
    strict: bool = False,
    warn: Callable[[str], None] | None = None,
    model: str | None = None,
    encoder: object | None = None,
    on_article: Callable[[int], None] | None = None,
    column_map: str | Mapping[str, str] | None = None,
    on_skip: Callable[[Skip], None] | None = None,
    jobs: int | None = 1,
    on_progress: Progress | None = None,
    indirect: bool = False,
) -> AddSummary:
    """Read, extract and store the articles at ``paths``; then update speakers and clusters.

    ``encoder`` (anything with ``name`` and ``encode``) replaces the model, for tests; the
    model is loaded only when some quote text has no cached vector yet. ``jobs`` processes
    extract the quotes (``quotes.parallel``), with the same result as one; only this process
    reads and writes the store. One, the default, starts no process: a library caller opts in
    (None: every core).

    ``indirect``: store each article's reported statements too (rows of kind "indirect",
    ``extract.statements_in``), which ``quotes said`` lists as reported; they join no claim.
    An article stored before without them, and unchanged, gets them now.

    ``on_article(quotes)`` is called for each article read, with its count of quotes (kind
    "quote"); ``on_progress(stage, done, total)`` as the later STAGES go, in quotes. Raises
    QuotesError, before the store is touched, when no article at all could be read: every
    file was skipped or failed (the reasons counted in the message).
    """
    states: Counter[str] = Counter()
    skips: dict[bool, Counter[str]] = {False: Counter(), True: Counter()}  # by whether it failed
    found = reported = 0

    def skipped(skip: Skip) -> None:
        skips[skip.failed][skip.reason] += 1
        if on_skip:
            on_skip(skip)

    articles = read_articles(paths, outlet=outlet, encoding_errors=encoding_errors, strict=strict, warn=warn,
                             column_map=column_map, on_skip=skipped)
    with closing(extracted(articles, jobs=jobs, indirect=indirect)) as extractions, store.grouped() as group:
        # The pool stops on any error (closing); the articles stored before it are committed.
        for article, quotes in extractions:
            group.commit_if_due()
            state = store.add_article(article, quotes)
            states[state] += 1
            if state != "unchanged":
                found += sum(1 for quote in quotes if quote.kind == "quote")
                reported += sum(1 for quote in quotes if quote.kind == INDIRECT)
            elif indirect:  # stored before without its reported speech: that is added now
                reported += store.add_reported(article.id, quotes)
            if on_article:
                on_article(sum(1 for quote in quotes if quote.kind == "quote"))
    if not states:
        raise nothing_read(skips[False], skips[True])
    changed = states["added"] + states["replaced"]
    new_clusters, embedded = update(store, model=model, encoder=encoder, force=changed > 0 or reported > 0,
                                    on_progress=on_progress)
    return AddSummary(
        states["added"], states["unchanged"], states["replaced"],
        tuple(skips[False].most_common()), tuple(skips[True].most_common()), found, new_clusters, embedded,
        reported,
    )


def update(
    store: Store, *, model: str | None = None, encoder: object | None = None, force: bool = False,
    on_progress: Progress | None = None,
) -> tuple[int, int]:
    """Speakers, vectors and clusters from what the store holds: (new clusters, texts embedded).

    Skipped when nothing changed and every quote has its cluster, so adding the same
    articles again writes nothing. ``on_progress(stage, done, total)`` hears each of STAGES.
    """
    report = on_progress or (lambda stage, done, total: None)
    if not force and not store.unclustered():
        return 0, 0
    from quotes.cluster import cluster
    from quotes.similarity import texts_to_embed

    identity.refresh(store)
    occurrences = store.occurrences()
    wanted = texts_to_embed(occurrences)
    vectors: dict = {}
    # The shipped model's vectors are cached per runtime (numpy for a few texts, torch for
    # many): a text embedded by either has its vector.
    for name in (encoder.name,) if encoder is not None else model_names(model):
        vectors.update(store.vectors(name, [text for text in wanted if text not in vectors]))
    missing = [text for text in wanted if text not in vectors]
    if missing:
        if encoder is None:
            from quotes.embed import for_texts, load_encoder

            encoder = for_texts(load_encoder(model), len(missing))
        fresh = dict(zip(missing, _encode(encoder, missing, report if on_progress else None)))
        report("saving", 0, len(fresh))
        store.save_vectors(encoder.name, fresh)  # type: ignore[attr-defined]
        vectors.update(fresh)
    report("clustering", 0, len(occurrences))
    groups = cluster(occurrences, vectors)
    report("clustering", len(occurrences), len(occurrences))
    report("saving", 0, len(occurrences))
    new = store.set_clusters(groups)
    report("saving", len(occurrences), len(occurrences))
    return new, len(missing)


def _encode(encoder: object, texts: list[str], report: Progress | None) -> object:
    """``encoder.encode(texts)``, with ``report("embedding", done, total)`` as batches finish.

    The shipped encoders tell each batch (``on_batch``), its own progress bar off;
    any other encoder is called once, reported before and after.
    """
    total = len(set(texts))
    if report is None:
        return encoder.encode(texts)  # type: ignore[attr-defined]
    report("embedding", 0, total)
    if isinstance(encoder, (SentenceEncoder, NativeEncoder)):
        encoder = dataclasses.replace(encoder, progress=False,
                                      on_batch=lambda done: report("embedding", done, total))
    vectors = encoder.encode(texts)  # type: ignore[attr-defined]
    report("embedding", total, total)
    return vectors


def claims(store: Store) -> list[Claim]:
    """Every claim in the store, one per cluster."""
    return build_claims(store.occurrences(), store.clusters())


def reports(store: Store, occurrences: Sequence[Occurrence] | None = None,
            claim_of: Mapping[int, int] | None = None) -> dict[int, Report]:
    """Reported row id -> the claim it reports (``quotes.reports``), for the stored rows of kind
    "indirect" that report one. ``occurrences`` (``store.occurrences(reported=True)``) and
    ``claim_of`` (quote id -> claim), where the caller has read them already."""
    occurrences = store.occurrences(reported=True) if occurrences is None else occurrences
    reported = store.reported_ids()
    if claim_of is None:
        claim_of = {quote: claim for claim, members in store.clusters().items() for quote in members}
    return find_reports([o for o in occurrences if o.id in reported], [o for o in occurrences if o.id not in reported], claim_of)


def model_name(model: str | None, runtime: str = "torch") -> str:
    """The cache key of a model as it would run here on ``runtime`` (``quotes.embed.encoder_name``),
    known without loading it."""
    from quotes.embed import encoder_name

    return encoder_name(model, runtime=runtime)


def model_names(model: str | None) -> tuple[str, ...]:
    """Every cache key a model's vectors may be under here, one per runtime (``quotes.embed.encoder_names``)."""
    from quotes.embed import encoder_names

    return encoder_names(model)


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    name: str
    quotes: int
    outlets: int
    aliases: tuple[str, ...]
    kind: str = identity.UNKNOWN
    external_id: str = ""
    ambiguous: bool = False


def speakers(store: Store) -> list[SpeakerSummary]:
    """Every corpus-wide speaker with a quote, most quoted first (the rules run first where
    some speaker has no identity yet)."""
    rows = {row.name: row for row in identity.current(store)}
    quotes: Counter[str] = Counter()
    outlets: dict[str, set[str]] = {}
    for occurrence in store.occurrences():
        if occurrence.speaker:
            quotes[occurrence.speaker] += 1
            outlets.setdefault(occurrence.speaker, set()).add(occurrence.outlet)
    empty = identity.Identity("", identity.UNKNOWN, ())
    return [
        SpeakerSummary(name, count, len(outlets[name]), rows.get(name, empty).aliases, rows.get(name, empty).kind,
                       rows.get(name, empty).external_id, rows.get(name, empty).ambiguous)
        for name, count in sorted(quotes.items(), key=lambda item: (-item[1], item[0]))
    ]


def matching_speakers(store: Store, name: str) -> set[str]:
    """The corpus-wide speakers a user's NAME stands for: a canonical name, any alias (a
    spelling or a form with a title some article wrote), or a surname ("Shoigu" finds Sergei
    and Sergey Shoigu, one row or two)."""
    return identity.matching(identity.current(store), name)
