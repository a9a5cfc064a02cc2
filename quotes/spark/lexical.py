"""``quotes spark cluster``, stage 3: the word-for-word links between distinct texts.

(a, b): text a found word for word inside the longer text b, or a and b sharing a run of
``GRAM`` words that at most ``RARE_RUN_TEXTS`` texts hold and whose words may make them an
edge (``quotes.relations.words_may_relate``), as ``quotes.cluster`` pairs them. Found by
joins and group-bys over the texts' runs (``lexical_edges``), or on the driver when the texts
are few enough to be collected (``driver_lexical_edges``: the same pairs, without a shuffle).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator

from quotes.containment import FRAGMENT_CONTAINMENT_WORDS, RARE_RUN_TEXTS, find_words
from quotes.relations import words_may_relate
from quotes.similarity import FRAGMENT_WORDS, tokens

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame

GRAM = FRAGMENT_WORDS + 1  # every text that is not a fragment has at least this many words


def driver_lexical_edges(keys: Iterable[str]) -> set[tuple[str, str]]:
    """``lexical_edges`` on the driver, over texts collected there."""
    words = {key: tuple(tokens(key)[0]) for key in keys}
    looked_up: dict[tuple[str, ...], list[str]] = {}  # a text's first GRAM words (a fragment's all)
    for key, matching in words.items():
        if len(matching) >= FRAGMENT_CONTAINMENT_WORDS:
            looked_up.setdefault(matching[:GRAM], []).append(key)
    sizes = sorted({len(gram) for gram in looked_up})
    pairs: set[tuple[str, str]] = set()
    holders: dict[tuple[str, ...], set[str]] = {}
    for key, matching in words.items():
        tried: set[str] = set()
        for size in sizes:
            for position in range(len(matching) - size + 1):
                for short in looked_up.get(matching[position : position + size], ()):
                    if short not in tried and len(words[short]) < len(matching):
                        tried.add(short)
                        if find_words(words[short], matching) >= 0:
                            pairs.add((short, key))
        for position in range(len(matching) - GRAM + 1):
            holders.setdefault(matching[position : position + GRAM], set()).add(key)
    for held in holders.values():
        if 1 < len(held) <= RARE_RUN_TEXTS:
            ordered = sorted(held)
            pairs.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :] if words_may_relate(a, b))
    return pairs


def lexical_edges(nodes: DataFrame, F: Any) -> tuple[DataFrame, tuple[DataFrame, ...]]:
    """(a, b): text a found word for word inside the longer text b, or a and b sharing a run
    of ``GRAM`` words that at most ``RARE_RUN_TEXTS`` texts hold and whose words may make
    them an edge.

    The runs travel with a 64-bit hash of their text, not the text (a long text has a run at
    every word, and carrying it with each made the join shuffle hundreds of megabytes); the
    texts are joined back onto the candidate pairs only. Returns the edges and the frames
    cached for them, to unpersist once the edges are read.
    """
    texts = nodes.mapInArrow(_matching, "key string, words string").withColumn("id", F.xxhash64("key")).persist()
    grams = texts.mapInArrow(_grams, _GRAMS_SCHEMA).persist()
    firsts = grams.filter("first").select(F.col("id").alias("ida"), F.col("length").alias("la"), "gram")
    anywhere = grams.select(F.col("id").alias("idb"), F.col("length").alias("lb"), "gram")
    candidates = firsts.join(anywhere, "gram").filter("lb > la").select("ida", "idb").distinct()
    runs = grams.filter(F.col("size") == GRAM).select("gram", "id").distinct().groupBy("gram") \
        .agg(F.collect_list("id").alias("ids")).filter(F.size("ids").between(2, RARE_RUN_TEXTS))
    shared = runs.select(F.explode("ids").alias("ida"), "ids").select("ida", F.explode("ids").alias("idb")) \
        .filter("ida < idb").distinct()
    side_a = texts.select(F.col("id").alias("ida"), F.col("key").alias("a"), F.col("words").alias("wa"))
    side_b = texts.select(F.col("id").alias("idb"), F.col("key").alias("b"), F.col("words").alias("wb"))
    contained = candidates.join(side_a, "ida").join(side_b, "idb").select("a", "wa", "b", "wb") \
        .mapInArrow(_contained, "a string, b string")
    related = shared.join(side_a, "ida").join(side_b, "idb").select("a", "b").mapInArrow(_may_relate, "a string, b string")
    return contained.union(related), (texts, grams)


# A text's runs of two, three and GRAM words; ``first``: the run it is looked up by (its first
# GRAM words, or a fragment's all); ``length``: its number of matching words.
_GRAMS_SCHEMA = "id long, length int, gram string, size int, first boolean"
_GRAM_SIZES = tuple(range(FRAGMENT_CONTAINMENT_WORDS, GRAM + 1))


def _grams(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    schema = pa.schema([("id", pa.int64()), ("length", pa.int32()), ("gram", pa.string()), ("size", pa.int32()),
                        ("first", pa.bool_())])
    for batch in batches:
        out: dict[str, list[Any]] = {name: [] for name in ("id", "length", "gram", "size", "first")}
        for words, text_id in zip(batch.column("words").to_pylist(), batch.column("id").to_pylist()):
            matching = words.split(" ")
            looked_up = min(GRAM, len(matching))
            for size in _GRAM_SIZES:
                for position in range(len(matching) - size + 1):
                    out["id"].append(text_id)
                    out["length"].append(len(matching))
                    out["gram"].append(" ".join(matching[position : position + size]))
                    out["size"].append(size)
                    out["first"].append(position == 0 and size == looked_up)
        yield pa.RecordBatch.from_pydict(out, schema=schema)


def _matching(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Each text with its matching words, space-joined (``quotes.similarity.tokens``)."""
    import pyarrow as pa

    for batch in batches:
        keys = batch.column("key").to_pylist()
        yield pa.RecordBatch.from_pydict({"key": keys, "words": [" ".join(tokens(key)[0]) for key in keys]},
                                         schema=arrow_schema("key string, words string"))


def _contained(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The candidate pairs whose shorter text a is found word for word in b."""
    import pyarrow as pa

    for batch in batches:
        columns = [batch.column(name).to_pylist() for name in ("a", "wa", "b", "wb")]
        pairs = [(a, b) for a, wa, b, wb in zip(*columns) if find_words(wa.split(" "), wb.split(" ")) >= 0]
        yield pa.RecordBatch.from_pydict(
            {"a": [a for a, _ in pairs], "b": [b for _, b in pairs]}, schema=arrow_schema("a string, b string")
        )


def _may_relate(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The pairs of texts sharing a rare run whose words may make them an edge."""
    import pyarrow as pa

    for batch in batches:
        pairs = [(a, b) for a, b in zip(batch.column("a").to_pylist(), batch.column("b").to_pylist())
                 if words_may_relate(a, b)]
        yield pa.RecordBatch.from_pydict(
            {"a": [a for a, _ in pairs], "b": [b for _, b in pairs]}, schema=arrow_schema("a string, b string")
        )




def arrow_schema(ddl: str) -> pa.Schema:
    """A flat Spark DDL schema ("name type, ...") as Arrow."""
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int32(), "boolean": pa.bool_()}
    return pa.schema([(name, types[kind]) for name, kind in (field.split() for field in ddl.split(", "))])
