"""The dashboard page: static HTML, CSS and plain JavaScript (no build step, nothing
fetched from the network), served by ``rasd serve`` beside the API."""

from pathlib import Path

STATIC_DIR = Path(__file__).with_name("static")
