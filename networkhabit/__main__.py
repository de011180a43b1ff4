"""``python -m networkhabit``."""

from networkhabit.cli import main

if __name__ == "__main__":
    main(prog_name="networkhabit")
