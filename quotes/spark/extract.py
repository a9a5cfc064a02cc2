"""``quotes spark extract``: read articles and find their quotes as a Spark job.

Spark lists and reads the files (any URI it can read: local paths, ``hdfs://``, ``s3a://``);
each task writes its file, and the file's metadata sidecar, into a scratch folder under the
same name and runs the library's own ``read_articles`` on it; the articles read are then
spread over the cores (a round-robin shuffle) and ``quotes_in`` runs on each, so the rows are
those ``quotes extract --all`` gives and one large file (PolNeAR's train JSON Lines holds 700
of its 924 articles) is not one task. Rows go to Python as Arrow batches (``mapInArrow``).
The layout written is ``quotes.parquet``'s, with the day in a ``date`` column of a few files
(one an extraction task) rather than a folder a date: PolNeAR's 288 dates made 576 files, and
the shuffle and sort that wrote them cost 9 s of the run's 52 s of CPU on local[2].
"""

from __future__ import annotations

import math
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Iterator, Sequence
from urllib.parse import unquote, urlparse

from quotes.compressed import stem
from quotes.errors import QuotesError
from quotes.ingest import META_SUFFIX, Skip, kind_of, read_articles
from quotes.parquet import ARTICLE_FIELDS, QUOTE_RECORD, article_from_record, article_record, date_of, quote_record
from quotes.spark.session import together

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

# The Arrow types of a quote record's fields; every other field is a string.
_INTEGERS = {"start", "end", "open_start", "close_end", "parent", "speaker_start", "speaker_end", "cue_start", "cue_end"}
# Articles one extraction task takes at most: the articles are spread over two tasks a core,
# more where a task would hold more than this many.
TASK_ARTICLES = 2_000


@dataclass(frozen=True, slots=True)
class ExtractSummary:
    articles: int
    quotes: int  # spans of kind "quote"
    skipped: tuple[tuple[str, int], ...]  # by reason, as `quotes add` counts them
    failed: tuple[tuple[str, int], ...]
    warnings: tuple[str, ...]

    def line(self) -> str:
        def counted(reasons: tuple[tuple[str, int], ...], word: str) -> str:
            detail = ", ".join(f"{n} {reason}" for reason, n in reasons)
            return f"{sum(n for _, n in reasons)} {word}" + (f" ({detail})" if detail else "")

        return (f"{self.articles} articles, {self.quotes} quotes; "
                f"{counted(self.skipped, 'skipped')}, {counted(self.failed, 'failed')}")


def extract(
    spark: SparkSession,
    inputs: Sequence[str],
    output: str,
    *,
    outlet: str | None = None,
    column_map: str | None = None,
    encoding_errors: str = "strict",
    indirect: bool = False,
) -> ExtractSummary:
    """Extract every quoted span of the articles in ``inputs`` into Parquet under ``output``;
    with ``indirect``, their reported statements too (rows of kind "indirect", as
    ``extract.statements_in`` gives them), which ``spark cluster`` leaves out of the claims."""
    from pyspark.sql import functions as F

    _check_options(column_map, encoding_errors)
    options = {"outlet": outlet, "column_map": column_map, "encoding_errors": encoding_errors}
    read = files(spark, inputs).mapInArrow(
        lambda batches: _read_batches(batches, options), _spark_schema(_file_schema())
    ).persist()
    found = None
    try:
        count = read.select(F.sum(F.size("articles"))).first()[0] or 0
        tasks = extraction_tasks(count, spark.sparkContext.defaultParallelism)
        articles = read.select(F.explode("articles").alias("a"), "input", "path").select("input", "path", "a.*")
        found = articles.repartition(tasks).mapInArrow(
            lambda batches: _quote_batches(batches, indirect), _spark_schema(_found_schema())).persist()
        article_rows = found.drop("quotes").withColumn("date", _date_column(F))
        quote_rows = found.select(
            F.col("id").alias("article"), "outlet", "title", "published", "url", "input", "path", "ordinal",
            F.explode("quotes").alias("q"),
        ).select("*", "q.*").drop("q").withColumn("date", _date_column(F))
        together(lambda: _write(article_rows, f"{output.rstrip('/')}/articles"),
                 lambda: _write(quote_rows, f"{output.rstrip('/')}/quotes"))
        return _summary(read, count, found, F)
    finally:
        read.unpersist()
        if found is not None:
            found.unpersist()


def extraction_tasks(articles: int, parallelism: int) -> int:
    """Tasks to find the quotes of this many articles in: two a core, more where one would
    hold over ``TASK_ARTICLES``."""
    return max(1, 2 * parallelism, math.ceil(articles / TASK_ARTICLES))


