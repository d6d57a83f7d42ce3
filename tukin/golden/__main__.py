"""``python -m tukin.golden``: run case files, or record the packs' behaviour (``--update-lock``)."""

import sys

from tukin.golden import main

if __name__ == "__main__":
    sys.exit(main())
