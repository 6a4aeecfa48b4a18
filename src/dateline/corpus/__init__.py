"""Corpus work: ingest runs (one process or a pool of workers) and near-duplicate detection."""
