"""How a citizen arrived at a service, read from the address they followed: no cookie, no address, no tracker.

The QR code on printed posters and table cards opens the service's short link with ``?src=qr``; the short link
typed by hand from the poster arrives as ``?src=short``; links shared to LINE carry ``?src=line``. LINE's in-app
browser also names itself in its User-Agent ("Line/…"), which catches links copied by hand into a LINE chat.
Nothing about the person is read or kept: only which of a few channels the visit came by.
"""

from __future__ import annotations

from .constants import FilingChannel

#: The query parameter, and its values, that printed and shared links carry.
SOURCE_PARAM = "src"
SOURCE_QR = "qr"
SOURCE_SHORT = "short"
SOURCE_LINE = "line"

_SOURCES = {SOURCE_QR: FilingChannel.QR, SOURCE_SHORT: FilingChannel.SHORT_LINK, SOURCE_LINE: FilingChannel.LINE}


def channel_for(source: str | None, user_agent: str | None = "") -> str:
    """The `FilingChannel` of a visit: the link's marker, else LINE's own browser, else the website."""
    channel = _SOURCES.get((source or "").strip().lower())
    if channel is not None:
        return channel
    if " line/" in f" {(user_agent or '').lower()}":
        return FilingChannel.LINE
    return FilingChannel.WEB


def marked(source: str | None) -> bool:
    """Whether a link carried one of our channel markers (such visits are counted; plain visits are cached)."""
    return (source or "").strip().lower() in _SOURCES
