"""Packaging: icon set, desktop entry, AppStream metainfo, MIME type, wheel and bundle layout.

The freedesktop validators are Debian packages (desktop-file-utils, appstream, libxml2-utils,
shared-mime-info, libglib2.0-bin); their tests are skipped, with the reason shown, when the
binaries are absent. The wheel itself is built and run by ``.ci/wheel_check.sh``.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

import timeline_app
from timeline_app import resources
from timeline_app.core.project.schema import APPLICATION_ID, SQLITE_MAGIC
from timeline_app.core.project.store import save_project
from timeline_app.core.session import Session

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.timeline_app.Timeline"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
MIME_XML = PACKAGING / "timeline-app-mime.xml"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install {_DEBIAN_PACKAGE[name]})")
    return path


_DEBIAN_PACKAGE = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream",
                   "xmllint": "libxml2-utils", "update-mime-database": "shared-mime-info",
                   "gio": "libglib2.0-bin"}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)


def _desktop_entry() -> dict[str, str]:
    """Key → value of the [Desktop Entry] group (the file has no other group)."""
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def _png_header(path: Path) -> tuple[int, int, int]:
    """(width, height, colour type) from a PNG's IHDR chunk."""
    head = path.read_bytes()[:26]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    assert head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height, head[25]


# --- icons ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_has_its_size_and_transparency(size: int) -> None:
    path = resources.resource_path("icons", f"timeline-app-{size}.png")
    assert path.is_file(), f"missing {path}; run packaging/render_icons.py"
    width, height, colour_type = _png_header(path)
    assert (width, height) == (size, size)
    assert colour_type == 6, "expected RGBA (the rounded corners are transparent)"


def test_locator_finds_svg_and_default_raster() -> None:
    svg = resources.resource_path("icons", "timeline-app.svg")
    assert svg.is_file()
    assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert _png_header(resources.resource_path("icons", "timeline-app.png"))[:2] == (256, 256)


def _render_icons_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_icons", PACKAGING / "render_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_pngs_match_the_svg(qapp: object) -> None:
    """The PNGs are what render_icons.py makes of the SVG now (nobody edited one and not the other)."""
    assert _render_icons_module().main(["--check"]) == 0


# --- desktop entry and AppStream metainfo --------------------------------------------------------

