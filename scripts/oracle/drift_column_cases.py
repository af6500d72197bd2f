"""Single-column drift cases for test/fixtures/evidently/drift-columns.json.

Three groups:
- the spec's unit vectors T1..T8 (section 3.9), one case per listed method;
- seeded random column pairs, one builder per regime of the default-method table (section 0)
  plus explicit methods and explicit thresholds;
- edge cases (boundaries of the selection table, binning switch, KS paths, NaN/inf, ...).

Randomness: every builder draws from `numpy.random.default_rng([RANDOM_SEED, crc32(regime), i])`,
so each case is reproducible on its own and adding a case never changes the others.
Random floats are rounded to 6 significant digits *before* they are given to Evidently, so the
fixture stores exactly the values Evidently saw.
"""

import zlib
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence

import numpy as np

RANDOM_SEED = 20250407

NAN = float("nan")
INF = float("inf")


@dataclass
class DriftCase:
    id: str
    column_type: str  # "num" | "cat"
    reference: list
    current: list
    method: Optional[str] = None  # None = Evidently's default choice
    threshold: Optional[float] = None  # None = the test's default
    # Method Evidently must resolve to; asserted after the run so a mislabelled regime is caught.
    expect_method: Optional[str] = None


# ---------------------------------------------------------------------------------------------
# Value generators (all return plain Python lists)


def rng_for(regime: str, i: int) -> np.random.Generator:
    return np.random.default_rng([RANDOM_SEED, zlib.crc32(regime.encode()), i])


def sig6(values) -> list:
    """Round to 6 significant digits; the result's repr is the short decimal stored in JSON."""
    return [float(f"{v:.6g}") for v in np.asarray(values, dtype=float)]


CONTINUOUS_KINDS = ["normal", "lognormal", "uniform", "ties"]
SHIFTS = [0.0, 0.0, 0.05, 0.1, 0.2, 0.5, 1.0]


def continuous(rng: np.random.Generator, n: int, kind: str, shift: float = 0.0, scale: float = 1.0) -> list:
    if kind == "normal":
        x = rng.normal(shift, scale, n)
    elif kind == "lognormal":
        x = np.exp(rng.normal(shift, 0.5 * scale, n))
    elif kind == "uniform":
        x = rng.uniform(shift, shift + 3.0 * scale, n)
    elif kind == "ties":  # one decimal: many repeated values, exercises KS/Wasserstein ties
        x = np.round(rng.normal(shift, scale, n), 1)
    else:
        raise ValueError(kind)
    return sig6(x)


def probabilities(rng: np.random.Generator, k: int) -> np.ndarray:
    """Random probabilities, none below 0.5/k (so small samples still see every value)."""
    return 0.5 * rng.dirichlet(np.ones(k)) + 0.5 / k


def perturbed(rng: np.random.Generator, p: np.ndarray) -> np.ndarray:
    """Current-data probabilities: the reference ones, moved by a random amount (maybe none)."""
    eps = float(rng.choice([0.0, 0.0, 0.05, 0.15, 0.4]))
    return (1.0 - eps) * p + eps * rng.dirichlet(np.ones(len(p)))


def discrete(rng: np.random.Generator, n: int, values: Sequence, p: np.ndarray) -> list:
    idx = rng.choice(len(values), size=n, p=p / p.sum())
    return [values[j] for j in idx]


def category_values(rng: np.random.Generator, k: int, as_strings: bool) -> list:
    """k category labels: short strings, or integer codes (numeric-coded categories)."""
    if as_strings:
        return [f"c{j}" for j in range(k)]
    return sorted(int(v) for v in rng.choice(np.arange(0, 50), size=k, replace=False))


def numeric_levels(rng: np.random.Generator, k: int) -> list:
    """k distinct float levels (6 significant digits) for low-cardinality numerical columns."""
    while True:
        levels = sorted(set(sig6(rng.uniform(-10.0, 10.0, k))))
        if len(levels) == k:
            return levels


def sized(rng: np.random.Generator, lo: int, hi: int) -> int:
    return int(rng.integers(lo, hi + 1))


# ---------------------------------------------------------------------------------------------
# Spec section 3.9 vectors (data only; the expected values come from running Evidently)


def mod_sequence(n: int, mul: int, mod: int, offset: float = 0.0) -> list:
    return [(i * mul % mod) / 10 + offset for i in range(n)]


