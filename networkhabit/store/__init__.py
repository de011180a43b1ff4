"""The only code that touches the store file (TinyDB, JSON, locks, backups)."""

from networkhabit.store.storage import SCHEMA_VERSION, StoreError
from networkhabit.store.store import Store

__all__ = ["SCHEMA_VERSION", "Store", "StoreError"]
