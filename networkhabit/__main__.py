"""``python -m networkhabit``."""

from networkhabit.entry import run

if __name__ == "__main__":
    run()
