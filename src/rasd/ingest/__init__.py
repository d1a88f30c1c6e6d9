"""Bring articles in: files, feeds and Telegram exports, with duplicate detection."""