def files(spark: SparkSession, inputs: Sequence[str]) -> DataFrame:
    """(input, path, folder, content, sidecar, sidecar_content): each article file with its
    folder under the input it was found in and its sidecar."""
    articles, sidecars = _list_files(spark, inputs)
    found = _load(spark, [path for _, path, _ in articles]).join(
        spark.createDataFrame(articles, "input int, path string, folder string"), "path"
    )
    sidecar_of = spark.createDataFrame(
        [(path, sidecars[_key(path)]) for _, path, _ in articles if _key(path) in sidecars] or [("", "")],
        "path string, sidecar string",
    )
    sidecar_content = (
        _load(spark, sorted(sidecars.values())).selectExpr("path AS sidecar", "content AS sidecar_content")
        if sidecars else spark.createDataFrame([], "sidecar string, sidecar_content binary")
    )
    joined = found.join(sidecar_of, "path", "left").join(sidecar_content, "sidecar", "left")
    return joined.select("input", "path", "folder", "content", "sidecar", "sidecar_content")


def _check_options(column_map: str | None, encoding_errors: str) -> None:
    """Bad options fail on the driver, before any task starts."""
    import codecs

    from quotes.tables import parse_column_map

    parse_column_map(column_map)
    try:
        codecs.lookup_error(encoding_errors)
    except LookupError:
        raise QuotesError(f"unknown encoding error handler {encoding_errors!r}; use strict, replace or ignore") from None


def _list_files(spark: SparkSession, inputs: Sequence[str]) -> tuple[list[tuple[int, str, str]], dict[str, str]]:
    """(input index, path, folder under the input) of each article file, in input then path
    order; and the sidecar path for each article key (its folder and stem) that has one."""
    articles: list[tuple[int, str, str]] = []
    sidecars: dict[str, str] = {}
    for index, given in enumerate(inputs):
        paths = sorted(row.path for row in _load(spark, [given]).select("path").collect())
        for path in paths:
            name = _name(path)
            if name.endswith(META_SUFFIX):
                sidecars[path[: -len(META_SUFFIX)]] = path
            elif kind_of(Path(name)) is not None:
                articles.append((index, path, _folder_under(given, path)))
        if not any(i == index for i, _, _ in articles):
            raise QuotesError(f"{given}: no articles there (.txt, .jsonl, .csv, .tsv, .html or .warc, possibly compressed)")
    return articles, sidecars


def _load(spark: SparkSession, paths: Sequence[str]) -> DataFrame:
    from pyspark.errors import AnalysisException

    try:
        return spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(list(paths))
    except AnalysisException as exc:
        raise QuotesError(f"cannot read {', '.join(paths)}: {str(exc).splitlines()[0]}") from None


def _write(frame: DataFrame, path: str) -> None:
    from pyspark.errors import AnalysisException

    try:
        frame.write.mode("errorifexists").parquet(path)
    except AnalysisException as exc:
        raise QuotesError(f"{path}: {str(exc).splitlines()[0]}; give an --output folder that does not exist yet") from None


def _folder_under(given: str, path: str) -> str:
    """The folders between an input and a file found in it ("a/b" for ``given/a/b/f.txt``),
    "" for a file right in it or given itself: ``read_articles`` names a file by this path,
    so that ``a/story.txt`` and ``b/story.txt`` stay two articles, here as in ``quotes add``."""
    parsed = urlparse(given)
    if parsed.scheme in ("", "file"):
        base = PurePosixPath(Path(unquote(parsed.path) if parsed.scheme else given).resolve().as_posix())
        found = PurePosixPath(_display(path))
    else:
        base, found = PurePosixPath(unquote(parsed.path)), PurePosixPath(unquote(urlparse(path).path))
    try:
        folder = found.parent.relative_to(base)
    except ValueError:  # the input is the file itself, or Spark wrote the path otherwise
        return ""
    return "" if str(folder) == "." else folder.as_posix()


def _name(path: str) -> str:
    return unquote(PurePosixPath(urlparse(path).path).name)


def _key(path: str) -> str:
    """An article file's folder and stem: where its sidecar would be, less ``.meta.json``."""
    return path[: len(path) - len(_name(path))] + stem(Path(_name(path)))


def _display(path: str) -> str:
    """A local file as a plain path; any other URI as it is."""
    parsed = urlparse(path)
    return unquote(parsed.path) if parsed.scheme == "file" else path


def _date_column(F: Any) -> Any:
    return F.when(F.length("published") >= 10, F.substring("published", 1, 10)).otherwise(F.lit(date_of("")))


