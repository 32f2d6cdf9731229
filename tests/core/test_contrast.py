"""WCAG contrast: the formula at known points, and every text-on-colour pair of the colour table."""

import pytest

from csplanner.core import colors
from csplanner.core.contrast import AA_TEXT, best_ink, luminance, mix, ratio, readable_variant


def test_the_formula_at_known_points():
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#777777", "#777777") == 1.0
    assert ratio("#ffffff", "#767676") == pytest.approx(4.54, abs=0.01)  # the classic lightest AA grey
    assert ratio("#ffffff", "#d49a00") == pytest.approx(2.49, abs=0.01)  # the old race gold, as measured
    assert ratio("#ffffff", "#129c9c") == pytest.approx(3.35, abs=0.01)
    assert ratio("#ffffff", "#2e9e55") == pytest.approx(3.42, abs=0.01)
    assert ratio("#2e9e55", "#ffffff") == ratio("#ffffff", "#2e9e55")
    assert luminance("#ffffff") == 1.0 and luminance("#000000") == 0.0
    assert mix("#ff0000", 0.5, "#ffffff") == "#ff8080"
    assert best_ink("#d49a00") == "#000000" and best_ink("#2f6fd6") == "#ffffff"
    variant = readable_variant("#d49a00", ["#ffffff", "#efefef"])
    assert min(ratio(variant, "#ffffff"), ratio(variant, "#efefef")) >= AA_TEXT
    with pytest.raises(ValueError):
        ratio("gold", "#ffffff")


@pytest.mark.parametrize("palette", [colors.LIGHT, colors.DARK])
def test_every_text_on_colour_pair_reaches_aa(palette):
    pairs = colors.text_pairs(palette)
    assert len(pairs) > 80  # run types, statuses, severities, health, phases, chips, bars, tags
    weak = [f"{where}: {fg} on {bg} {ratio(fg, bg):.2f}:1" for where, fg, bg in pairs if ratio(fg, bg) < AA_TEXT]
    assert weak == []


def test_the_three_measured_hues_read_as_text_and_carry_text():
    for hue in (colors.RUN[colors.RunType.RACE], colors.RUN[colors.RunType.SPRINT], colors.DONE):
        assert ratio(colors.as_text(hue), "#ffffff") >= AA_TEXT  # coloured words on paper
        assert ratio(colors.as_text(hue, colors.DARK), colors.SURFACE[colors.DARK].base) >= AA_TEXT
        assert ratio(colors.ink_on(hue), hue) >= AA_TEXT  # words on a filled chip
    assert colors.ink_on(colors.RUN[colors.RunType.RACE]) == "#111111"  # dark ink on gold, not white
