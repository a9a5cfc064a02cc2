"""``quotes spark cluster``: group the quotes of a ``quotes spark extract`` folder into claims.

``quotes.cluster.cluster`` only ever joins two texts that are the same normalised text, one
inside the other word for word, or neighbours at ``CANDIDATE_COSINE`` or more; its merges and
their verification look at nothing else. So Spark finds those links between distinct texts,
splits the texts into the connected components they form, and runs the same ``cluster``
function on each component's quotes (``applyInArrow``): the claims are the embedded path's.
A link too many only makes a component larger; a link missed could split a claim, so the
LSH is sized to miss none (``benchmarks/spark_parity.py`` counts).

1. speakers: each article's speaker names with their mentions and roles (a group-by), and
   the article ids, places and texts (one collect: the last copy of an id is kept there), to
   the driver, where ``quotes.identity.identify`` gives each its
   corpus-wide name as ``quotes add`` does (the driver holds the texts: fine for PolNeAR's
   924 articles, a limit for a month of news), while the embedding job (4.) runs; the names
   are given to the quotes where they are clustered (5.);
2. exact text: the normalised text is the component's unit, so equal texts go together;
3. containment: a text's first ``FRAGMENT_WORDS + 1`` words (a fragment's two or three) joined
   with every run of as many words in longer texts (an equi-join on the run), then checked
   word for word; and every pair of texts sharing a run of four words that at most
   ``RARE_RUN_TEXTS`` texts hold (a group-by on the run), as ``cluster`` pairs them;
   The rare-run pairs are kept only where their words may make them an edge
   (``quotes.relations.words_may_relate``: one trimmed from the other, overlapping excerpts,
   or long runs of words in common): most of them share a run and nothing more, and would
   chain a third of the texts into one component (3,153 of 8,946 on PolNeAR; 380 with the
   filter), which one task then clusters alone. Up to ``DRIVER_SEARCH_MAX`` texts the same
   pairs are found on the driver, without a shuffle (``quotes.spark.lexical``);
4. embeddings: each distinct text embedded once by the model, a partition of up to
   ``EMBED_MAX_TEXTS`` texts in one call (``mapInArrow``), on the runtime ``quotes add`` would
   use for as many texts (``quotes.embed.runtime_for``: numpy and torch vectors differ
   slightly, and the claims are to be the same); pairs at ``CANDIDATE_COSINE`` or more found
   exactly on the driver up to ``DRIVER_SEARCH_MAX`` texts, above it by random-hyperplane
   LSH bands, a group-by on each band's code and the cosines within each group
   (``lsh_shape`` says how many);
5. components: the links are few (one per pair of texts that may be one utterance: about
   2,000 on PolNeAR's 8,946 texts), so the driver collects them (Arrow) into a union-find;
   label propagation took a round of Spark jobs per step of the longest chain. Then
   ``cluster`` per component, the components grouped into a few shards (a Python call each),
   each given the long passages that articles of the whole corpus print alike
   (``_shared_passages``: a component alone does not hold them).
"""

from __future__ import annotations

import math
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

import numpy as np