def spec_vectors() -> List[DriftCase]:
    t1 = (list(range(1, 11)), list(range(3, 15)))
    t2 = (list("aaaaabbbcc"), list("aabbccccd"))
    t3 = (["a"] * 50 + ["b"] * 30 + ["c"] * 20, ["a"] * 40 + ["b"] * 35 + ["c"] * 25)
    t4 = ([0] * 30 + [1] * 10, [0] * 15 + [1] * 15)
    t6 = ([1, 2, 3, 4, 5] * 20, [1, 1, 2, 3, 5, 5, 5] * 10)
    t7 = (mod_sequence(1200, 37, 101), mod_sequence(800, 53, 97, 0.5))
    t8 = (mod_sequence(600, 37, 101), mod_sequence(15000, 53, 97, 0.5))
    plan = [
        ("T1", "num", t1, [None, "wasserstein", "psi", "jensenshannon"]),
        ("T2", "cat", t2, [None, "jensenshannon", "psi"]),
        ("T3", "cat", t3, ["chisquare", "jensenshannon", "psi"]),
        ("T4", "cat", t4, [None, "z"]),
        ("T4", "num", t4, [None]),  # "cat or num": on a numerical column z is reachable only by default
        ("T6", "num", t6, [None, "jensenshannon", "psi"]),
        ("T7", "num", t7, [None, "ks", "psi", "jensenshannon"]),
        ("T8", "num", t8, [None]),
    ]
    cases = []
    for name, ctype, (ref, cur), methods in plan:
        for method in methods:
            suffix = method or "auto"
            if name == "T4":
                suffix += f"-{ctype}"
            cases.append(DriftCase(f"{name}-{suffix}", ctype, ref, cur, method))
    return cases


# Values printed in the spec's table (section 3.9), used only to report agreement on stdout;
# they never enter a fixture.
SPEC_TABLE_VALUES: Dict[str, float] = {
    "T1-auto": 0.4769564800524554,
    "T1-wasserstein": 1.0444659357341872,
    "T1-psi": 3.6436001128870097,
    "T1-jensenshannon": 0.4334440436900658,
    "T2-auto": 0.0,
    "T2-jensenshannon": 0.30429569168580817,
    "T2-psi": 1.2223244085955491,
    "T3-chisquare": 0.12981217685543797,
    "T3-jensenshannon": 0.07167825088993708,
    "T3-psi": 0.04117906668849436,
    "T4-z-cat": 0.03075356125927442,
    "T6-auto": 1.6832692023887123e-07,
    "T6-jensenshannon": 0.3149024671184244,
    "T6-psi": 1.762649950081783,
    "T7-auto": 0.09980558931024455,
    "T7-ks": 0.1771413654589341,
    "T7-psi": 0.03569972736007127,
    "T7-jensenshannon": 0.0661733593255325,
    "T8-auto": 0.10797532939323073,
}


# ---------------------------------------------------------------------------------------------
# Random regimes of the default-method table (spec section 0)


def rand_num_small_many(count: int = 36) -> List[DriftCase]:
    """n_ref <= 1000, numerical, > 5 distinct -> K-S (some equal sizes: square path)."""
    cases = []
    for i in range(count):
        rng = rng_for("num-small-many", i)
        kind = CONTINUOUS_KINDS[i % len(CONTINUOUS_KINDS)]
        n_ref = sized(rng, 10, 1000)
        n_cur = n_ref if i % 6 == 0 else sized(rng, 10, 3000)
        shift = float(rng.choice(SHIFTS))
        ref = continuous(rng, n_ref, kind)
        cur = continuous(rng, n_cur, kind, shift)
        tag = f"{kind}{'-equal' if n_ref == n_cur else ''}"
        cases.append(DriftCase(f"rand-num-small-many-{i:03d}-{tag}", "num", ref, cur, expect_method="ks"))
    return cases


def rand_num_small_few(count: int = 15) -> List[DriftCase]:
    """n_ref <= 1000, numerical, 3..5 distinct -> chi-square on the raw numbers."""
    cases = []
    for i in range(count):
        rng = rng_for("num-small-few", i)
        k = 3 + i % 3
        levels = numeric_levels(rng, k)
        p = probabilities(rng, k)
        ref = discrete(rng, sized(rng, 30, 1000), levels, p)
        cur = discrete(rng, sized(rng, 30, 2000), levels, perturbed(rng, p))
        cases.append(DriftCase(f"rand-num-small-few-{i:03d}-k{k}", "num", ref, cur, expect_method="chisquare"))
    return cases


