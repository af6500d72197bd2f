#!/usr/bin/env python3
"""Times Evidently 0.7.21 in-process doing what POST /evaluate does, for the comparison in `npm run bench`.

For each batch size: the first ROWS real hours after the training window (the rows bench/lib.ts
`evaluationBody` sends), as the records the brief's Python client sends (brief_client_payload.py).
One evaluation, timed whole: a DataFrame from the records, the RandomForest's predictions, then a
Report with DataDriftPreset and RegressionPreset against the January reference and its
predictions, run, and `snapshot.dict()`. No HTTP and no JSON parsing on this side. Warm-up runs
first, then the median of RUNS (wall time, and CPU time beside it). The result is one JSON object
on stdout (bench/evidently.ts reads it).

Usage (from the repository root, in the oracle venv, see README.md):
    .venv/bin/python scripts/oracle/benchmark_evidently.py --rows 235 1000 10000 --runs 5

Environment:
    BIKE_SHARING_ZIP   path to the UCI bike-sharing zip
                       (default: ../shared/data/bike-sharing-dataset.zip from the repo root)
"""

import argparse
import json
import statistics
import time
import warnings
from importlib import metadata
from typing import List, Tuple

import pandas as pd
from evidently import Regression
from evidently.presets import DataDriftPreset, RegressionPreset
from sklearn.ensemble import RandomForestRegressor

import bike_data
import brief_client_payload
import evidently_calls

PREDICTION = "prediction"
COLUMNS = bike_data.FEATURES + [bike_data.TARGET, PREDICTION]
# Target and prediction are numerical columns too, so DataDriftPreset tests all 13 columns: the
# 11 features, the target and the predictions, the same 13 drift tests as /evaluate.
DEFINITION = evidently_calls.closed_definition(
    numerical=bike_data.NUMERICAL + [bike_data.TARGET, PREDICTION],
    categorical=bike_data.CATEGORICAL,
    regression=[Regression(target=bike_data.TARGET, prediction=PREDICTION)],
)
# As generate_fixtures.py trains the model of the bike_* regression cases.
RANDOM_STATE = 0
MAX_ROWS = 20_000

warnings.filterwarnings("ignore")


def evaluate(model: RandomForestRegressor, records: List[dict], reference: pd.DataFrame) -> dict:
    """One evaluation of a batch of client records, as an /evaluate built on Evidently does it."""
    current = pd.DataFrame.from_records(records)
    current[PREDICTION] = model.predict(current[bike_data.FEATURES])
    metrics = [DataDriftPreset(), RegressionPreset()]
    return evidently_calls.run_report(metrics, current[COLUMNS], reference, DEFINITION)


def time_ms(model: RandomForestRegressor, records: List[dict], reference: pd.DataFrame) -> Tuple[float, float]:
    """Wall and CPU time of one evaluation (CPU: this process's threads; wall >> CPU means a busy machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    evaluate(model, records, reference)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def positive(text: str) -> int:
    value = int(text)
    if not 1 <= value <= MAX_ROWS:
        raise argparse.ArgumentTypeError(f"expected 1..{MAX_ROWS}, got {value}")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=positive, nargs="+", default=[235, 1000, 10000], help="batch sizes")
    parser.add_argument("--runs", type=positive, default=5, help="timed runs per size")
    parser.add_argument("--warmup", type=positive, default=1, help="untimed runs per size first")
    args = parser.parse_args()

    full_data = brief_client_payload.load_full_data(brief_client_payload.archive_path())
    model = bike_data.train_forest(full_data, random_state=RANDOM_STATE)
    january = bike_data.slice_rows(full_data, bike_data.REFERENCE)
    reference = january.assign(**{PREDICTION: model.predict(january[bike_data.FEATURES])})[COLUMNS]
    after_training = full_data.loc[full_data.index > pd.Timestamp(bike_data.REFERENCE[1])]

    sizes = []
    for rows in args.rows:
        if rows > len(after_training):
            parser.error(f"--rows {rows}: only {len(after_training)} hours follow the training window")
        batch = after_training.iloc[:rows]
        records = brief_client_payload.payload_records(batch)
        for _ in range(args.warmup):
            time_ms(model, records, reference)
        times, cpu_times = zip(*(time_ms(model, records, reference) for _ in range(args.runs)))
        sizes.append(
            {
                "rows": rows,
                "first_hour": str(batch.index[0]),
                "last_hour": str(batch.index[-1]),
                "median_ms": statistics.median(times),
                "times_ms": times,
                "cpu_median_ms": statistics.median(cpu_times),
                "cpu_times_ms": cpu_times,
            }
        )

    result = {
        "versions": {name: metadata.version(name) for name in ("evidently", "pandas", "numpy", "scipy", "scikit-learn")},
        "model": f"RandomForestRegressor(n_estimators=100, random_state={RANDOM_STATE}), trained on {bike_data.REFERENCE[0]}..{bike_data.REFERENCE[1]}",
        "reference_rows": len(reference),
        "warmup": args.warmup,
        "runs": args.runs,
        "sizes": sizes,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