from quotes.cluster import Passages, cluster
from quotes.errors import QuotesError
from quotes.neighbours import CANDIDATE_COSINE, EXACT_SEARCH_MAX, near_pairs
from quotes.spark.lexical import arrow_schema as _arrow
from quotes.spark.lexical import driver_lexical_edges, lexical_edges
from quotes.spark.session import ARROW_BATCH_ROWS, together
from quotes.similarity import is_fragment, is_title, normalise, tokens
from quotes.types import QUOTE, Occurrence

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

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
# Up to this many texts, the pairs near in meaning are found exactly on the driver (the vectors
# collected: 77 MB at 50,000), as ``quotes add`` finds them; above, by the LSH. On PolNeAR's
# 7,771 texts the LSH's group-by took 120 s on local[2] (each vector sent once per band, 70
# bands), the exact search under a second.
DRIVER_SEARCH_MAX = EXACT_SEARCH_MAX
# Texts per embedding task: a task loads the model (1-3 s), so below this many one task does
# (PolNeAR's 7,771 texts: two tasks on local[2]); one task encodes at most EMBED_MAX_TEXTS
# (30 MB of vectors), in one call, so its batches are formed over all of them.
EMBED_MIN_TEXTS = 1_000
EMBED_MAX_TEXTS = 20_000
# Quotes (with their vectors: 1.5 kB each) one clustering call holds at most.
SHARD_QUOTES = 50_000


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

    from quotes.embed import runtime_for
    from quotes.track import model_name

    quotes, quote_count, speakers = _occurrences(spark, folder.rstrip("/"), F)
    texts = quotes.filter("embed").select("key").distinct().persist()
    count = texts.count()
    runtime = runtime_for(count)  # as quotes add embeds them: all at once
    tasks = embedding_tasks(count, spark.sparkContext.defaultParallelism)
    vectors = texts.repartition(tasks, "key") \
        .mapInArrow(lambda batches: _embed(batches, model, runtime), "key string, vector array<float>").persist()
    nodes = quotes.filter("node").select("key").distinct()
    # The embedding job runs from a thread while the driver names the speakers (and, for
    # texts it holds, links them word for word): the executors' cores are busy meanwhile.
    with ThreadPoolExecutor(max_workers=1) as pool:
        if count <= DRIVER_SEARCH_MAX:  # the texts and their vectors fit on the driver: no shuffles
            keys = nodes.toArrow().column("key").to_pylist()  # before the embedding job takes the cores
            near = pool.submit(_driver_near_pairs, vectors)
            canonical = _speaker_names(speakers)
            labels = _components(driver_lexical_edges(keys), near.result())
        else:
            embedded = pool.submit(vectors.count)
            canonical = _speaker_names(speakers)
            embedded.result()
            lexical, cached = lexical_edges(nodes, F)
            labels = _components(lexical, _lsh_edges(vectors, F))
            for frame in cached:
                frame.unpersist()
    component = spark.createDataFrame(sorted(labels.items()), "key string, component string")
    labelled = quotes.join(component, "key", "left").withColumn("component", F.coalesce("component", "key"))
    rows = labelled.join(vectors, "key", "left").select(
        "component", "article", "start", "outlet", "published", "quote", "speaker", "input", "path", "ordinal",
        "index", "vector",
    )
    shards = cluster_shards(quote_count, spark.sparkContext.defaultParallelism)
    passages = _shared_passages(quotes, canonical, F)
    claims = rows.withColumn("shard", F.pmod(F.xxhash64("component"), F.lit(shards))).groupBy("shard") \
        .applyInArrow(lambda table: _cluster_shard(table, canonical, passages), _CLAIMS_SCHEMA).persist()
    out = output.rstrip("/")
    named = vectors.select("key", "vector").withColumnRenamed("key", "text").withColumn("model", F.lit(model_name(model, runtime)))
    together(lambda: _write(claims, f"{out}/claims"), lambda: _write(named, f"{out}/vectors"))
    sizes = Counter(labels.values())
    summary = ClusterSummary(
        quote_count, count, len(sizes), max(sizes.values(), default=1),
        claims.select("claim_article", "claim_start").distinct().count(),
    )
    for frame in (quotes, texts, vectors, claims):
        frame.unpersist()
    return summary


@dataclass(frozen=True, slots=True)
class SpeakerEvidence:
    """What naming the speakers corpus-wide reads, collected to the driver: each article's
    speaker names with their mentions and roles, counted, and each article's text in reading order."""

    grouped: tuple[Mapping[str, Any], ...]  # (article, speaker, speaker_mention, speaker_role, count)
    texts: Mapping[str, str]


def _occurrences(spark: SparkSession, folder: str, F: Any) -> tuple[DataFrame, int, SpeakerEvidence]:
    """The quotes of kind "quote", one copy per article id (the last read, as ``quotes add``
    replaces an article read again), with normalised keys: cached, with their count; and
    what naming their speakers reads."""
    try:
        spans = spark.read.parquet(f"{folder}/quotes")
        articles = spark.read.parquet(f"{folder}/articles")
    except Exception as exc:  # AnalysisException: no such folder
        raise QuotesError(f"{folder}: not a `quotes spark extract` output folder ({str(exc).splitlines()[0]})") from None
    where = ["article", "input", "path", "ordinal"]
    read = articles.select(F.col("id").alias("article"), "input", "path", "ordinal", "text").toArrow().to_pylist()
    latest = {row["article"]: row for row in sorted(read, key=lambda r: (r["input"], r["path"], r["ordinal"]))}
    kept = sorted(latest.values(), key=lambda r: (r["input"], r["path"], r["ordinal"]))  # reading order
    copies = F.broadcast(spark.createDataFrame([tuple(row[f] for f in where) for row in kept],
                                               "article string, input int, path string, ordinal int"))
    spans = spans.join(copies, where).persist()  # read twice: the speakers, then the quotes
    try:
        grouped = spans.filter("speaker != ''").groupBy("article", "speaker", "speaker_mention", "speaker_role") \
            .count().toArrow().to_pylist()
        quotes = spans.filter(F.col("kind") == QUOTE).select(
            "article", "start", "outlet", "published", "quote", "speaker", "input", "path", "ordinal", "index",
        ).mapInArrow(_keyed, _KEYED_SCHEMA).persist()
        return quotes, quotes.count(), SpeakerEvidence(tuple(grouped), {row["article"]: row["text"] for row in kept})
    finally:
        spans.unpersist()


