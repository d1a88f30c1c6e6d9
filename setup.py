"""Build rasd; the modules every article runs through are compiled to C with mypyc.

The extractor's hot path (text, knowledge lookups, extraction) is plain typed Python; mypyc
turns it into C extensions at install time, which makes ``rasd extract`` about 1.7 times as
fast (BENCHMARKS.md). The digest of each compiled source goes to ``rasd/compiled.tsv``, so
that :mod:`rasd.compiled` refuses to run a compiled module whose source was edited since.
``RASD_PURE=1 pip install -e .`` installs without compiling, for working on those modules.
"""

from __future__ import annotations

import hashlib
import os
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

PACKAGE = Path("src/rasd")
MANIFEST = PACKAGE / "compiled.tsv"
# what ``extract`` runs for every article; everything else stays interpreted
COMPILED = [
    "text/normalize",
    "text/tokens",
    "text/numbers",
    "text/dates",
    "knowledge/actors",
    "knowledge/admin1",
    "knowledge/events",
    "knowledge/gazetteer",
    "knowledge/lexicon",
    "knowledge/places",
    "knowledge/sources",
    "extract/document",
    "extract/frames",
    "extract/tolls",
    "extract/roles",
    "extract/merge",
    "extract/reading",
    "extract/assemble",
    "extract/pipeline",
]
SOURCES = [PACKAGE / f"{name}.py" for name in COMPILED]


def _manifest() -> str:
    return "".join(
        f"rasd.{name.replace('/', '.')}\t{hashlib.sha256(src.read_bytes()).hexdigest()}\n"
        for name, src in zip(COMPILED, SOURCES, strict=True)
    )


def _remove_compiled() -> None:
    """A pure install over a compiled checkout: its extensions would shadow the sources."""
    for src in SOURCES:
        for suffix in EXTENSION_SUFFIXES:
            src.with_suffix(suffix).unlink(missing_ok=True)
    for suffix in EXTENSION_SUFFIXES:
        Path("src", f"rasd_native__mypyc{suffix}").unlink(missing_ok=True)


class BuildCompiled(build_ext):
    """Writes the manifest once the extensions are built: a failed build leaves none."""

    def run(self) -> None:
        super().run()
        package = PACKAGE if self.inplace else Path(self.build_lib, "rasd")
        (package / MANIFEST.name).write_text(_manifest(), encoding="utf-8")


if os.environ.get("RASD_PURE", "") not in ("", "0"):
    _remove_compiled()
    setup()
else:
    from mypyc.build import mypycify

    setup(
        cmdclass={"build_ext": BuildCompiled},
        ext_modules=mypycify(
            [str(src) for src in SOURCES], opt_level="3", debug_level="0", group_name="rasd_native"
        ),
    )
