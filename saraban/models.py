"""Correspondence models."""
