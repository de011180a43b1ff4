"""TinyDB over the store file: imported only by writes (TinyDB is not needed to read)."""

from __future__ import annotations

from tinydb import Query, TinyDB
from tinydb.storages import Storage

from networkhabit.store.storage import Data, StoreFile

__all__ = ["BufferedStorage", "Query", "TinyDB", "open_db"]


class BufferedStorage(Storage):
    """TinyDB Storage over a :class:`StoreFile`: reads its data, writes into its transaction."""

    def __init__(self, file: StoreFile, noted: bool = False) -> None:
        self.file = file
        #: The caller told the file of every change this write makes to the touches.
        self.noted = noted

    def read(self) -> Data | None:
        data = self.file.load()
        return data if data else None

    def write(self, data: Data) -> None:
        self.file.mark_dirty(data, noted=self.noted)

    def close(self) -> None:
        pass


def open_db(file: StoreFile, noted: bool = False) -> TinyDB:
    """A fresh TinyDB over ``file`` (TinyDB caches next ids and query results per table,
    which would be stale after another process wrote the file). ``noted``: see
    :attr:`BufferedStorage.noted` (else the touch index is rebuilt on write)."""
    return TinyDB(storage=BufferedStorage, file=file, noted=noted)
