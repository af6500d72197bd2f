"""Thin wrappers that run Evidently 0.7.21 through its public API and read the snapshot.

Every Dataset gets a *closed* DataDefinition: all column lists are given explicitly
(empty where unused) so Evidently performs no type inference (spec section 1.1).
"""

from typing import Dict, List, Optional, Sequence

import pandas as pd
from evidently import DataDefinition, Dataset, Regression, Report
from evidently.legacy.calculations.stattests import (
    chi_stat_test,
    jensenshannon_stat_test,
    ks_stat_test,
    psi_stat_test,
    wasserstein_stat_test,
    z_stat_test,
)
from evidently.metrics import ValueDrift
from evidently.presets import DataDriftPreset, RegressionPreset

# The snapshot reports an auto-resolved method by its display name ("K-S p_value") and an
# explicit one by the string the user passed ("ks"). Map both to the machine name; the map is
# read from Evidently's own StatTest objects instead of being typed by hand.
_STAT_TESTS = [ks_stat_test, chi_stat_test, z_stat_test, wasserstein_stat_test, jensenshannon_stat_test, psi_stat_test]
METHOD_NAMES: Dict[str, str] = {t.display_name: t.name for t in _STAT_TESTS}
METHOD_NAMES.update({t.name: t.name for t in _STAT_TESTS})


def closed_definition(
    numerical: Sequence[str] = (),
    categorical: Sequence[str] = (),
    regression: Optional[List[Regression]] = None,
) -> DataDefinition:
    return DataDefinition(
        numerical_columns=list(numerical),
        categorical_columns=list(categorical),
        text_columns=[],
        datetime_columns=[],
        unknown_columns=[],
        list_columns=[],
        regression=regression,
    )


def run_report(metrics: list, current: pd.DataFrame, reference: Optional[pd.DataFrame], definition: DataDefinition) -> dict:
    """Run a Report with default tests on. Note the argument order: current first, like Evidently."""
    report = Report(metrics, include_tests=True)
    cur = Dataset.from_pandas(current, data_definition=definition)
    ref = Dataset.from_pandas(reference, data_definition=definition) if reference is not None else None
    return report.run(cur, ref).dict()


def _metric_type(entry: dict) -> str:
    # config.type looks like "evidently:metric_v2:ValueDrift"
    return entry["config"]["type"].rsplit(":", 1)[-1]


def _test_failed(test: dict) -> bool:
    status = test["status"]
    name = getattr(status, "value", status)  # TestStatus enum in dict(), string in json()
    if name not in ("SUCCESS", "FAIL"):
        raise RuntimeError(f"unexpected test status {status!r} in {test['name']}")
    return name == "FAIL"


def _failed_by_metric(snapshot: dict) -> Dict[str, bool]:
    return {t["metric_config"]["metric_id"]: _test_failed(t) for t in snapshot["tests"]}


def value_drift_results(snapshot: dict) -> List[dict]:
    """One result per ValueDrift metric, in snapshot order.

    The verdict is the status of ValueDrift's default test, which Evidently sets from the
    stat test's own `drift_detected` (so K-S uses `p <= threshold`, chi-square/Z `p < threshold`,
    distances `d >= threshold`).
    """
    failed = _failed_by_metric(snapshot)
    results = []
    for entry in snapshot["metrics"]:
        if _metric_type(entry) != "ValueDrift":
            continue
        config = entry["config"]
        results.append(
            {
                "column": config["column"],
                "method": METHOD_NAMES[config["method"]],
                "score": float(entry["value"]),
                "threshold": float(config["threshold"]),
                "drifted": failed[entry["id"]],
            }
        )
    return results


def value_drift(
    reference: pd.Series,
    current: pd.Series,
    column_type: str,
    method: Optional[str] = None,
    threshold: Optional[float] = None,
) -> dict:
    """Drift of one column via ValueDrift; column_type is "num" or "cat"."""
    definition = closed_definition(
        numerical=["x"] if column_type == "num" else [],
        categorical=["x"] if column_type == "cat" else [],
    )
    metric = ValueDrift(column="x", method=method, threshold=threshold)
    snapshot = run_report([metric], pd.DataFrame({"x": current}), pd.DataFrame({"x": reference}), definition)
    (result,) = value_drift_results(snapshot)
    del result["column"]
    return result


def data_drift_preset(
    reference: pd.DataFrame,
    current: pd.DataFrame,
    numerical: Sequence[str],
    categorical: Sequence[str],
    drift_share: float,
) -> dict:
    """DataDriftPreset over exactly the given columns: per-column results, count, share, verdict."""
    definition = closed_definition(numerical=numerical, categorical=categorical)
    columns = list(numerical) + list(categorical)
    snapshot = run_report([DataDriftPreset(drift_share=drift_share)], current[columns], reference[columns], definition)
    (count_entry,) = [m for m in snapshot["metrics"] if _metric_type(m) == "DriftedColumnsCount"]
    # DriftedColumnsCount's default test is `share < drift_share`; it FAILs exactly on dataset drift.
    dataset_drift = _failed_by_metric(snapshot)[count_entry["id"]]
    return {
        "columns": value_drift_results(snapshot),
        "drifted_count": int(count_entry["value"]["count"]),
        "share": float(count_entry["value"]["share"]),
        "dataset_drift": dataset_drift,
    }


# Metric type in the snapshot -> key in the fixture, and whether its value is {"mean", "std"}.
REGRESSION_KEYS = {
    "RMSE": ("rmse", False),
    "MAE": ("mae", True),
    "R2Score": ("r2", False),
    "MAPE": ("mape", True),
    "MeanError": ("mean_error", True),
    "AbsMaxError": ("abs_max_error", False),
}


def regression_preset(target: Sequence[float], prediction: Sequence[float]) -> dict:
    """RegressionPreset on current data only (no reference), predictions fed in as a column."""
    frame = pd.DataFrame({"target": pd.Series(target, dtype="float64"), "prediction": pd.Series(prediction, dtype="float64")})
    definition = closed_definition(
        numerical=["target", "prediction"],
        regression=[Regression(target="target", prediction="prediction")],
    )
    snapshot = run_report([RegressionPreset()], frame, None, definition)
    expected = {}
    for entry in snapshot["metrics"]:
        key, mean_std = REGRESSION_KEYS[_metric_type(entry)]
        value = entry["value"]
        expected[key] = {"mean": float(value["mean"]), "std": float(value["std"])} if mean_std else float(value)
    if set(expected) != {k for k, _ in REGRESSION_KEYS.values()}:
        raise RuntimeError(f"RegressionPreset returned {sorted(expected)}")
    return {k: expected[k] for k, _ in REGRESSION_KEYS.values()}