def rand_num_small_binary(count: int = 12) -> List[DriftCase]:
    """n_ref <= 1000, numerical, <= 2 distinct -> Z-test on the raw numbers."""
    cases = []
    for i in range(count):
        rng = rng_for("num-small-binary", i)
        levels = numeric_levels(rng, 2)
        p = probabilities(rng, 2)
        ref = discrete(rng, sized(rng, 10, 1000), levels, p)
        cur = discrete(rng, sized(rng, 10, 2000), levels, perturbed(rng, p))
        cases.append(DriftCase(f"rand-num-small-binary-{i:03d}", "num", ref, cur, expect_method="z"))
    return cases


def rand_categorical(regime: str, count: int, k_range: tuple, ref_range: tuple, cur_range: tuple, method: str) -> List[DriftCase]:
    """Categorical pairs; even i -> string labels, odd i -> integer codes."""
    cases = []
    for i in range(count):
        rng = rng_for(regime, i)
        as_strings = i % 2 == 0
        k = sized(rng, *k_range)
        labels = category_values(rng, k, as_strings)
        p = probabilities(rng, k)
        ref = discrete(rng, sized(rng, *ref_range), labels, p)
        cur = discrete(rng, sized(rng, *cur_range), labels, perturbed(rng, p))
        kind = "str" if as_strings else "int"
        cases.append(DriftCase(f"rand-{regime}-{kind}-{i:03d}-k{k}", "cat", ref, cur, expect_method=method))
    return cases


def rand_num_large_many(count: int = 22) -> List[DriftCase]:
    """n_ref > 1000, numerical, > 5 distinct -> normed Wasserstein."""
    cases = []
    for i in range(count):
        rng = rng_for("num-large-many", i)
        n_ref, n_cur = sized(rng, 1001, 3000), sized(rng, 50, 3000)
        if i % 5 == 4:  # 6..15 distinct levels: still Wasserstein (needs > 5)
            k = sized(rng, 6, 15)
            levels, p = numeric_levels(rng, k), probabilities(rng, k)
            ref, cur = discrete(rng, n_ref, levels, p), discrete(rng, n_cur, levels, perturbed(rng, p))
            tag = f"levels{k}"
        else:
            tag = CONTINUOUS_KINDS[i % len(CONTINUOUS_KINDS)]
            shift = float(rng.choice(SHIFTS))
            ref, cur = continuous(rng, n_ref, tag), continuous(rng, n_cur, tag, shift)
        cases.append(DriftCase(f"rand-num-large-many-{i:03d}-{tag}", "num", ref, cur, expect_method="wasserstein"))
    return cases


def rand_num_large_few(count: int = 10) -> List[DriftCase]:
    """n_ref > 1000, numerical, <= 5 distinct -> Jensen-Shannon (one bin per value)."""
    cases = []
    for i in range(count):
        rng = rng_for("num-large-few", i)
        k = 1 + i % 5
        levels, p = numeric_levels(rng, k), probabilities(rng, k)
        ref = discrete(rng, sized(rng, 1001, 3000), levels, p)
        cur = discrete(rng, sized(rng, 50, 3000), levels, perturbed(rng, p))
        cases.append(DriftCase(f"rand-num-large-few-{i:03d}-k{k}", "num", ref, cur, expect_method="jensenshannon"))
    return cases


# ---------------------------------------------------------------------------------------------
# Explicit methods and explicit thresholds


