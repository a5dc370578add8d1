"""Language knowledge that is Python rather than rule files, one package per language (``en/``)."""
