"""Where the store lives: ``--db``, else ``$NETWORKHABIT_DB``, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "networkhabit"
ENV_DB = "NETWORKHABIT_DB"
ENV_TODAY = "NETWORKHABIT_TODAY"


def default_db_path() -> Path:
    """``<user data dir>/networkhabit/networkhabit.json`` (platformdirs)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "networkhabit.json"


def db_path(option: str | os.PathLike[str] | None = None) -> Path:
    """The store file to use: the option, the environment, or the default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return default_db_path()
