"""Starting (or joining) a Spark session, with a clear error when PySpark or Java is missing."""

from __future__ import annotations

import os
import re
import shutil
import sys
from typing import TYPE_CHECKING, Callable

from quotes.errors import QuotesError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"
# Arrow batches of this many rows go to the Python workers: articles are large, so keep it
# small enough that a batch of pages stays well under a worker's memory.
ARROW_BATCH_ROWS = 256
# Shuffle partitions per core on a local master, instead of Spark's 200: each partition of a
# Python stage is a task with a worker round trip, and PolNeAR's lexical links took 36-46 s
# with 200 against 24-27 s with 4 on local[2] (same session, interleaved).
LOCAL_TASKS_PER_CORE = 2
# Paths a local session lists on the driver rather than in a Spark job (Spark's default: 32):
# an extract folder holds a folder a date (288 for PolNeAR), and the job listing them took
# 2-4 s a read on local[2] against 0.2 s on the driver.
_LISTING_THRESHOLD = "spark.sql.sources.parallelPartitionDiscovery.threshold"
LOCAL_LISTING_PATHS = 100_000
# The JVM of a local session (its driver and its executor) compiles with C1 alone: a run of a
# few minutes never earns back C2's compilations, which took a third of the CPU of PolNeAR's
# extract and cluster on local[2] (75 s against 49-54 s with C1 alone, in the same hour).
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1"
_JAVA_OPTIONS = "spark.driver.extraJavaOptions"
# A local master: "local", "local[N]" or "local[*]" (with an optional ",retries").
LOCAL_CORES = re.compile(r"local(?:\[(\d+|\*)(?:,\d+)?\])?")


def spark_session(master: str | None = None, *, app: str = "quotes") -> SparkSession:
    """The active session, or a new one on ``master`` (``local[*]`` unless ``spark-submit``
    already named one). A local session keeps its UI off and its driver on 127.0.0.1."""
    try:
        from pyspark import SparkConf
        from pyspark.sql import SparkSession
    except ImportError:
        raise QuotesError(
            "the Spark backend needs PySpark; install it with: python -m pip install 'quotes[spark]'"
        ) from None
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    if shutil.which("java") is None and not _java_home():
        raise QuotesError("the Spark backend needs Java 17 or later; install it (e.g. apt install openjdk-17-jre-headless)")
    conf = SparkConf()
    builder = SparkSession.builder.appName(app)
    if master or not conf.contains("spark.master"):
        builder = builder.master(master or DEFAULT_MASTER)
    local = master or conf.get("spark.master", DEFAULT_MASTER)
    if local.startswith("local"):
        builder = (
            builder.config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
        )
        if not conf.contains(_JAVA_OPTIONS):  # read when the JVM starts: here, not under spark-submit
            builder = builder.config(_JAVA_OPTIONS, LOCAL_JAVA_OPTIONS)
        if not conf.contains(_LISTING_THRESHOLD):  # a local folder is listed fast on the driver
            builder = builder.config(_LISTING_THRESHOLD, str(LOCAL_LISTING_PATHS))
        if not conf.contains("spark.sql.shuffle.partitions"):
            builder = builder.config("spark.sql.shuffle.partitions", str(local_shuffle_partitions(local)))
    session = (
        builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(ARROW_BATCH_ROWS))
        .config("spark.ui.showConsoleProgress", str(sys.stderr.isatty()).lower())  # no bars in logs
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def local_shuffle_partitions(master: str) -> int:
    """Shuffle partitions for a local master: ``LOCAL_TASKS_PER_CORE`` per core it runs
    (``local[4]``: 4 cores; ``local[*]`` or ``local``: every core here)."""
    found = LOCAL_CORES.fullmatch(master)
    cores = int(found[1]) if found and found[1] and found[1] != "*" else (os.cpu_count() or 1)
    return max(1, cores * LOCAL_TASKS_PER_CORE)


def _java_home() -> bool:
    return bool(os.environ.get("JAVA_HOME"))


def together(*jobs: Callable[[], None]) -> None:
    """Run independent Spark actions (writes) at once, from threads of the driver: one job's
    commit on the driver overlaps the other's tasks. The first error is raised."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        for future in [pool.submit(job) for job in jobs]:
            future.result()
