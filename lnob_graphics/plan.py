"""Planning: which images a run makes (asset × language × platform × slide), and sharding.

Pure functions over the validated campaign; nothing here reads or writes files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lnob_graphics.campaign import Asset, Campaign
from lnob_graphics.platforms import PLATFORMS


@dataclass(frozen=True)
class Job:
    asset: Asset
    platform: str
    page: int = 0  # 1.. for the slides of a carousel, 0 for a single image
    key: str = field(default="", compare=False)  # its input fingerprint, once computed

    @property
    def name(self) -> str:
        """The image's file name without suffix: the id, or ``id-03`` for a slide."""
        return f"{self.asset.id}-{self.page:02d}" if self.page else self.asset.id

    @property
    def slide(self) -> dict[str, int]:
        """``page``/``pages`` for a carousel's slide (manifest, report), else nothing."""
        return {"page": self.page, "pages": self.asset.pages} if self.page else {}


def plan(campaign: Campaign, platforms: Sequence[str] = (),
         languages: Sequence[str] = ()) -> list[Job]:
    """Every image to make: asset × language × platform (× slide, for a carousel).
    ``platforms`` and ``languages`` restrict the run (``-p``, ``--lang``)."""
    return [Job(asset, name, page)
            for asset in campaign.assets
            if not languages or asset.lang in languages
            for name in (platforms or asset.platforms)
            if PLATFORMS[name].format_class in asset.formats  # else warned when validated
            for page in (range(1, asset.pages + 1) if asset.pages > 1 else (0,))]


def shard_of(jobs: Sequence[Job], shard: tuple[int, int]) -> list[Job]:
    """Shard K of N: every N-th job of the list in a fixed order (by id, language, platform,
    slide), so shards are disjoint, cover everything and differ by at most one image."""
    k, n = shard
    ordered = sorted(jobs, key=lambda j: (j.asset.id, j.asset.lang, j.platform, j.page))
    return ordered[k - 1::n]
