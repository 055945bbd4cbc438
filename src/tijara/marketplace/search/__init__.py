"""The marketplace search engine: pure text processing, the SQLite FTS5 index file, embeddings, ranking.

Nothing in this package imports the ORM; `tijara.marketplace.services` feeds it documents and reads it.
"""
