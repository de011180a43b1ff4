"""``python -m networkhabit``."""

from networkhabit.cli import run

if __name__ == "__main__":
    run()
