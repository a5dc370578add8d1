#!/usr/bin/env bash
# CI: what a user gets from `pip install timeline_app-*.whl` must work on its own.
#
# 1. `python -m build` makes the sdist and, from the sdist, the wheel (so a file missing from the
#    sdist breaks the wheel too); both must hold every tracked file of resources/ and seeds/, and
#    the wheel the desktop files under .data/data/share.
# 2. A fresh venv installs the wheel (not editable); pip's cache is reused, so PySide6 is not
#    downloaded twice.
# 3. From a temporary directory outside the source tree, with no display (QT_QPA_PLATFORM, DISPLAY
#    and WAYLAND_DISPLAY unset), the installed app runs `--version`, `extract` on the sample
#    article (found through the installed package's own locator) and `export` to a PNG.
# Any failure exits non-zero with a line saying what failed.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-python3}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/timeline-wheel-check.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
step() { printf '\n== wheel_check: %s\n' "$*"; }
fail() { printf 'wheel_check: FAILED: %s\n' "$*" >&2; exit 1; }

step "build the sdist and the wheel"
"$PY" -m venv "$WORK/build-venv"
"$WORK/build-venv/bin/python" -m pip install --quiet --upgrade pip build
"$WORK/build-venv/bin/python" -m build --outdir "$WORK/dist" "$SRC" >"$WORK/build.log" 2>&1 \
    || { tail -n 30 "$WORK/build.log"; fail "python -m build"; }
WHEEL="$(ls "$WORK"/dist/*.whl)"
SDIST="$(ls "$WORK"/dist/*.tar.gz)"
echo "built $(basename "$SDIST") and $(basename "$WHEEL")"

step "check the archives' contents"
# The files that must ship: tracked ones when this is a git checkout, else whatever is there.
if git -C "$SRC" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$SRC" ls-files -- resources seeds >"$WORK/shipped.txt"
else
    (cd "$SRC" && find resources seeds -type f ! -name '*.pyc') >"$WORK/shipped.txt"
fi
"$PY" - "$WHEEL" "$SDIST" "$WORK/shipped.txt" <<'EOF' || fail "archive contents"
import sys, tarfile, zipfile

wheel, sdist, listing = sys.argv[1:4]
shipped = [line for line in open(listing, encoding="utf-8").read().splitlines() if line]
if not any(p.startswith("resources/rules/") for p in shipped) or "seeds/syria.txt" not in shipped:
    sys.exit(f"the file list is implausible ({len(shipped)} files): run from a full checkout")

wheel_names = set(zipfile.ZipFile(wheel).namelist())
# force-include in pyproject.toml: resources/ → timeline_app/_resources, seeds/ → timeline_app/_seeds
in_package = {"resources": "timeline_app/_resources", "seeds": "timeline_app/_seeds"}
missing = [p for p in shipped if "/".join([in_package[p.split("/", 1)[0]], p.split("/", 1)[1]]) not in wheel_names]
dist_info = next(n.split("/")[0] for n in wheel_names if n.endswith(".dist-info/METADATA"))
data = dist_info.replace(".dist-info", ".data") + "/data/share/"
desktop = ["applications/io.github.timeline_app.Timeline.desktop",
           "metainfo/io.github.timeline_app.Timeline.metainfo.xml", "mime/packages/timeline-app.xml",
           "icons/hicolor/scalable/apps/timeline-app.svg",
           *(f"icons/hicolor/{n}x{n}/apps/timeline-app.png" for n in (16, 22, 24, 32, 48, 64, 128, 256, 512))]
missing += [data + p for p in desktop if data + p not in wheel_names]
stray = sorted(n for n in wheel_names if n.startswith(("resources/", "seeds/", "tests/")))
if missing or stray:
    sys.exit(f"wheel: missing {missing[:10]}{' …' if len(missing) > 10 else ''}; stray {stray[:10]}")
print(f"wheel: {len(shipped)} resource/seed files under timeline_app/, {len(desktop)} desktop files under share/")

with tarfile.open(sdist) as tar:
    sdist_names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
need = shipped + ["pyproject.toml", "README.md", "packaging/timeline-app.spec",
                  "packaging/io.github.timeline_app.Timeline.desktop"]
missing = [p for p in need if p not in sdist_names]
if missing:
    sys.exit(f"sdist: missing {missing[:10]}")
print(f"sdist: {len(sdist_names)} files, resources/ and seeds/ complete")
EOF

step "install the wheel in a clean venv"
"$PY" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --upgrade pip
"$WORK/venv/bin/python" -m pip install --quiet "$WHEEL" || fail "pip install $(basename "$WHEEL")"

step "run the installed app outside the source tree, headless"
mkdir "$WORK/run"
cd "$WORK/run"
APP="$WORK/venv/bin/timeline-app"
headless() { env -u QT_QPA_PLATFORM -u DISPLAY -u WAYLAND_DISPLAY "$@"; }

VERSION="$(headless "$APP" --version)" || fail "timeline-app --version"
echo "$VERSION"
case "$(basename "$WHEEL")" in
    "timeline_app-${VERSION#timeline-app }-"*) ;;
    *) fail "--version says '$VERSION' but the wheel is $(basename "$WHEEL")" ;;
esac

# The sample article as the installed package finds it; it must not come from the checkout.
SAMPLE="$("$WORK/venv/bin/python" -c 'from timeline_app.resources import default_article; print(default_article())')"
case "$SAMPLE" in
    "$WORK/venv/"*) echo "sample: $SAMPLE" ;;
    *) fail "the installed package found its sample at $SAMPLE, not inside the venv" ;;
esac

headless "$APP" extract "$SAMPLE" -o extract.json || fail "timeline-app extract $SAMPLE"
"$WORK/venv/bin/python" - extract.json <<'EOF' || fail "extract output"
import json, sys
articles = json.load(open(sys.argv[1], encoding="utf-8"))["articles"]
assert len(articles) == 1, f"{len(articles)} articles"
a = articles[0]
assert not a["errors"], a["errors"]
# The sample's dateline reads "Jun 30,2016"; the time expressions need the shipped rules.
assert a["dct"] and a["dct"]["value"] == "2016-06-30", f"DCT {a['dct']}"
assert a["timexes"], "no time expressions: are the rules missing from the wheel?"
print(f"extract: DCT {a['dct']['value']}, {len(a['timexes'])} time expressions, {len(a['events'])} events")
EOF

if [ ! -f "$("$WORK/venv/bin/python" -c 'import timeline_app, os; print(os.path.dirname(timeline_app.__file__))')/commands/export_image.py" ]; then
    fail "timeline-app export is not in this build (timeline_app/commands/export_image.py missing)"
fi
headless "$APP" export "$SAMPLE" -o out.png || fail "timeline-app export $SAMPLE -o out.png (no display)"
"$WORK/venv/bin/python" - out.png <<'EOF' || fail "export output"
import struct, sys
head = open(sys.argv[1], "rb").read(24)
assert head[:8] == b"\x89PNG\r\n\x1a\n", "out.png is not a PNG"
width, height = struct.unpack(">II", head[16:24])
assert width >= 200 and height >= 100, f"out.png is only {width}×{height}"
print(f"export: out.png {width}×{height}")
EOF

step "passed"
