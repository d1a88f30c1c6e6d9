"""Articles from a Telegram Desktop export (``result.json``, "Export chat history" as JSON).

Many Syrian outlets and monitors post first, or only, on Telegram channels. The export is
one JSON object per chat, ``{"name", "type", "id", "messages": [...]}``, or, for a whole
account, ``{"chats": {"list": [chat, ...]}}``. A message's ``text`` is a string or a list
of strings and entity objects (``{"type": "bold", "text": "..."}``); the flattened text
becomes the article, the chat name the outlet, the message day its publication date.
Service messages (pins, joins) and posts without text (a photo alone) are not articles.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from rasd.records import Article, ItemError

_HEAD_BYTES = 4096
_EXPORT_HEAD = re.compile(rb'^\s*\{\s*"(?:name|type|id|about|personal_information|chats)"')
_MESSAGES_KEY = re.compile(rb'"(?:messages|chats)"\s*:')


def is_export(path: Path) -> bool:
    """True when ``path`` looks like a Telegram Desktop JSON export (from its first bytes)."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    with path.open("rb") as fh:
        head = fh.read(_HEAD_BYTES)
    return bool(_EXPORT_HEAD.match(head.removeprefix(b"\xef\xbb\xbf"))) and bool(
        _MESSAGES_KEY.search(head) or path.name == "result.json"
    )


def read_export(path: Path) -> Iterator[Article | ItemError]:
    """Every text message of every chat in the export at ``path``."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield ItemError(str(path), f"not a readable Telegram export: {exc}")
        return
    chats = _chats(data)
    if chats is None:
        yield ItemError(str(path), "not a Telegram export: no 'messages' list")
        return
    for chat in chats:
        yield from _chat_articles(path, chat)


def message_text(text: Any) -> str:
    """The plain text of a message's ``text`` field (a string or a list of parts)."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(
            part if isinstance(part, str) else str(part.get("text", ""))
            for part in text
            if isinstance(part, str | Mapping)
        )
    return ""


def _chats(data: Any) -> list[Mapping[str, Any]] | None:
    if isinstance(data, Mapping) and isinstance(data.get("messages"), list):
        return [data]
    listed = data.get("chats", {}).get("list") if isinstance(data, Mapping) else None
    if isinstance(listed, list):
        return [chat for chat in listed if isinstance(chat, Mapping)]
    return None


def _chat_articles(path: Path, chat: Mapping[str, Any]) -> Iterator[Article | ItemError]:
    chat_id = chat.get("id", "chat")
    outlet = chat.get("name") if isinstance(chat.get("name"), str) else None
    for message in chat.get("messages") or ():
        if not isinstance(message, Mapping) or message.get("type") != "message":
            continue
        text = message_text(message.get("text")).strip()
        if not text:
            continue
        item = f"{path}#{chat_id}/{message.get('id')}"
        published = _message_day(message.get("date"))
        if published is None:
            yield ItemError(item, f"message date {message.get('date')!r} is not an ISO timestamp")
            continue
        meta = {
            "telegram_chat_id": chat_id,
            "telegram_message_id": message.get("id"),
            "telegram_chat_type": chat.get("type"),
        }
        if message.get("forwarded_from"):
            meta["forwarded_from"] = message["forwarded_from"]
        yield Article(
            id=f"telegram-{chat_id}-{message.get('id')}",
            text=text,
            outlet=outlet,
            published=published,
            meta=meta,
        )


def _message_day(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None