def _explicit_data(rng: np.random.Generator, shape: str) -> tuple:
    """(column_type, reference, current, tag) for one of the data shapes used with explicit methods."""
    if shape in ("num-small", "num-large"):
        n_ref = sized(rng, 20, 1000) if shape == "num-small" else sized(rng, 1001, 2500)
        kind = CONTINUOUS_KINDS[int(rng.integers(0, 3))]  # no "ties": keep > 20 distinct (Sturges bins)
        shift = float(rng.choice(SHIFTS))
        return "num", continuous(rng, n_ref, kind), continuous(rng, sized(rng, 20, 2500), kind, shift), shape
    if shape == "num-levels":  # <= 20 distinct reference values: one bin per value for JS/PSI
        k = sized(rng, 3, 20)
        levels, p = numeric_levels(rng, k), probabilities(rng, k)
        return "num", discrete(rng, sized(rng, 20, 1500), levels, p), discrete(rng, sized(rng, 20, 1500), levels, perturbed(rng, p)), f"levels{k}"
    if shape.startswith("cat-"):  # cat-{str,int}[-2][-big]: -2 = two categories, -big = n_ref > 1000
        big = shape.endswith("-big")
        k = 2 if "-2" in shape else sized(rng, 3, 8)
        labels = category_values(rng, k, shape.startswith("cat-str"))
        p = probabilities(rng, k)
        ref = discrete(rng, sized(rng, 1001, 2500) if big else sized(rng, 20, 1000), labels, p)
        tag = f"{shape[:7]}{'-big' if big else ''}-k{k}"
        return "cat", ref, discrete(rng, sized(rng, 20, 1500), labels, perturbed(rng, p)), tag
    raise ValueError(shape)


EXPLICIT_SHAPES: Dict[str, List[str]] = {
    "ks": ["num-small", "num-small", "num-small", "num-large", "num-large", "num-levels", "num-levels", "num-small"],
    "wasserstein": ["num-small", "num-small", "num-small", "num-large", "num-large", "num-levels", "num-levels", "num-large"],
    "jensenshannon": ["num-small", "num-large", "num-large", "num-levels", "num-levels", "cat-str", "cat-int-big", "cat-str-2"],
    "psi": ["num-small", "num-large", "num-large", "num-levels", "num-levels", "cat-str-big", "cat-int", "cat-int-2"],
    "chisquare": ["cat-int", "cat-int", "cat-int-big", "cat-int-2", "cat-str", "cat-str", "cat-str-big", "cat-str-2"],
    "z": ["cat-int-2", "cat-int-2", "cat-int-2", "cat-int-2-big", "cat-str-2", "cat-str-2", "cat-str-2", "cat-str-2-big"],
}


def rand_explicit_methods() -> List[DriftCase]:
    cases = []
    for method, shapes in EXPLICIT_SHAPES.items():
        for i, shape in enumerate(shapes):
            rng = rng_for(f"explicit-{method}", i)
            ctype, ref, cur, tag = _explicit_data(rng, shape)
            cases.append(DriftCase(f"rand-explicit-{method}-{i:03d}-{tag}", ctype, ref, cur, method, expect_method=method))
    return cases


# (method or None, data shape, threshold, method Evidently should use)
THRESHOLD_PLAN = [
    (None, "num-small", 0.01, "ks"),
    (None, "num-small", 0.2, "ks"),
    (None, "num-small", 0.5, "ks"),
    (None, "cat-int", 0.1, "chisquare"),
    (None, "cat-str", 0.001, "chisquare"),
    (None, "cat-str-2", 0.2, "z"),
    (None, "cat-int-2", 0.01, "z"),
    (None, "num-large", 0.05, "wasserstein"),
    (None, "num-large", 0.3, "wasserstein"),
    ("jensenshannon", "num-large", 0.05, "jensenshannon"),
    ("jensenshannon", "cat-str", 0.2, "jensenshannon"),
    ("psi", "num-small", 0.2, "psi"),
    ("psi", "cat-int", 0.05, "psi"),
    ("ks", "num-large", 0.1, "ks"),
    ("wasserstein", "num-small", 0.25, "wasserstein"),
    ("chisquare", "cat-int", 0.2, "chisquare"),
    ("z", "cat-str-2", 0.1, "z"),
]


def rand_explicit_thresholds() -> List[DriftCase]:
    cases = []
    for i, (method, shape, threshold, expect) in enumerate(THRESHOLD_PLAN):
        rng = rng_for("threshold", i)
        ctype, ref, cur, tag = _explicit_data(rng, shape)
        cases.append(DriftCase(f"rand-threshold-{i:03d}-{method or 'auto'}-{threshold:g}-{tag}", ctype, ref, cur, method, threshold, expect))
    return cases


# ---------------------------------------------------------------------------------------------
# Edge cases


