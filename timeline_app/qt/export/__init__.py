"""Image export (PNG, SVG, PDF), its dialog, and the export actions of the window."""
