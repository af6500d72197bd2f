"""Regression-metric cases for test/fixtures/evidently/regression.json (data only).

Targets and predictions are fed to Evidently as two numerical columns of one Dataset; the
expected values come from RegressionPreset. Random values are rounded to 6 significant digits
before Evidently sees them (see drift_column_cases.sig6).
"""

from dataclasses import dataclass
from typing import List

import numpy as np

from drift_column_cases import INF, NAN, rng_for, sig6


@dataclass
class RegressionCase:
    id: str
    target: list
    prediction: list


def fixed_cases() -> List[RegressionCase]:
    return [
        RegressionCase("spec-example", [2, 4, 5], [2.5, 3, 5]),
        # zero target -> MAPE near-zero "replace" handling (0.7.21); negative target -> divided by eps
        RegressionCase("spec-zero-and-negative-target", [0, 2, 4, 5, -3], [1, 2.5, 3, 5, -2]),
        RegressionCase("constant-target-perfect-fit-r2-1", [3, 3, 3, 3], [3, 3, 3, 3]),
        RegressionCase("constant-target-imperfect-fit-r2-0", [3, 3, 3, 3], [3, 4, 2.5, 3]),
        RegressionCase("perfect-fit", [1.5, 2, 7, 10], [1.5, 2, 7, 10]),
        RegressionCase("two-rows", [1, 2], [1.5, 2]),
        RegressionCase("two-rows-constant-target", [5, 5], [4, 7]),
        RegressionCase("one-row-std-and-r2-nan", [4], [6]),
        RegressionCase("negative-r2", [1, 2, 3, 4], [4, 3, 2, 1]),
        # rows with NaN or +-inf in target or prediction are dropped
        RegressionCase("nan-and-inf-rows-dropped", [1, NAN, 2, INF, 4, 6, -INF, 8], [1.5, 2, INF, 3, 3, NAN, 1, 7]),
        RegressionCase("nan-rows-leave-one-row", [NAN, 3, 5], [1, 2, NAN]),
        # (an all-zero target is not a case: Evidently 0.7.21 raises IndexError in the dummy-MAPE
        # baseline of RegressionQualityMetric, before any metric value exists)
        RegressionCase("mostly-zero-target", [0, 0, 3], [0, 1, 2]),
        RegressionCase("tiny-positive-target-above-eps", [1e-12, 1, 2], [2e-12, 1, 2.5]),
    ]


RANDOM_SIZES = [3, 4, 5, 8, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]


def _random_target(rng: np.random.Generator, n: int, kind: str) -> np.ndarray:
    if kind == "positive":  # demand-like, strictly positive
        return np.exp(rng.normal(4.0, 1.0, n))
    if kind == "counts":  # integer counts including zeros (MAPE near-zero handling)
        return rng.poisson(3.0, n).astype(float)
    if kind == "signed":  # negative targets: MAPE divides by eps
        return rng.normal(0.0, 10.0, n)
    raise ValueError(kind)


def random_cases(count: int = 30) -> List[RegressionCase]:
    kinds = ["positive", "positive", "counts", "signed"]
    cases = []
    for i in range(count):
        rng = rng_for("regression", i)
        n = RANDOM_SIZES[i % len(RANDOM_SIZES)]
        kind = kinds[i % len(kinds)]
        target = np.array(sig6(_random_target(rng, n, kind)))
        noise = float(rng.choice([0.01, 0.1, 0.5, 2.0]))
        bias = float(rng.choice([0.0, 0.0, 0.2, -0.3]))
        scale = np.std(target) if n > 1 and np.std(target) > 0 else 1.0
        prediction = sig6(target + scale * (bias + noise * rng.normal(size=n)))
        cases.append(RegressionCase(f"rand-{kind}-n{n}-{i:03d}", [float(v) for v in target], prediction))
    return cases
