"""Question answering over the knowledge facts: pure retrieval and answer assembly (no ORM).

`engine.Engine` indexes a list of facts (BM25 per language + multilingual embeddings) and answers a question in
its language, extractively, citing fact IDs; `llm` adds an optional generative mode whose citations are checked.
"""