def edge_selection_boundaries() -> List[DriftCase]:
    """Reference size 1000/1001 (after cleaning) and n_unique 2/3, 5/6 (ref and cur combined)."""
    cases = []
    rng = rng_for("edge-sizes", 0)
    cases.append(DriftCase("edge-nref-1000-num-ks", "num", continuous(rng, 1000, "normal"), continuous(rng, 700, "normal", 0.1), expect_method="ks"))
    cases.append(DriftCase("edge-nref-1001-num-wasserstein", "num", continuous(rng, 1001, "normal"), continuous(rng, 700, "normal", 0.1), expect_method="wasserstein"))
    # 1003 raw rows with 3 NaN -> 1000 after cleaning -> still the small-reference (K-S) branch
    raw = continuous(rng, 1000, "normal")
    cases.append(DriftCase("edge-nref-1000-after-dropping-nan-ks", "num", raw[:500] + [NAN, INF, -INF] + raw[500:], continuous(rng, 300, "normal"), expect_method="ks"))
    levels, p = numeric_levels(rng, 4), probabilities(rng, 4)
    cases.append(DriftCase("edge-nref-1000-num-4values-chisquare", "num", discrete(rng, 1000, levels, p), discrete(rng, 400, levels, p), expect_method="chisquare"))
    cases.append(DriftCase("edge-nref-1001-num-4values-jensenshannon", "num", discrete(rng, 1001, levels, p), discrete(rng, 400, levels, p), expect_method="jensenshannon"))
    labels = category_values(rng, 4, True)
    cases.append(DriftCase("edge-nref-1000-cat-chisquare", "cat", discrete(rng, 1000, labels, p), discrete(rng, 400, labels, perturbed(rng, p)), expect_method="chisquare"))
    cases.append(DriftCase("edge-nref-1001-cat-jensenshannon", "cat", discrete(rng, 1001, labels, p), discrete(rng, 400, labels, perturbed(rng, p)), expect_method="jensenshannon"))

    def n_unique_case(name, ref_levels, cur_levels, ctype, expect):
        r = rng_for("edge-nunique", len(cases))
        ref = discrete(r, 200, ref_levels, np.ones(len(ref_levels)))
        cur = discrete(r, 150, cur_levels, np.ones(len(cur_levels)))
        cases.append(DriftCase(name, ctype, ref, cur, expect_method=expect))

    nums = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5]
    n_unique_case("edge-nunique-5-num-chisquare", nums[:5], nums[:5], "num", "chisquare")
    n_unique_case("edge-nunique-6-num-ks", nums[:6], nums[:6], "num", "ks")
    n_unique_case("edge-nunique-5ref-plus-1cur-num-ks", nums[:5], nums[1:6], "num", "ks")  # union counts
    n_unique_case("edge-nunique-2-num-z", nums[:2], nums[:2], "num", "z")
    n_unique_case("edge-nunique-3-num-chisquare", nums[:3], nums[:3], "num", "chisquare")
    n_unique_case("edge-nunique-2ref-plus-1cur-num-chisquare", nums[:2], nums[1:3], "num", "chisquare")
    n_unique_case("edge-nunique-2-cat-z", ["x", "y"], ["x", "y"], "cat", "z")
    n_unique_case("edge-nunique-3-cat-chisquare", ["x", "y", "z"], ["x", "y", "z"], "cat", "chisquare")
    n_unique_case("edge-nunique-6-cat-chisquare", list("abcdef"), list("abcdef"), "cat", "chisquare")
    return cases


