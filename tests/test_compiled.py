"""rasd.compiled: a compiled module whose source was edited is refused, not run."""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from rasd.compiled import MANIFEST, check, compiled_modules, source_digest, stale_modules
from rasd.errors import StaleBuildError


def _package(tmp_path: Path, compiled: bool = True) -> Path:
    pkg = tmp_path / "rasd"
    (pkg / "text").mkdir(parents=True)
    source = pkg / "text" / "tokens.py"
    source.write_text("X = 1\n", encoding="utf-8")
    if compiled:
        source.with_suffix(EXTENSION_SUFFIXES[0]).write_bytes(b"\0")
    (pkg / MANIFEST).write_text(f"rasd.text.tokens\t{source_digest(source)}\n", encoding="utf-8")
    return pkg


def test_unchanged_sources_pass(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    assert compiled_modules(pkg) == ["rasd.text.tokens"]
    assert stale_modules(pkg) == []
    check(pkg)


def test_edited_source_is_refused_with_the_fix(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    (pkg / "text" / "tokens.py").write_text("X = 2\n", encoding="utf-8")
    assert stale_modules(pkg) == ["rasd.text.tokens"]
    with pytest.raises(StaleBuildError, match=r"rasd\.text\.tokens.*RASD_PURE=1"):
        check(pkg)


def test_a_source_edited_without_its_extension_is_not_stale(tmp_path: Path) -> None:
    """A pure install keeps no extension: the edited source is what runs."""
    pkg = _package(tmp_path, compiled=False)
    (pkg / "text" / "tokens.py").write_text("X = 2\n", encoding="utf-8")
    assert compiled_modules(pkg) == stale_modules(pkg) == []


def test_no_manifest_no_check(tmp_path: Path) -> None:
    assert stale_modules(tmp_path) == []


def test_this_install_is_not_stale() -> None:
    assert stale_modules() == []
