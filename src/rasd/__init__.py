"""rasd: Arabic conflict news to geocoded, deduplicated events with evidence."""

from rasd.compiled import check as _check_compiled

__version__ = "0.1.0"

_check_compiled()