def edge_categories() -> List[DriftCase]:
    """New category in current, single-value columns, |z| > 8.3, explicit tests off their default range."""
    rng = rng_for("edge-categories", 0)
    p3 = np.array([0.5, 0.3, 0.2])
    return [
        DriftCase("edge-new-category-str-chisquare-p0", "cat", discrete(rng, 300, ["a", "b", "c"], p3), discrete(rng, 200, ["a", "b", "c"], p3) + ["new"], expect_method="chisquare"),
        DriftCase("edge-new-category-int-chisquare-p0", "cat", discrete(rng, 300, [1, 2, 3], p3), discrete(rng, 200, [1, 2, 3, 4], np.array([0.4, 0.3, 0.2, 0.1])), expect_method="chisquare"),
        DriftCase("edge-category-only-in-reference-chisquare", "cat", discrete(rng, 300, [1, 2, 3, 4], np.array([0.4, 0.3, 0.2, 0.1])), discrete(rng, 200, [1, 2, 3], p3), expect_method="chisquare"),
        DriftCase("edge-single-value-identical-cat-z-p1", "cat", ["same"] * 50, ["same"] * 70, expect_method="z"),
        DriftCase("edge-single-value-identical-num-z-p1", "num", [7.25] * 50, [7.25] * 70, expect_method="z"),
        DriftCase("edge-single-value-different-num-z", "num", [1.0] * 40, [2.0] * 30, expect_method="z"),
        DriftCase("edge-single-value-different-cat-z", "cat", ["a"] * 12, ["b"] * 9, expect_method="z"),
        DriftCase("edge-z-abs-above-8.3-p0-cat", "cat", [0] * 900 + [1] * 100, [0] * 100 + [1] * 900, expect_method="z"),
        DriftCase("edge-z-abs-above-8.3-p0-num", "num", [0.0] * 700 + [1.0] * 300, [0.0] * 250 + [1.0] * 350, expect_method="z"),
        # |z| about 8.0 and 7.5: p is tiny but not 0, and 1 - ndtr(|z|) loses most of its digits
        DriftCase("edge-z-abs-8.0-tiny-p", "cat", [0] * 500 + [1] * 500, [0] * 325 + [1] * 675, expect_method="z"),
        DriftCase("edge-z-abs-7.5-tiny-p", "cat", [0] * 500 + [1] * 500, [0] * 336 + [1] * 664, expect_method="z"),
        DriftCase("edge-z-explicit-3-categories", "cat", discrete(rng, 200, ["a", "b", "c"], p3), discrete(rng, 150, ["a", "b", "c"], p3[::-1].copy()), "z", expect_method="z"),
        DriftCase("edge-chisquare-explicit-2-categories", "cat", discrete(rng, 200, [0, 1], np.array([0.3, 0.7])), discrete(rng, 150, [0, 1], np.array([0.4, 0.6])), "chisquare", expect_method="chisquare"),
        DriftCase("edge-jensenshannon-disjoint-support", "cat", [1] * 30 + [2] * 20, [3] * 25 + [4] * 25, "jensenshannon", expect_method="jensenshannon"),
        DriftCase("edge-psi-identical-distribution", "cat", ["a", "b", "b", "c"] * 25, ["a", "b", "b", "c"] * 10, "psi", expect_method="psi"),
    ]


def edge_missing_values() -> List[DriftCase]:
    """NaN / +inf / -inf are removed before any test (ValueDrift path)."""
    rng = rng_for("edge-missing", 0)

    def sprinkle(values: list, extras: list) -> list:
        out = list(values)
        for j, extra in enumerate(extras):
            out.insert((j * 7919) % (len(out) + 1), extra)
        return out

    dirt = [NAN, INF, -INF, NAN, INF]
    p4 = np.array([0.4, 0.3, 0.2, 0.1])
    ref_num, cur_num = continuous(rng, 300, "normal"), continuous(rng, 250, "normal", 0.2)
    big_ref, big_cur = continuous(rng, 1200, "lognormal"), continuous(rng, 600, "lognormal", 0.1)
    return [
        DriftCase("edge-nan-inf-num-ks", "num", sprinkle(ref_num, dirt), sprinkle(cur_num, dirt[:3]), expect_method="ks"),
        DriftCase("edge-inf-only-num-ks", "num", sprinkle(ref_num, [INF, -INF]), cur_num, expect_method="ks"),
        DriftCase("edge-nan-inf-num-wasserstein", "num", sprinkle(big_ref, dirt), sprinkle(big_cur, dirt), expect_method="wasserstein"),
        DriftCase("edge-nan-inf-num-psi", "num", sprinkle(ref_num, dirt), sprinkle(cur_num, dirt), "psi", expect_method="psi"),
        DriftCase("edge-nan-inf-num-jensenshannon", "num", sprinkle(big_ref, dirt), sprinkle(big_cur, dirt), "jensenshannon", expect_method="jensenshannon"),
        DriftCase("edge-nan-num-few-values-chisquare", "num", sprinkle(discrete(rng, 200, [1.0, 2.0, 3.0], p4[:3]), [NAN, NAN]), sprinkle(discrete(rng, 100, [1.0, 2.0, 3.0], p4[:3]), [NAN]), expect_method="chisquare"),
        DriftCase("edge-nan-cat-int-chisquare", "cat", sprinkle(discrete(rng, 200, [1, 2, 3, 4], p4), [NAN, NAN, INF]), sprinkle(discrete(rng, 150, [1, 2, 3, 4], p4), [NAN]), expect_method="chisquare"),
        DriftCase("edge-none-cat-str-chisquare", "cat", sprinkle(discrete(rng, 200, ["a", "b", "c"], p4[:3]), [None, None]), sprinkle(discrete(rng, 150, ["a", "b", "c"], p4[:3]), [None]), expect_method="chisquare"),
        # 3 values + NaN in the reference: NaN is not a value, so n_unique = 2 -> Z-test
        DriftCase("edge-nan-not-counted-as-value-z", "cat", sprinkle(discrete(rng, 100, [0, 1], p4[:2]), [NAN] * 4), discrete(rng, 80, [0, 1], p4[:2]), expect_method="z"),
    ]


