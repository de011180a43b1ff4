"""networkhabit: make professional networking a daily habit."""

__version__ = "0.1.0"
