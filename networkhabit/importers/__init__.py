"""Bringing contacts in (LinkedIn, Google, vCard, JSON) and taking them out."""
