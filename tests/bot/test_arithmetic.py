"""Pure arithmetic on plain numbers: no model needed."""

import pytest

from bot.arithmetic import compute


@pytest.mark.parametrize(
    "operation, a, b, value, shown",
    [
        # 162814 / 577295 = 0.28203... -> 28.2%
        ("share", 162814, 577295, 28.2, "162,814 / 577,295 = 28.2%"),
        # later minus earlier: 8000 - 28000 = -20000
        ("difference", 28000, 8000, -20000, "8,000 - 28,000 = -20,000"),
        # (8000 - 28000) / 28000 = -0.71428... -> -71.4%
        ("change", 28000, 8000, -71.4, "(8,000 - 28,000) / 28,000 = -71.4%"),
        ("sum", 414481, 162814, 577295, "414,481 + 162,814 = 577,295"),
        # 414481 / 162814 = 2.5457... -> 2.55
        ("ratio", 414481, 162814, 2.55, "414,481 / 162,814 = 2.55"),
    ],
)
def test_compute(operation, a, b, value, shown):
    result = compute(operation, a, b)
    assert result.value == pytest.approx(value)
    assert result.shown == shown


def test_magnitude_is_positive():
    assert compute("difference", 28000, 8000, magnitude=True).value == 20000
    assert compute("change", 28000, 8000, magnitude=True).value == pytest.approx(71.4)


def test_operands_keep_their_written_form():
    assert compute("difference", 28000, 8000, "nearly 28,000", "just under 8,000").shown == (
        "just under 8,000 - nearly 28,000 = -20,000"
    )


@pytest.mark.parametrize("operation", ["share", "change", "ratio"])
def test_division_by_zero_is_refused(operation):
    with pytest.raises(ZeroDivisionError):
        compute(operation, 5, 0) if operation != "change" else compute(operation, 0, 5)


def test_unknown_operation_lists_valid_names():
    with pytest.raises(ValueError, match="share, difference, change, sum, ratio"):
        compute("median", 1, 2)
