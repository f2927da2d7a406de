"""The establishment ceiling: notional annual mid-point salary (NAMS).

Working rule (DOMAIN.md section 4): NAMS of a post is 12 times the monthly salary
at the mid-point of its rank's range; for an even number of points, the mean of
the two middle points. The ceiling covers non-directorate posts only.
"""

from __future__ import annotations

from decimal import Decimal

from .model import PayPoint, Post


class PayScaleError(ValueError):
    """A rank's range names a pay point that the pay scale does not hold."""


def salary_table(pay_scale: list[PayPoint]) -> dict[tuple[str, int], int]:
    return {(p.scale, p.point): p.monthly_salary for p in pay_scale}


def mid_points(min_point: int, max_point: int) -> tuple[int, int]:
    """The middle point, or the two middle points, of a range (inclusive)."""
    low, high = sorted((min_point, max_point))
    return (low + high) // 2, (low + high + 1) // 2


def mid_point_salary(
    post: Post, salaries: dict[tuple[str, int], int]
) -> Decimal | None:
    """Monthly mid-point salary of a non-directorate rank; None for directorate.

    Raises:
        PayScaleError: a middle point is missing from the pay scale.
    """
    if post.directorate or post.min_point is None or post.max_point is None:
        return None
    points = mid_points(post.min_point, post.max_point)
    found = []
    for point in points:
        if (post.scale, point) not in salaries:
            raise PayScaleError(
                f"{post.rank_en}: no salary for {post.scale} point {point}"
            )
        found.append(salaries[(post.scale, point)])
    return Decimal(found[0] + found[1]) / 2


def nams(post: Post, salaries: dict[tuple[str, int], int]) -> Decimal | None:
    """Notional annual mid-point salary of one post of this rank."""
    monthly = mid_point_salary(post, salaries)
    return None if monthly is None else monthly * 12
