"""``quotes spark cluster``: group the quotes of a ``quotes spark extract`` folder into claims.

``quotes.cluster.cluster`` only ever joins two texts that are the same normalised text, one
inside the other word for word, or neighbours at ``CANDIDATE_COSINE`` or more; its merges and
their verification look at nothing else. So Spark finds those links between distinct texts,
splits the texts into the connected components they form, and runs the same ``cluster``
function on each component's quotes (``applyInArrow``): the claims are the embedded path's.
A link too many only makes a component larger; a link missed could split a claim, so the
LSH is sized to miss none (``benchmarks/spark_parity.py`` counts).

1. speakers: the names credited anywhere, counted with a group-by, merged on the driver by
   ``quotes.speakers.merge_names`` as ``quotes add`` does;
2. exact text: the normalised text is the component's unit, so equal texts go together;
3. containment: a text's first ``FRAGMENT_WORDS + 1`` words (a fragment's two or three) joined
   with every run of as many words in longer texts (an equi-join on the run), then checked
   word for word; and every pair of texts sharing a run of four words that at most
   ``RARE_RUN_TEXTS`` texts hold (a group-by on the run), as ``cluster`` pairs them;
4. embeddings: each distinct text embedded once by the model, per partition (``mapInArrow``),
   and pairs at ``CANDIDATE_COSINE`` or more found by random-hyperplane LSH bands, a group-by
   on each band's code and the cosines within each group (``lsh_shape`` says how many);
5. components by label propagation (each text takes the smallest text linked to it until
   nothing changes), then ``cluster`` per component.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator, Mapping

import numpy as np

from quotes.cluster import cluster
from quotes.containment import FRAGMENT_CONTAINMENT_WORDS, RARE_RUN_TEXTS, find_words
from quotes.neighbours import CANDIDATE_COSINE
from quotes.errors import QuotesError
from quotes.similarity import FRAGMENT_WORDS, is_fragment, is_title, normalise, tokens
from quotes.types import QUOTE, Occurrence

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

GRAM = FRAGMENT_WORDS + 1  # every text that is not a fragment has at least this many words
# LSH for the embedding candidates (random hyperplanes, AND-bands). Measured on the 7,706
# PolNeAR train + dev texts of four words or more, whose 207 pairs at CANDIDATE_COSINE or
# more are what must be found: Spark ML's BucketedRandomProjectionLSH (OR of single
# projections), its hashing replayed in numpy, found 206 of them only while making 93% of
# all pairs candidates; 8-bit bands,
# 64 of them, found all 207 with four different seeds, at 0.47 pair comparisons per pair.
BUCKET_TEXTS = 30  # texts per code aimed at: sets the bits per band as the corpus grows
MIN_BITS, MAX_BITS = 8, 20
MISS = 1e-4  # chance that one pair at exactly CANDIDATE_COSINE is missed
HALF_PRECISION_MARGIN = 0.01  # vectors travel as float16; a candidate too many is harmless
SEED = 7  # the LSH's random projections: fixed, so a rerun finds the same candidates


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    quotes: int
    texts: int  # distinct normalised texts embedded
    components: int  # sets of texts linked by any evidence, clustered independently
    largest: int  # texts in the largest component
    claims: int

    def line(self) -> str:
        return (f"{self.quotes} quotes, {self.texts} texts embedded, {self.claims} claims "
                f"({self.components} linked sets of texts, the largest {self.largest})")


def cluster_folder(spark: SparkSession, folder: str, output: str, *, model: str | None = None) -> ClusterSummary:
    """Read ``folder/quotes`` and ``folder/articles``; write ``output/claims`` and ``output/vectors``."""
    from pyspark.sql import functions as F

    from quotes.track import model_name

    quotes = _occurrences(spark, folder.rstrip("/"), F).persist()
    texts = quotes.filter("embed").select("key").distinct()
    vectors = texts.mapInArrow(lambda batches: _embed(batches, model), "key string, vector array<float>").persist()
    edges = _lexical_edges(quotes.filter("node").select("key").distinct(), F).union(_embedding_edges(vectors, F))
    component = _components(edges, F)
    labelled = quotes.join(component, "key", "left").withColumn("component", F.coalesce("component", "key"))
    rows = labelled.join(vectors, "key", "left").select(
        "component", "article", "start", "outlet", "published", "quote", "speaker", "input", "path", "ordinal",
        "index", "vector",
    )
    claims = rows.groupBy("component").applyInArrow(
        _cluster_component, "article string, start int, claim_article string, claim_start int"
    ).persist()
    out = output.rstrip("/")
    _write(claims, f"{out}/claims")
    _write(vectors.select("key", "vector").withColumnRenamed("key", "text").withColumn("model", F.lit(model_name(model))), f"{out}/vectors")
    sizes = component.groupBy("component").count()
    summary = ClusterSummary(
        quotes.count(), vectors.count(), sizes.count(), sizes.agg(F.max("count")).first()[0] or 1,
        claims.select("claim_article", "claim_start").distinct().count(),
    )
    for frame in (quotes, vectors, claims):
        frame.unpersist()
    return summary


def _occurrences(spark: SparkSession, folder: str, F: Any) -> DataFrame:
    """The quotes of kind "quote", one copy per article id (the last read, as ``quotes add``
    replaces an article read again), with corpus-wide speakers and normalised keys."""
    from pyspark.sql import Window

    from quotes.speakers import merge_names

    try:
        spans = spark.read.parquet(f"{folder}/quotes")
    except Exception as exc:  # AnalysisException: no such folder
        raise QuotesError(f"{folder}: not a `quotes spark extract` output folder ({str(exc).splitlines()[0]})") from None
    latest = Window.partitionBy("article").orderBy(F.desc("input"), F.desc("path"), F.desc("ordinal"))
    copies = spans.select("article", "input", "path", "ordinal").distinct() \
        .withColumn("rank", F.row_number().over(latest)).filter("rank = 1").drop("rank")
    spans = spans.join(copies, ["article", "input", "path", "ordinal"])
    counts = {row.speaker: row["count"] for row in spans.filter("speaker != ''").groupBy("speaker").count().collect()}
    canonical = merge_names(counts)
    return spans.filter(F.col("kind") == QUOTE).select(
        "article", "start", "outlet", "published", "quote", "speaker", "input", "path", "ordinal", "index",
    ).mapInArrow(lambda batches: _keyed(batches, canonical), _KEYED_SCHEMA)


_KEYED_SCHEMA = (
    "article string, start int, outlet string, published string, quote string, speaker string, input int, "
    "path string, ordinal int, index int, key string, node boolean, embed boolean"
)


def _keyed(batches: Iterator[pa.RecordBatch], canonical: Mapping[str, str]) -> Iterator[pa.RecordBatch]:
    """Each quote with its corpus-wide speaker, its normalised text, whether that text is a
    node of the lexical stages (words, not a title) and whether it is embedded (not a fragment)."""
    import pyarrow as pa

    for batch in batches:
        rows = batch.to_pylist()
        for row in rows:
            key = normalise(row["quote"])
            row["speaker"] = canonical.get(row["speaker"], row["speaker"])
            row["key"] = key
            row["embed"] = not is_fragment(key)
            row["node"] = bool(tokens(key)[0]) and not is_title(row["quote"])
            row["published"] = row["published"] or ""
        yield pa.RecordBatch.from_pylist(rows, schema=_arrow(_KEYED_SCHEMA))


def _embed(batches: Iterator[pa.RecordBatch], model: str | None) -> Iterator[pa.RecordBatch]:
    """Vectors for a partition's texts: the model is loaded once per Python worker."""
    import pyarrow as pa

    from quotes.embed import load_encoder

    encoder = load_encoder(model, progress=False)
    for batch in batches:
        keys = batch.column("key").to_pylist()
        vectors = encoder.encode(keys) if keys else np.zeros((0, 1), dtype=np.float32)
        yield pa.RecordBatch.from_pydict(
            {"key": keys, "vector": [np.asarray(v, dtype=np.float32).tolist() for v in vectors]},
            schema=pa.schema([("key", pa.string()), ("vector", pa.list_(pa.float32()))]),
        )


