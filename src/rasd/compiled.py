"""The modules an install compiled with mypyc, and a guard against running stale ones.

``setup.py`` compiles the extractor's hot modules to C extensions and writes ``compiled.tsv``
beside this file: each module with the SHA-256 of the source it was compiled from. Python
imports an extension before a ``.py`` of the same name, so in a checkout installed with
``pip install -e .`` an edited module would silently keep running its old compiled code;
:func:`check` refuses that with :class:`StaleBuildError` instead.
"""

from __future__ import annotations

import hashlib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from rasd.errors import StaleBuildError

PACKAGE = Path(__file__).parent
MANIFEST = "compiled.tsv"


def source_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _compiled(package: Path) -> list[tuple[str, Path, str]]:
    """Module, source path and compiled source digest of each module with its extension."""
    manifest = package / MANIFEST
    if not manifest.is_file():
        return []
    found = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        module, _, digest = line.partition("\t")
        source = package.joinpath(*module.split(".")[1:]).with_suffix(".py")
        if any(source.with_suffix(suffix).is_file() for suffix in EXTENSION_SUFFIXES):
            found.append((module, source, digest))
    return found


def compiled_modules(package: Path = PACKAGE) -> list[str]:
    """The modules of ``package`` that run compiled."""
    return [module for module, _, _ in _compiled(package)]


def stale_modules(package: Path = PACKAGE) -> list[str]:
    """Compiled modules of ``package`` whose source is no longer the one compiled."""
    return [
        module
        for module, source, digest in _compiled(package)
        if not source.is_file() or source_digest(source) != digest
    ]


def check(package: Path = PACKAGE) -> None:
    """Raise :class:`StaleBuildError` when a compiled module's source has changed."""
    if stale := stale_modules(package):
        raise StaleBuildError(
            f"{', '.join(stale)} changed after being compiled: run `pip install -e .` again "
            "(compiles them, ~2 min) or `RASD_PURE=1 pip install -e .` (no compiling)"
        )