def test_desktop_file_validates() -> None:
    result = _run(_tool("desktop-file-validate"), str(DESKTOP))
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_validates() -> None:
    # --no-net: no screenshot or URL checks (CI has no general network); warnings fail too.
    result = _run(_tool("appstreamcli"), "validate", "--no-net", "--explain", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_entry_matches_app_metainfo_and_icons() -> None:
    entry = _desktop_entry()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert entry["Exec"].split()[0] in scripts and entry["TryExec"] in scripts
    assert "application/x-timeline-project" in entry["MimeType"].split(";")
    assert (resources.resource_path("icons") / f"{entry['Icon']}.svg").is_file()

    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == DESKTOP.stem == METAINFO.name.removesuffix(".metainfo.xml")
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert root.findtext("provides/binary") == entry["TryExec"]
    assert root.findtext("provides/mediatype") == "application/x-timeline-project"
    assert root.find("content_rating") is not None
    assert root.findtext("project_license") == "MIT"


def test_metainfo_lists_the_current_version() -> None:
    """Bumping __version__ needs a <release> entry, or software centres show a stale version."""
    releases = [r.get("version") for r in ET.parse(METAINFO).getroot().iterfind("releases/release")]
    assert timeline_app.__version__ in releases
    assert releases[0] == timeline_app.__version__, "newest release first"


# --- MIME type of .timeline projects -------------------------------------------------------------

def test_mime_xml_is_well_formed() -> None:
    result = _run(_tool("xmllint"), "--noout", str(MIME_XML))
    assert result.returncode == 0, result.stderr


def test_mime_magic_matches_real_project_files(tmp_path: Path) -> None:
    """The magic in the XML is what the project writer puts in a file's SQLite header."""
    mime = ET.parse(MIME_XML).getroot().find("m:mime-type", MIME_NS)
    assert mime is not None and mime.get("type") == "application/x-timeline-project"
    assert [g.get("pattern") for g in mime.iterfind("m:glob", MIME_NS)] == ["*.timeline"]
    outer = mime.find("m:magic/m:match", MIME_NS)
    assert outer is not None
    inner = outer.find("m:match", MIME_NS)
    assert inner is not None
    header = outer.get("value", "").encode("ascii").decode("unicode_escape").encode("latin-1")
    assert header == SQLITE_MAGIC and outer.get("offset") == "0"
    assert inner.get("type") == "big32" and int(inner.get("value", ""), 16) == APPLICATION_ID

    path = tmp_path / "p.timeline"
    save_project(Session(), path)
    data = path.read_bytes()[:100]
    assert data.startswith(header)
    offset = int(inner.get("offset", ""))
    assert struct.unpack(">I", data[offset:offset + 4])[0] == APPLICATION_ID


def test_mime_database_recognises_projects(tmp_path: Path) -> None:
    """With the XML installed, GIO types a project by name and by content, and not a plain SQLite file."""
    update = _tool("update-mime-database")
    gio = _tool("gio")
    system = Path("/usr/share/mime/packages/freedesktop.org.xml")
    if not system.is_file():
        pytest.skip("the freedesktop.org MIME database is not installed (shared-mime-info)")
    packages = tmp_path / "data" / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(system, packages)
    shutil.copy(MIME_XML, packages / "timeline-app.xml")
    assert _run(update, str(tmp_path / "data" / "mime")).returncode == 0

    save_project(Session(), tmp_path / "named.timeline")
    save_project(Session(), tmp_path / "renamed.db")
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()

    env = {"XDG_DATA_DIRS": str(tmp_path / "data"), "XDG_DATA_HOME": str(tmp_path / "none"),
           "PATH": "/usr/bin:/bin"}

    def content_type(name: str) -> str:
        out = subprocess.run([gio, "info", "-a", "standard::content-type", str(tmp_path / name)],
                             capture_output=True, text=True, env=env, timeout=60, check=True).stdout
        match = re.search(r"standard::content-type: (\S+)", out)
        assert match, out
        return match.group(1)

    assert content_type("named.timeline") == "application/x-timeline-project"
    assert content_type("renamed.db") == "application/x-timeline-project"
    assert content_type("other.db") == "application/vnd.sqlite3"


# --- wheel and bundle layout ---------------------------------------------------------------------

def test_wheel_build_config_points_at_existing_files() -> None:
    """Every file pyproject.toml maps into the wheel exists (a renamed icon would break the build)."""
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"][
        "targets"]["wheel"]
    assert wheel["force-include"] == {"resources": "timeline_app/_resources", "seeds": "timeline_app/_seeds"}
    for source in wheel["shared-data"]:
        assert (ROOT / source).is_file(), source
    shared = set(wheel["shared-data"].values())
    assert f"share/applications/{DESKTOP.name}" in shared
    assert f"share/metainfo/{METAINFO.name}" in shared
    for size in ICON_SIZES:
        assert f"share/icons/hicolor/{size}x{size}/apps/timeline-app.png" in shared


def test_spec_puts_data_where_the_locator_looks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The PyInstaller spec's destinations are the folders resources.py searches under sys._MEIPASS."""
    spec = (PACKAGING / "timeline-app.spec").read_text(encoding="utf-8")
    destinations = dict(re.findall(r'\(str\(ROOT / "(\w+)"\), "([\w/]+)"\)', spec))
    assert destinations == {"resources": "timeline_app/_resources", "seeds": "timeline_app/_seeds"}

    for source, destination in destinations.items():
        (tmp_path / destination).mkdir(parents=True)
        (tmp_path / destination / "marker").write_text(source)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resources._root.cache_clear()
    try:
        assert resources.resource_path("marker").read_text() == "resources"
        assert resources.seed_path("marker").read_text() == "seeds"
    finally:
        monkeypatch.undo()
        resources._root.cache_clear()
