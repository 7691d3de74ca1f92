"""Social platforms: exact pixel sizes and file-size limits (as documented by each platform)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FormatClass = Literal["square", "portrait", "tall", "wide"]


@dataclass(frozen=True)
class Platform:
    name: str
    width: int
    height: int
    max_bytes: int | None  # the platform's upload limit for one image
    note: str = ""
    caption_limit: int = 2200  # characters of post text (X counts a link as 23)

    @property
    def format_class(self) -> FormatClass:
        return format_class(self.width, self.height)

    @property
    def min_text(self) -> float:
        """The smallest text drawn on this canvas, in px. Feeds show an image about
        375 px wide on a phone; 1.6 % of the width is then about 6 px there — the
        smallest that still reads. Templates' own minimums are raised to it."""
        return round(self.width * MIN_TEXT_SHARE, 1)


def format_class(width: float, height: float) -> FormatClass:
    """Which size-specific layout a canvas gets: 1:1, 4:5 (and 2:3), 9:16, or 16:9/1.91:1."""
    ratio = width / height
    if ratio >= 1.25:
        return "wide"
    if ratio >= 0.9:
        return "square"
    if ratio >= 0.62:
        return "portrait"
    return "tall"


MB = 1_000_000
MIN_TEXT_SHARE = 0.016
PLATFORMS: dict[str, Platform] = {
    p.name: p
    for p in [
        Platform("instagram-square", 1080, 1080, 8 * MB, "Instagram feed, 1:1", 2200),
        Platform("instagram-portrait", 1080, 1350, 8 * MB, "Instagram feed, 4:5", 2200),
        Platform("instagram-story", 1080, 1920, 8 * MB, "Instagram stories and reels, 9:16", 2200),
        Platform("facebook-link", 1200, 630, 8 * MB, "Facebook link preview, 1.91:1", 63206),
        Platform("open-graph", 1200, 630, 8 * MB, "og:image for web pages, 1.91:1", 300),
        Platform("x-post", 1600, 900, 5 * MB, "X (Twitter) in-stream image, 16:9", 280),
        Platform("linkedin-post", 1200, 627, 5 * MB, "LinkedIn shared image, 1.91:1", 3000),
        Platform("whatsapp-status", 1080, 1920, 5 * MB, "WhatsApp status, 9:16", 700),
        Platform("youtube-thumbnail", 1280, 720, 2 * MB, "YouTube thumbnail, 16:9", 5000),
        Platform("pinterest-pin", 1000, 1500, 20 * MB, "Pinterest standard pin, 2:3", 500),
        Platform("bluesky-post", 1200, 675, 1 * MB, "Bluesky image (alt text required)", 300),
        Platform("threads-post", 1080, 1350, 8 * MB, "Threads image, 4:5", 500),
        Platform("tiktok-photo", 1080, 1920, 20 * MB, "TikTok photo mode, 9:16", 4000),
    ]
}

# Without --platform and without platforms in the campaign: one of each format class
# on the most used networks.
DEFAULT_PLATFORMS: tuple[str, ...] = (
    "instagram-square", "instagram-portrait", "instagram-story", "x-post", "facebook-link",
)

# What people call the networks: a name with one platform is read as it (with a note); a
# name with several (instagram) is a question, answered with the list.
ALIASES: dict[str, tuple[str, ...]] = {
    "twitter": ("x-post",), "x": ("x-post",), "tweet": ("x-post",), "x-twitter": ("x-post",),
    "facebook": ("facebook-link",), "fb": ("facebook-link",), "linkedin": ("linkedin-post",),
    "whatsapp": ("whatsapp-status",), "youtube": ("youtube-thumbnail",),
    "pinterest": ("pinterest-pin",), "bluesky": ("bluesky-post",), "threads": ("threads-post",),
    "tiktok": ("tiktok-photo",), "og": ("open-graph",), "opengraph": ("open-graph",),
    "instagram": ("instagram-square", "instagram-portrait", "instagram-story"),
    "insta": ("instagram-square", "instagram-portrait", "instagram-story"),
    "ig": ("instagram-square", "instagram-portrait", "instagram-story"),
}


def read_platform(written: str) -> tuple[str | None, str | None]:
    """A platform as written: (its name, a note if it was written another way), or (None,
    the problem) — with the choices when the name covers several formats."""
    key = written.strip().lower().replace("_", "-").replace(" ", "-")
    if key in PLATFORMS:
        return key, None if key == written else f"{written!r} read as {key!r}"
    choices = ALIASES.get(key)
    if choices and len(choices) == 1:
        return choices[0], f"{written!r} read as {choices[0]!r}"
    if choices:
        return None, (f"{written!r} has several formats: {', '.join(choices)}; name the ones "
                      "you want")
    import difflib

    near = difflib.get_close_matches(key, [*PLATFORMS, *ALIASES], n=1, cutoff=0.6)
    meant = ", ".join(ALIASES.get(near[0], near[:1])) if near else ""
    hint = f" (did you mean {meant}?)" if meant else ""
    return None, f"unknown platform {written!r}{hint}; see `lnob platforms`"