def _lexical_edges(nodes: DataFrame, F: Any) -> DataFrame:
    """(a, b): text a found word for word inside the longer text b, or a and b sharing a run
    of ``GRAM`` words that at most ``RARE_RUN_TEXTS`` texts hold."""
    grams = nodes.mapInArrow(_grams, _GRAMS_SCHEMA).persist()
    firsts = grams.filter("first").select(
        F.col("key").alias("a"), F.col("length").alias("la"), F.col("words").alias("wa"), "gram"
    )
    anywhere = grams.select(F.col("key").alias("b"), F.col("length").alias("lb"), F.col("words").alias("wb"), "gram")
    pairs = firsts.join(anywhere, "gram").filter("lb > la").select("a", "wa", "b", "wb").distinct()
    contained = pairs.mapInArrow(_contained, "a string, b string")
    runs = grams.filter(F.col("size") == GRAM).select("gram", "key").distinct().groupBy("gram") \
        .agg(F.collect_list("key").alias("keys")).filter(F.size("keys").between(2, RARE_RUN_TEXTS))
    shared = runs.select(F.explode("keys").alias("a"), "keys").select("a", F.explode("keys").alias("b")) \
        .filter("a < b")
    return contained.union(shared).distinct()


# A text's runs of two, three and GRAM words, with its matching words (space-joined) for the
# check; ``first``: the run it is looked up by (its first GRAM words, or a fragment's all).
_GRAMS_SCHEMA = "key string, length int, words string, gram string, size int, first boolean"
_GRAM_SIZES = tuple(range(FRAGMENT_CONTAINMENT_WORDS, GRAM + 1))


