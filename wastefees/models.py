"""Waste and wastewater fees models."""
