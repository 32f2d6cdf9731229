"""WCAG 2.x contrast between two sRGB colours, with no Qt: the colour table is checked with it.

https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio: (L1 + 0.05) / (L2 + 0.05), L the relative
luminance of the lighter and the darker colour. AA asks 4.5:1 for normal text.
"""

AA_TEXT = 4.5


def rgb(hex_color: str) -> tuple[int, int, int]:
    """'#d49a00' (or 'd49a00') as (212, 154, 0)."""
    h = hex_color.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"Not a #rrggbb colour: {hex_color!r}")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def hex_of(r: float, g: float, b: float) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, round(c))) for c in (r, g, b)))


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_color: str) -> float:
    """Relative luminance, 0 (black) to 1 (white)."""
    r, g, b = (_linear(c) for c in rgb(hex_color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(foreground: str, background: str) -> float:
    """The contrast ratio, 1 (none) to 21 (black on white); symmetric."""
    a, b = luminance(foreground), luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def mix(color: str, alpha: float, base: str) -> str:
    """`color` laid over `base` at `alpha` (0-1), as an opaque colour (what tint() paints)."""
    c, b = rgb(color), rgb(base)
    return hex_of(*(b[i] * (1 - alpha) + c[i] * alpha for i in range(3)))


def best_ink(background: str, inks: tuple[str, ...] = ("#000000", "#ffffff")) -> str:
    """Whichever ink reads best on `background` (black or white unless told)."""
    return max(inks, key=lambda ink: ratio(ink, background))


def readable_variant(hue: str, backgrounds: list[str], target: float = AA_TEXT) -> str:
    """`hue` mixed towards black (light backgrounds) or white (dark ones) in 2 % steps until it
    reaches `target` on every background: how core.colors.TEXT was made."""
    dark_ground = sum(luminance(b) for b in backgrounds) / len(backgrounds) < 0.18
    towards = "#ffffff" if dark_ground else "#000000"
    for step in range(51):
        candidate = mix(towards, step / 50, hue)
        if min(ratio(candidate, b) for b in backgrounds) >= target:
            return candidate
    return towards
