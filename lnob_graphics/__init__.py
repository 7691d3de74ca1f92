"""lnob-graphics: campaign data in, on-brand SDG images for every platform and language out."""

__version__ = "0.1.0"
