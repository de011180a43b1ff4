"""Checking and repairing the store, its backups: what ``doctor`` does, for the front ends
(which reach the store only through actions/). The work is the store's own
(:mod:`networkhabit.store.doctor`, :mod:`networkhabit.store.backup`)."""

from __future__ import annotations

from networkhabit.store.backup import backup_dir, list_backups
from networkhabit.store.doctor import examine, find_backup, fix, restore

__all__ = ["backup_dir", "examine", "find_backup", "fix", "list_backups", "restore"]
