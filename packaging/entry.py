"""Entry point of the frozen app (PyInstaller runs this file as __main__)."""

from migrator.cli.main import main

raise SystemExit(main())
