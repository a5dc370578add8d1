"""Entry script of the PyInstaller bundle (PyInstaller needs a script, not a ``module:function``).

``timeline_app/__main__.py`` cannot serve: it uses a relative import, which fails when the file
is run as a top-level script.
"""

import multiprocessing

from timeline_app.cli import main

if __name__ == "__main__":
    # `timeline-app eval -j N` uses a process pool; a frozen child must not rerun the CLI.
    multiprocessing.freeze_support()
    raise SystemExit(main())