def edge_binning() -> List[DriftCase]:
    """Jensen-Shannon / PSI binning: 20 vs 21 distinct reference values, Sturges with N = 2^k."""
    cases = []
    for n_levels in (20, 21):
        rng = rng_for("edge-binning", n_levels)
        levels = numeric_levels(rng, n_levels)
        p = probabilities(rng, n_levels)
        ref = levels + discrete(rng, 300, levels, p)  # every level present in the reference
        cur = discrete(rng, 250, levels, perturbed(rng, p))
        for method in ("jensenshannon", "psi"):
            cases.append(DriftCase(f"edge-ref-{n_levels}-distinct-{method}", "num", ref, cur, method, expect_method=method))
    # 20 distinct in reference but extra values only in current: still one bin per value (union)
    rng = rng_for("edge-binning", 0)
    levels = numeric_levels(rng, 24)
    ref = levels[:20] + discrete(rng, 200, levels[:20], np.ones(20))
    cur = discrete(rng, 150, levels, np.ones(24))
    for method in ("jensenshannon", "psi"):
        cases.append(DriftCase(f"edge-ref-20-distinct-cur-24-{method}", "num", ref, cur, method, expect_method=method))
    # Sturges bin count when the combined size N is a power of two
    for total, n_ref in ((512, 300), (1024, 1000), (2048, 1500), (4096, 2500)):
        rng = rng_for("edge-sturges", total)
        ref = continuous(rng, n_ref, "normal")
        cur = continuous(rng, total - n_ref, "normal", 0.1)
        for method in ("jensenshannon", "psi"):
            cases.append(DriftCase(f"edge-sturges-n{total}-{method}", "num", ref, cur, method, expect_method=method))
    # PSI zero filling: both branches (min non-zero share <= 1e-4, and > 1e-4)
    rng = rng_for("edge-psi-zero-fill", 0)
    ref = [0] * 5000 + [1] * 3000 + [2] * 2000 + [3]  # share of 3 is 1/10001 < 1e-4
    cur = discrete(rng, 2000, [0, 1, 2, 4], np.array([0.5, 0.3, 0.15, 0.05]))  # 3 absent, 4 new
    cases.append(DriftCase("edge-psi-zero-fill-both-branches", "cat", ref, cur, "psi", expect_method="psi"))
    cases.append(DriftCase("edge-jensenshannon-zero-share-no-fill", "cat", ref, cur, "jensenshannon", expect_method="jensenshannon"))
    return cases


def edge_wasserstein() -> List[DriftCase]:
    rng = rng_for("edge-wasserstein", 0)
    same = continuous(rng, 1500, "normal")
    return [
        DriftCase("edge-wasserstein-identical-zero", "num", same, list(same), expect_method="wasserstein"),
        # std(reference) = 0 -> the norm is floored at 0.001
        DriftCase("edge-wasserstein-constant-reference", "num", [5.0] * 1200, sig6(5.0 + 0.01 * rng.normal(size=300)), "wasserstein", expect_method="wasserstein"),
    ]


