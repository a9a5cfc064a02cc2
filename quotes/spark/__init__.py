"""The same extraction and clustering as Spark jobs, for corpora one machine cannot hold.

Optional: ``pip install 'quotes[spark]'`` (PySpark 4, Java 17). The work inside each task
is the library's own: ``quotes.ingest``, ``quotes.attribute`` and ``quotes.cluster`` run on
Arrow batches, so the Spark path and the embedded path share one implementation.
"""
