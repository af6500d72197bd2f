"""The UCI bike-sharing data (hour.csv inside the zip) and the date slices the fixtures use.

The data itself never goes into a fixture: drift-bike.json stores date ranges, and the
TypeScript tests slice the same zip. regression.json stores cnt and the RF predictions for
the three brief weeks because the predictions cannot be recomputed outside scikit-learn.
"""

import os
import zipfile
from pathlib import Path
from typing import Dict, List, Tuple

import pandas as pd
from sklearn.ensemble import RandomForestRegressor

NUMERICAL = ["temp", "atemp", "hum", "windspeed", "mnth", "hr", "weekday"]
CATEGORICAL = ["season", "holiday", "workingday", "weathersit"]
FEATURES = NUMERICAL + CATEGORICAL
TARGET = "cnt"

# Inclusive on both ends, like pandas .loc on a DatetimeIndex.
REFERENCE = ("2011-01-01 00:00", "2011-01-28 23:00")
BRIEF_WEEKS: Dict[str, Tuple[str, str]] = {
    "week1_february": ("2011-01-29 00:00", "2011-02-07 23:00"),
    "week2_february": ("2011-02-08 00:00", "2011-02-14 23:00"),
    "week3_february": ("2011-02-15 00:00", "2011-02-21 23:00"),
}


def zip_path(repo_root: Path) -> Path:
    """BIKE_SHARING_ZIP, else ../shared/data/bike-sharing-dataset.zip relative to the repo root."""
    configured = os.environ.get("BIKE_SHARING_ZIP")
    if configured:
        return Path(configured)
    return (repo_root / ".." / "shared" / "data" / "bike-sharing-dataset.zip").resolve()


def load_hours(path: Path) -> pd.DataFrame:
    """hour.csv with a DatetimeIndex: dteday + hr hours."""
    with zipfile.ZipFile(path) as archive:
        with archive.open("hour.csv") as f:
            frame = pd.read_csv(f)
    frame.index = pd.to_datetime(frame["dteday"]) + pd.to_timedelta(frame["hr"], unit="h")
    return frame


def slice_rows(frame: pd.DataFrame, span: Tuple[str, str]) -> pd.DataFrame:
    return frame.loc[span[0] : span[1]]


def month_span(month: str) -> Tuple[str, str]:
    """Full calendar month "YYYY-MM" as an inclusive hour range."""
    start = pd.Timestamp(f"{month}-01")
    end = start + pd.offsets.MonthEnd(0) + pd.Timedelta(hours=23)
    return start.strftime("%Y-%m-%d %H:%M"), end.strftime("%Y-%m-%d %H:%M")


def train_forest(frame: pd.DataFrame, random_state: int) -> RandomForestRegressor:
    """RandomForestRegressor(n_estimators=100, random_state=...) on the 28-day reference."""
    reference = slice_rows(frame, REFERENCE)
    model = RandomForestRegressor(n_estimators=100, random_state=random_state)
    model.fit(reference[FEATURES], reference[TARGET])
    return model


def predict(model: RandomForestRegressor, rows: pd.DataFrame) -> List[float]:
    return [float(v) for v in model.predict(rows[FEATURES])]
