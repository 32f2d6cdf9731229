"""Health bands (green from 75, amber from 50, red below, as the README says) and compliance bands."""

from enum import StrEnum


class Band(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


BAND_FROM = {Band.GREEN: 75, Band.AMBER: 50}  # lowest score of each band; red is everything below
WORDS = {Band.GREEN: "good", Band.AMBER: "fair", Band.RED: "poor"}


def band(score: float) -> Band:
    """The band of a 0–100 health score."""
    if score >= BAND_FROM[Band.GREEN]:
        return Band.GREEN
    return Band.AMBER if score >= BAND_FROM[Band.AMBER] else Band.RED


COMPLIANCE_FROM = {Band.GREEN: 80, Band.AMBER: 50}  # a week's done share, in percent


def compliance_band(percent: float) -> Band:
    """A week's compliance in the calendar: green from 80 %, amber (partly) from 50 %, red below."""
    if percent >= COMPLIANCE_FROM[Band.GREEN]:
        return Band.GREEN
    return Band.AMBER if percent >= COMPLIANCE_FROM[Band.AMBER] else Band.RED


def band_word(score: float) -> str:
    """'good', 'fair' or 'poor': the band as users read it."""
    return WORDS[band(score)]
