"""One browser, one session: a random id in a cookie and a temporary folder of its own,
inside the run's folder, which is removed when the server stops. A session sees only its
own folder: the page never takes a path from a request, only names it looks up here.
"""

from __future__ import annotations

import asyncio
import secrets
import shutil
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lnob_graphics.campaign import Asset
    from lnob_graphics.web.work import Card, Loaded

CAMPAIGN_SUFFIXES = (".yaml", ".yml", ".csv", ".tsv", ".xlsx", ".xls", ".ods")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


@dataclass
class Session:
    id: str
    root: Path
    files: list[str] = field(default_factory=list)  # campaign files, relative to ``folder``
    loaded: Loaded | None = None  # the last reading of them
    shown: Loaded | None = None  # the last reading that had assets (kept while a change is bad)
    ui: str | None = None  # the page's language, when chosen
    notes: list[str] = field(default_factory=list)  # what the last upload left out, and why
    cards: OrderedDict[tuple[Any, ...], Card] = field(default_factory=OrderedDict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    used: float = field(default_factory=time.monotonic)

    @property
    def folder(self) -> Path:
        """The campaign's folder: its files, photos and templates, as uploaded."""
        return self.root / "campaign"

    @property
    def out(self) -> Path:
        return self.root / "out"

    def reset(self) -> None:
        """An empty campaign folder (a new upload replaces the campaign)."""
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.rmtree(self.out, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.files, self.loaded, self.shown, self.notes = [], None, None, []
        self.cards.clear()

    def asset(self, asset_id: str, lang: str) -> Asset | None:
        if self.shown is None or self.shown.campaign is None:
            return None
        return next((a for a in self.shown.campaign.assets
                     if a.id == asset_id and a.lang == lang), None)

    def remember(self, key: tuple[Any, ...], card: Card) -> None:
        self.cards[key] = card
        self.cards.move_to_end(key)
        while len(self.cards) > 400:
            self.cards.popitem(last=False)


class Sessions:
    """The sessions of one run, each in its own folder under ``root``."""

    def __init__(self, root: Path, limit: int) -> None:
        self.root = root
        self.limit = limit
        self._all: dict[str, Session] = {}

    def get(self, session_id: str | None) -> Session | None:
        session = self._all.get(session_id or "")
        if session is not None:
            session.used = time.monotonic()
        return session

    def new(self) -> Session:
        if len(self._all) >= self.limit:  # the least recently used gives way
            oldest = min(self._all.values(), key=lambda s: s.used)
            self.drop(oldest.id)
        session_id = secrets.token_urlsafe(24)
        session = Session(session_id, self.root / secrets.token_hex(8))
        session.root.mkdir(parents=True)
        session.reset()
        self._all[session_id] = session
        return session

    def drop(self, session_id: str) -> None:
        session = self._all.pop(session_id, None)
        if session is not None:
            shutil.rmtree(session.root, ignore_errors=True)

    def close(self) -> None:
        for session_id in list(self._all):
            self.drop(session_id)
        shutil.rmtree(self.root, ignore_errors=True)