def _speaker_names(evidence: SpeakerEvidence) -> dict[tuple[str, str], str]:
    """(article, speaker as written) -> its corpus-wide name ("" for nobody), by the rules
    ``quotes add`` runs over its store (``quotes.identity.identify``): each article's speaker
    names with their quotes' mentions and roles, in reading order, and the texts' vocabulary."""
    from quotes.identity import identify
    from quotes.identity_records import Written
    from quotes.names import vocabulary

    texts = evidence.texts
    place = {article: i for i, article in enumerate(texts)}
    found: dict[tuple[str, str], list[Any]] = {}
    for row in sorted(evidence.grouped, key=lambda r: (place.get(r["article"], len(place)), r["speaker"],
                                                        r["speaker_mention"] or "", r["speaker_role"] or "")):
        entry = found.setdefault((row["article"], row["speaker"]), [0, [], {}])
        entry[0] += row["count"]
        entry[1] += [row["speaker_mention"] or ""] * row["count"]
        entry[2][row["speaker_role"] or ""] = None
    written = [Written(article, name, quotes, tuple(m for m in mentions if m), tuple(r for r in roles if r))
               for (article, name), (quotes, mentions, roles) in found.items()]
    identities = identify(written, texts=texts, lower=vocabulary(texts.values()))
    return {key: "" if index is None else identities.identities[index].name
            for key, index in identities.assigned.items()}


_KEYED_SCHEMA = (
    "article string, start int, outlet string, published string, quote string, speaker string, input int, "
    "path string, ordinal int, index int, key string, node boolean, embed boolean"
)


def _keyed(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Each quote with its normalised text, whether that text is a node of the lexical
    stages (words, not a title) and whether it is embedded (not a fragment)."""
    import pyarrow as pa

    for batch in batches:
        rows = batch.to_pylist()
        for row in rows:
            key = normalise(row["quote"])
            row["key"] = key
            row["embed"] = not is_fragment(key)
            row["node"] = bool(tokens(key)[0]) and not is_title(row["quote"])
            row["published"] = row["published"] or ""
        yield pa.RecordBatch.from_pylist(rows, schema=_arrow(_KEYED_SCHEMA))


def embedding_tasks(texts: int, parallelism: int) -> int:
    """Tasks to embed this many texts in: every core busy, but no task with fewer than
    ``EMBED_MIN_TEXTS`` (each loads the model) or more than ``EMBED_MAX_TEXTS`` texts."""
    return max(1, min(parallelism, math.ceil(texts / EMBED_MIN_TEXTS)), math.ceil(texts / EMBED_MAX_TEXTS))


def _embed(batches: Iterator[pa.RecordBatch], model: str | None, runtime: str) -> Iterator[pa.RecordBatch]:
    """Vectors for a partition's texts, encoded in one call (batched longest first, as
    ``quotes add`` does, not an Arrow batch at a time); the model is loaded once per worker."""
    import pyarrow as pa

    from quotes.embed import load_encoder

    keys = [key for batch in batches for key in batch.column("key").to_pylist()]
    if not keys:
        return
    vectors = load_encoder(model, progress=False, runtime=runtime).encode(keys)
    schema = pa.schema([("key", pa.string()), ("vector", pa.list_(pa.float32()))])
    for start in range(0, len(keys), ARROW_BATCH_ROWS):
        rows = vectors[start : start + ARROW_BATCH_ROWS]
        yield pa.RecordBatch.from_pydict(
            {"key": keys[start : start + ARROW_BATCH_ROWS], "vector": [row.tolist() for row in rows]}, schema=schema
        )


def _driver_near_pairs(vectors: DataFrame) -> set[tuple[str, str]]:
    """(a, b): texts whose vectors are at ``CANDIDATE_COSINE`` or more, by an exact search on
    the driver (``quotes.neighbours.near_pairs``): the vectors of ``DRIVER_SEARCH_MAX`` texts
    take 77 MB there, and the search seconds."""
    table = vectors.select("key", "vector").toArrow()
    keys = table.column("key").to_pylist()
    if len(keys) < 2:
        return set()
    flat = table.column("vector").combine_chunks().flatten().to_numpy()
    matrix = flat.reshape(len(keys), -1).astype(np.float32)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    return {tuple(sorted((keys[a], keys[b]))) for a, b in near_pairs(matrix, CANDIDATE_COSINE)}


def _lsh_edges(vectors: DataFrame, F: Any) -> DataFrame:
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


def _components(*links: DataFrame | Iterable[tuple[str, str]]) -> dict[str, str]:
    """key -> component for every text with a link (pairs of texts, in DataFrames of (a, b)
    collected to the driver, or already there): component is the smallest text it is
    connected to. Texts without a link are their own component (left out here)."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        root = parent.setdefault(key, key)
        while root != parent[root]:
            root = parent[root]
        while key != root:  # path compression
            parent[key], key = root, parent[key]
        return root

    for source in links:
        if hasattr(source, "toArrow"):  # one job; toLocalIterator ran one per partition (400 here: 120 s)
            table = source.toArrow()
            source = zip(table.column("a").to_pylist(), table.column("b").to_pylist())
        for a, b in source:
            a, b = find(a), find(b)
            if a != b:
                parent[max(a, b)] = min(a, b)  # the smaller text stays the root
    return {key: find(key) for key in parent}