def edge_ks() -> List[DriftCase]:
    """K-S: square path, ties, p = 1, exact path for unequal sizes up to 10000, asymptotic above."""
    cases = []
    for n in (10, 100, 500, 1000):
        rng = rng_for("edge-ks-square", n)
        cases.append(DriftCase(f"edge-ks-equal-sizes-{n}", "num", continuous(rng, n, "normal"), continuous(rng, n, "normal", 0.15), expect_method="ks"))
    rng = rng_for("edge-ks", 0)
    same = continuous(rng, 400, "uniform")
    cases.append(DriftCase("edge-ks-identical-p1", "num", same, list(same), expect_method="ks"))
    cases.append(DriftCase("edge-ks-heavy-ties", "num", discrete(rng, 800, [float(v) for v in range(8)], np.ones(8)), discrete(rng, 900, [float(v) for v in range(9)], np.ones(9)), expect_method="ks"))
    exact = [(999, 10000, 0.02), (1000, 10000, 0.0), (1000, 5000, 0.05), (37, 9999, 0.3), (500, 501, 0.1)]
    for n_ref, n_cur, shift in exact:
        rng = rng_for("edge-ks-exact", n_ref * 100003 + n_cur)
        cases.append(DriftCase(f"edge-ks-exact-{n_ref}-vs-{n_cur}", "num", continuous(rng, n_ref, "normal"), continuous(rng, n_cur, "normal", shift), expect_method="ks"))
    asymptotic = [(600, 15000, 0.05, "normal"), (1000, 10001, 0.0, "normal"), (50, 12000, 0.2, "uniform"), (400, 10500, 0.05, "ties"), (1000, 10001, 0.1, "lognormal")]
    for n_ref, n_cur, shift, kind in asymptotic:
        rng = rng_for("edge-ks-asymptotic", n_ref * 100003 + n_cur + len(kind))
        cases.append(DriftCase(f"edge-ks-asymptotic-{n_ref}-vs-{n_cur}-{kind}", "num", continuous(rng, n_ref, kind), continuous(rng, n_cur, kind, shift), expect_method="ks"))
    return cases


def edge_threshold_boundaries() -> List[DriftCase]:
    """Score exactly equal to the threshold: K-S uses <=, chi-square/Z use <, distances use >=."""
    rng = rng_for("edge-boundary", 0)
    same = continuous(rng, 120, "normal")
    levels = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    small = discrete(rng, 150, levels, np.ones(8))
    return [
        DriftCase("edge-boundary-ks-p1-threshold-1-drift", "num", same, list(same), None, 1.0, "ks"),
        DriftCase("edge-boundary-z-p1-threshold-1-no-drift", "cat", ["k"] * 30, ["k"] * 20, None, 1.0, "z"),
        DriftCase("edge-boundary-chisquare-p0-threshold-0-no-drift", "cat", ["a"] * 10 + ["b"] * 5, ["a"] * 5 + ["new"] * 5, None, 0.0, "chisquare"),
        DriftCase("edge-boundary-wasserstein-0-threshold-0-drift", "num", same, list(same), "wasserstein", 0.0, "wasserstein"),
        DriftCase("edge-boundary-jensenshannon-0-threshold-0-drift", "num", small, list(small), "jensenshannon", 0.0, "jensenshannon"),
        DriftCase("edge-boundary-psi-0-threshold-0-drift", "num", small, list(small), "psi", 0.0, "psi"),
    ]


# ---------------------------------------------------------------------------------------------


def all_cases() -> List[DriftCase]:
    builders: List[Callable[[], List[DriftCase]]] = [
        spec_vectors,
        rand_num_small_many,
        rand_num_small_few,
        rand_num_small_binary,
        lambda: rand_categorical("cat-small-many", 20, (3, 8), (20, 1000), (20, 2000), "chisquare"),
        lambda: rand_categorical("cat-small-binary", 12, (2, 2), (10, 1000), (10, 2000), "z"),
        rand_num_large_many,
        rand_num_large_few,
        lambda: rand_categorical("cat-large", 12, (2, 10), (1001, 4000), (50, 3000), "jensenshannon"),
        rand_explicit_methods,
        rand_explicit_thresholds,
        edge_selection_boundaries,
        edge_categories,
        edge_missing_values,
        edge_binning,
        edge_wasserstein,
        edge_ks,
        edge_threshold_boundaries,
    ]
    cases = [case for build in builders for case in build()]
    ids = [c.id for c in cases]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise RuntimeError(f"duplicate case ids: {sorted(duplicates)}")
    return cases
