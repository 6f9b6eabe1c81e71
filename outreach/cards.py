"""Share cards: the 1200×630 PNG that LINE and Facebook show when a page without its own image is shared.

Drawn with Pillow's Raqm layout (HarfBuzz shaping), so Thai vowels and tone marks stack as in print, in Sarabun
(the font every PDF uses); lines break between Thai words (PyThaiNLP), never inside one. The PNG is cached per
page, title and LGO name, so a busy LINE group costs one drawing.
"""

from __future__ import annotations

import hashlib
import io
from functools import cache

from django.core.cache import cache as django_cache

from core.pdf import sarabun_faces

WIDTH, HEIGHT = 1200, 630
BRAND = (29, 79, 145)  # the site's default brand blue (#1d4f91)
MARGIN = 72
CACHE_SECONDS = 7 * 24 * 3600


@cache
def _font_path(weight: int) -> str:
    faces = {(w, style): path for path, w, style in sarabun_faces()}
    return str(faces.get((weight, "normal")) or faces[(400, "normal")])


def _font(size: int, *, bold: bool = False):
    from PIL import ImageFont

    return ImageFont.truetype(_font_path(700 if bold else 400), size, layout_engine=ImageFont.Layout.RAQM)


def wrap_thai(text: str, font, width: int, *, max_lines: int) -> list[str]:
    """`text` in lines no wider than `width`, broken between words (Thai words found by PyThaiNLP's newmm)."""
    from pythainlp.tokenize import word_tokenize

    lines: list[str] = []
    line = ""
    for word in word_tokenize(text, engine="newmm", keep_whitespace=True):
        trial = line + word
        if line and font.getlength(trial) > width:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line = trial
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], lines[max_lines - 1].rstrip() + "…"]
    return lines


def _logo(organization):
    """The LGO's logo as a Pillow image (None without one, or when the file is missing)."""
    from PIL import Image

    logo = getattr(organization, "logo", None)
    if logo is None:
        return None
    try:
        with logo.open_file() as handle:
            image = Image.open(io.BytesIO(handle.read()))
            image.load()
    except (OSError, ValueError):
        return None
    return image.convert("RGBA")


def draw_card(*, title: str, organization_name: str, logo=None) -> bytes:
    """The card as PNG bytes: the LGO's name (and logo) at the top, the page title large below."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    draw = ImageDraw.Draw(image)
    x = MARGIN
    if logo is not None:
        logo.thumbnail((120, 120))
        image.paste(logo, (MARGIN, MARGIN - 10), logo)
        x = MARGIN + logo.width + 32
    name_font = _font(40, bold=True)
    for index, line in enumerate(wrap_thai(organization_name, name_font, WIDTH - x - MARGIN, max_lines=2)):
        draw.text((x, MARGIN - 12 + index * 56), line, font=name_font, fill="white")
    title_font = _font(76, bold=True)
    lines = wrap_thai(title, title_font, WIDTH - 2 * MARGIN, max_lines=3)
    top = HEIGHT - MARGIN - len(lines) * 104 - 20
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * 104), line, font=title_font, fill="white")
    draw.rectangle((0, HEIGHT - 16, WIDTH, HEIGHT), fill=(255, 204, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def card_version(*, title: str, organization) -> str:
    """A short tag of what the card shows (for the cache key and the image URL, so an edit shows a new card)."""
    name = getattr(organization, "name_th", "") or ""
    raw = f"{title}|{name}|{getattr(organization, 'logo_id', '')}"
    return hashlib.blake2b(raw.encode(), digest_size=6).hexdigest()


def card_png(*, page, organization) -> bytes:
    """The share card of `page` (its title, in the language it was written in), cached until it changes."""
    title = page.seo_title or page.title
    key = f"outreach:card:{page.pk}:{card_version(title=title, organization=organization)}"
    png = django_cache.get(key)
    if png is None:
        png = draw_card(title=title, organization_name=getattr(organization, "name_th", "") or "",
                        logo=_logo(organization))
        django_cache.set(key, png, CACHE_SECONDS)
    return png
