"""Cooperation events: their kinds and roles, extraction from articles, storage (issue 19)."""