_CLAIMS_SCHEMA = "article string, start int, claim_article string, claim_start int"


def cluster_shards(quotes: int, parallelism: int) -> int:
    """Groups of components clustered by one Python call each: two per core, more where
    they would hold over ``SHARD_QUOTES`` quotes."""
    return max(1, 2 * parallelism, math.ceil(quotes / SHARD_QUOTES))


def _shared_passages(quotes: DataFrame, canonical: Mapping[tuple[str, str], str], F: Any) -> Passages:
    """``quotes.cluster.shared_passages`` of the whole corpus, which each component's
    clustering reads (one person's lines in two articles that print one long passage of
    theirs are of one occasion): the quotes whose text two articles or more print, collected
    to the driver (a few hundred on PolNeAR), under their corpus-wide speakers."""
    from quotes.cluster import shared_passages
    from quotes.nodes import nodes_of

    repeated = quotes.filter("node").groupBy("key").agg(F.countDistinct("article").alias("articles")) \
        .filter("articles > 1").select("key")
    rows = quotes.join(repeated, "key").select("article", "quote", "speaker", "key").toArrow().to_pylist()
    keyed = [(Occurrence(id=i, article=r["article"], outlet="", text=r["quote"],
                         speaker=canonical.get((r["article"], r["speaker"]), r["speaker"])), r["key"])
             for i, r in enumerate(rows)]
    return shared_passages(nodes_of(keyed))


def _cluster_shard(table: pa.Table, canonical: Mapping[tuple[str, str], str], passages: Passages) -> pa.Table:
    """Each component of a shard through ``quotes.cluster.cluster``, one after another (a
    Python call per component cost a few milliseconds each over PolNeAR's 7,000 texts that
    are a component of their own), each quote under its speaker's corpus-wide name (``canonical``),
    with the corpus's ``passages``."""
    import pyarrow as pa

    components: dict[str, list[dict[str, Any]]] = {}
    for row in table.to_pylist():
        row["speaker"] = canonical.get((row["article"], row["speaker"]), row["speaker"])
        components.setdefault(row["component"], []).append(row)
    parts = [_cluster_rows(rows, passages) for _, rows in sorted(components.items())]
    return pa.concat_tables(parts) if parts else _arrow(_CLAIMS_SCHEMA).empty_table()


def _cluster_rows(rows: list[dict[str, Any]], passages: Passages) -> pa.Table:
    """One component's quotes through ``quotes.cluster.cluster``; ids follow reading order,
    as the store's do."""
    import pyarrow as pa

    rows = sorted(rows, key=lambda r: (r["input"], r["path"], r["ordinal"], r["index"]))
    found = [Occurrence(id=i, article=r["article"], outlet=r["outlet"], text=r["quote"], speaker=r["speaker"],
                        published=r["published"] or "") for i, r in enumerate(rows)]
    vectors = {normalise(r["quote"]): np.asarray(r["vector"], dtype=np.float32) for r in rows if r["vector"] is not None}
    out: dict[str, list[Any]] = {"article": [], "start": [], "claim_article": [], "claim_start": []}
    for group in cluster(found, vectors, passages):
        first = rows[group[0]]
        for i in group:
            out["article"].append(rows[i]["article"])
            out["start"].append(rows[i]["start"])
            out["claim_article"].append(first["article"])
            out["claim_start"].append(first["start"])
    return pa.Table.from_pydict(out, schema=_arrow(_CLAIMS_SCHEMA))


def _write(frame: DataFrame, path: str) -> None:
    from pyspark.errors import AnalysisException

    try:
        frame.write.mode("errorifexists").parquet(path)
    except AnalysisException as exc:
        raise QuotesError(f"{path}: {str(exc).splitlines()[0]}; give an --output folder that does not exist yet") from None
