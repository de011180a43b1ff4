"""Regenerate screenshots/*.svg from demo data (pinned date, 120×40).

python scripts/screenshots.py [OUT_DIR]
"""

from networkhabit.tui.screenshots import main

if __name__ == "__main__":
    main()
