"""rasd: Arabic conflict news to geocoded, deduplicated events with evidence."""

__version__ = "0.1.0"