def _grams(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    for batch in batches:
        out: dict[str, list[Any]] = {name: [] for name in ("key", "length", "words", "gram", "size", "first")}
        for key in batch.column("key").to_pylist():
            matching = tokens(key)[0]
            joined = " ".join(matching)
            looked_up = min(GRAM, len(matching))
            for size in _GRAM_SIZES:
                for position in range(len(matching) - size + 1):
                    out["key"].append(key)
                    out["length"].append(len(matching))
                    out["words"].append(joined)
                    out["gram"].append(" ".join(matching[position : position + size]))
                    out["size"].append(size)
                    out["first"].append(position == 0 and size == looked_up)
        yield pa.RecordBatch.from_pydict(out, schema=_arrow(_GRAMS_SCHEMA))


def _contained(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    for batch in batches:
        columns = [batch.column(name).to_pylist() for name in ("a", "wa", "b", "wb")]
        pairs = [(a, b) for a, wa, b, wb in zip(*columns) if find_words(wa.split(" "), wb.split(" ")) >= 0]
        yield pa.RecordBatch.from_pydict(
            {"a": [a for a, _ in pairs], "b": [b for _, b in pairs]}, schema=_arrow("a string, b string")
        )


def _embedding_edges(vectors: DataFrame, F: Any) -> DataFrame:
    """(a, b): texts whose vectors are at ``CANDIDATE_COSINE`` or more (and a few just below).

    Random-hyperplane LSH with AND-bands: each text gets ``bands`` codes of ``bits`` signs
    each; texts sharing a code in some band meet in one group, where their cosines are
    computed in numpy. A pair found in several bands is reported once.
    """
    count = vectors.count()
    bits, bands = lsh_shape(count)
    hashed = vectors.mapInArrow(
        lambda batches: _band_codes(batches, bits, bands), "band int, code long, key string, vector binary"
    )
    pairs = hashed.groupBy("band", "code").applyInArrow(_near_pairs, "a string, b string")
    return pairs.distinct()


def lsh_shape(texts: int) -> tuple[int, int]:
    """(bits per band, bands) for this many texts: about ``BUCKET_TEXTS`` texts share a code,
    and a pair at exactly ``CANDIDATE_COSINE`` is missed with probability ``MISS``."""
    bits = min(MAX_BITS, max(MIN_BITS, round(math.log2(max(texts, 1) / BUCKET_TEXTS))))
    same_sign = 1 - math.acos(CANDIDATE_COSINE) / math.pi  # one hyperplane keeps the pair together
    bands = math.ceil(math.log(MISS) / math.log(1 - same_sign**bits))
    return bits, bands


def _band_codes(batches: Iterator[pa.RecordBatch], bits: int, bands: int) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    planes: np.ndarray | None = None
    for batch in batches:
        keys = batch.column("key").to_pylist()
        if not keys:
            continue
        matrix = np.array(batch.column("vector").to_pylist(), dtype=np.float32)
        if planes is None:  # the same hyperplanes in every task: drawn from a fixed seed
            planes = np.random.default_rng(SEED).standard_normal((matrix.shape[1], bits * bands)).astype(np.float32)
        signs = (matrix @ planes > 0).reshape(len(keys), bands, bits)
        codes = signs.astype(np.int64) @ (1 << np.arange(bits, dtype=np.int64))
        unit = matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
        packed = [row.astype(np.float16).tobytes() for row in unit]
        yield pa.RecordBatch.from_pydict(
            {
                "band": np.repeat(np.arange(bands, dtype=np.int32)[None, :], len(keys), 0).ravel(),
                "code": codes.ravel(),
                "key": [key for key in keys for _ in range(bands)],
                "vector": [vector for vector in packed for _ in range(bands)],
            },
            schema=pa.schema([("band", pa.int32()), ("code", pa.int64()), ("key", pa.string()), ("vector", pa.binary())]),
        )


def _near_pairs(table: pa.Table) -> pa.Table:
    """The pairs of one bucket at ``CANDIDATE_COSINE - HALF_PRECISION_MARGIN`` or more."""
    import pyarrow as pa

    keys = table.column("key").to_pylist()
    matrix = np.array([np.frombuffer(v, dtype=np.float16) for v in table.column("vector").to_pylist()], dtype=np.float32)
    near = np.argwhere(np.triu(matrix @ matrix.T >= CANDIDATE_COSINE - HALF_PRECISION_MARGIN, k=1))
    pairs = sorted((min(keys[i], keys[j]), max(keys[i], keys[j])) for i, j in near)
    return pa.Table.from_pydict({"a": [a for a, _ in pairs], "b": [b for _, b in pairs]}, schema=_arrow("a string, b string"))


def _components(edges: DataFrame, F: Any) -> DataFrame:
    """(key, component) for every text with a link: component is the smallest text it is
    connected to. Texts without a link are their own component (left out here)."""
    both = edges.select("a", "b").union(edges.select(F.col("b").alias("a"), F.col("a").alias("b"))).distinct().persist()
    labels = both.groupBy("a").agg(F.least(F.min("b"), F.first("a")).alias("component")) \
        .withColumnRenamed("a", "key").localCheckpoint()
    while True:
        spread = both.join(labels.withColumnRenamed("key", "a"), "a") \
            .groupBy(F.col("b").alias("key")).agg(F.min("component").alias("offered"))
        updated = labels.join(spread, "key", "left") \
            .select("key", F.least("component", F.coalesce("offered", "component")).alias("component")).localCheckpoint()
        changed = updated.join(labels.withColumnRenamed("component", "before"), "key").filter("component < before").count()
        labels = updated
        if not changed:
            both.unpersist()
            return labels


def _cluster_component(table: pa.Table) -> pa.Table:
    """One component's quotes through ``quotes.cluster.cluster``; ids follow reading order,
    as the store's do."""
    import pyarrow as pa

    rows = sorted(table.to_pylist(), key=lambda r: (r["input"], r["path"], r["ordinal"], r["index"]))
    found = [Occurrence(id=i, article=r["article"], outlet=r["outlet"], text=r["quote"], speaker=r["speaker"],
                        published=r["published"] or "") for i, r in enumerate(rows)]
    vectors = {normalise(r["quote"]): np.asarray(r["vector"], dtype=np.float32) for r in rows if r["vector"] is not None}
    out: dict[str, list[Any]] = {"article": [], "start": [], "claim_article": [], "claim_start": []}
    for group in cluster(found, vectors):
        first = rows[group[0]]
        for i in group:
            out["article"].append(rows[i]["article"])
            out["start"].append(rows[i]["start"])
            out["claim_article"].append(first["article"])
            out["claim_start"].append(first["start"])
    return pa.Table.from_pydict(out, schema=_arrow("article string, start int, claim_article string, claim_start int"))


def _write(frame: DataFrame, path: str) -> None:
    from pyspark.errors import AnalysisException

    try:
        frame.write.mode("errorifexists").parquet(path)
    except AnalysisException as exc:
        raise QuotesError(f"{path}: {str(exc).splitlines()[0]}; give an --output folder that does not exist yet") from None


def _arrow(ddl: str) -> pa.Schema:
    """A flat Spark DDL schema ("name type, ...") as Arrow."""
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int32(), "boolean": pa.bool_()}
    return pa.schema([(name, types[kind]) for name, kind in (field.split() for field in ddl.split(", "))])
