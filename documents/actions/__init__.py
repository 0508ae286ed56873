"""Writes about folders, documents and versions, one module per domain (see
documents/services.py, which imports them all)."""
