"""One reader per kind of input file, each ``read(file, context) -> Iterator[Article]``.

``quotes.ingest`` lists the files and picks the reader; ``quotes.reading`` holds what the
readers share. A reader is imported when the first file of its kind is read, so reading plain
text does not pay for trafilatura or FastWARC.
"""
