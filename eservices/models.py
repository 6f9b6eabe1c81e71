"""E-services models."""