def _summary(read: DataFrame, articles: int, found: DataFrame, F: Any) -> ExtractSummary:
    skips = read.select(F.explode("skips").alias("s")).select("s.*").collect()
    by_reason: dict[bool, Counter[str]] = {False: Counter(), True: Counter()}
    for skip in skips:
        if skip.reason:  # not a warning alone
            by_reason[skip.failed][skip.reason] += 1
    quotes = found.select(F.filter("quotes", lambda q: q["kind"] == "quote").alias("q")) \
        .select(F.sum(F.size("q"))).first()[0] or 0
    return ExtractSummary(
        articles, quotes,
        tuple(by_reason[False].most_common()), tuple(by_reason[True].most_common()),
        tuple(skip.message for skip in skips if skip.message),
    )


# --- inside the tasks ------------------------------------------------------------------------


def _read_batches(batches: Iterator[pa.RecordBatch], options: dict[str, Any]) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    schema = _file_schema()
    for batch in batches:
        rows = [read_file(row, options) for row in batch.to_pylist()]
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def _quote_batches(batches: Iterator[pa.RecordBatch], indirect: bool = False) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    schema = _found_schema()
    for batch in batches:
        yield pa.RecordBatch.from_pylist([with_quotes(row, indirect=indirect) for row in batch.to_pylist()], schema=schema)


def with_quotes(record: dict[str, Any], *, indirect: bool = False) -> dict[str, Any]:
    """An article record as ``read_file`` gives it, with its quotes (``quotes_in``), and with
    ``indirect`` its reported statements after them (``extract.statements_in``)."""
    if indirect:
        from quotes.extract import statements_in

        found = statements_in(article_from_record(record))
    else:
        from quotes.attribute import quotes_in

        found = quotes_in(article_from_record(record))
    return record | {"quotes": [quote_record(q) | {"index": i} for i, q in enumerate(found)]}


def read_file(row: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """One article file (and its sidecar) through ``read_articles``: its article records,
    without their quotes (``with_quotes`` finds them)."""
    skips: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="quotes-") as scratch:
        folder = Path(scratch, row["folder"])  # the file's folders under its input, for its id
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / _name(row["path"])
        target.write_bytes(row["content"])
        if row["sidecar"]:
            (folder / _name(row["sidecar"])).write_bytes(row["sidecar_content"])

        def unscratch(text: str) -> str:  # the scratch copy's path -> the file's own
            return text.replace(str(target), _display(row["path"]))

        def on_skip(skip: Skip) -> None:
            skips.append({"source": unscratch(skip.where), "reason": skip.reason, "failed": skip.failed, "message": ""})

        def warn(message: str) -> None:
            skips.append({"source": "", "reason": "", "failed": False, "message": unscratch(message)})

        articles = []
        for ordinal, article in enumerate(read_articles(
            [scratch] if row["folder"] else [target], outlet=options["outlet"], encoding_errors=options["encoding_errors"],
            column_map=options["column_map"], warn=warn, on_skip=on_skip,
        )):
            articles.append(article_record(article) | {"source": unscratch(article.source), "ordinal": ordinal})
    return {"input": row["input"], "path": row["path"], "articles": articles, "skips": skips}


def _article_fields(*, quotes: bool) -> list[tuple[str, Any]]:
    """An article record's fields and their Arrow types, with or without its quotes."""
    import pyarrow as pa

    quote = pa.struct(
        [("index", pa.int32())]
        + [(f, pa.int32() if f in _INTEGERS else pa.bool_() if f == "closed" else pa.string()) for f in QUOTE_RECORD]
    )
    return [(f, pa.string()) for f in ARTICLE_FIELDS] + [("ordinal", pa.int32())] \
        + ([("quotes", pa.list_(quote))] if quotes else [])


def _file_schema() -> pa.Schema:
    """A file read: (input, path, articles without their quotes, skips)."""
    import pyarrow as pa

    article = pa.struct(_article_fields(quotes=False))
    skip = pa.struct([("source", pa.string()), ("reason", pa.string()), ("failed", pa.bool_()), ("message", pa.string())])
    return pa.schema([("input", pa.int32()), ("path", pa.string()), ("articles", pa.list_(article)), ("skips", pa.list_(skip))])


def _found_schema() -> pa.Schema:
    """One article with its quotes and where it was read: (input, path, id, text, ..., quotes)."""
    import pyarrow as pa

    return pa.schema([("input", pa.int32()), ("path", pa.string())] + _article_fields(quotes=True))


def _spark_schema(schema: pa.Schema) -> Any:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)
