"""Pure networking rules: records, dates, names, keep-in-touch, streaks, introductions.

Nothing here does I/O or imports textual, tinydb or click; every rule takes
``today`` as a parameter.
"""
