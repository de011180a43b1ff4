"""Widgets with behaviour of their own."""
