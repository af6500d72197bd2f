#!/usr/bin/env python3
"""Golden payloads: the exact bytes the brief's run_evaluation.py POSTs to /evaluate.

The brief's Python client builds each week's body with pandas and sends it with
`requests.post(url, json=body)`. This script repeats those steps on the local copy of the UCI
archive (the client downloads the same file) and writes, for each brief week, the body that
`requests` would put on the wire, byte for byte, to test/fixtures/brief-client/<period>.json.
test/clients/payload.test.ts compares the TypeScript client's payload with these files and
posts them to the service unchanged.

Usage (from the repository root; needs pandas and requests, e.g. the oracle venv):
    .venv/bin/python scripts/oracle/brief_client_payload.py

Environment:
    BIKE_SHARING_ZIP   path to the UCI bike-sharing zip
                       (default: ../shared/data/bike-sharing-dataset.zip from the repo root)
"""

import datetime
import os
import zipfile
from pathlib import Path

import pandas as pd
import requests

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
OUT_DIR = REPO_ROOT / "test" / "fixtures" / "brief-client"

# As in the brief's client.
WEEKLY_PERIODS = {
    "week1_february": ("2011-01-29 00:00:00", "2011-02-07 23:00:00"),
    "week2_february": ("2011-02-08 00:00:00", "2011-02-14 23:00:00"),
    "week3_february": ("2011-02-15 00:00:00", "2011-02-21 23:00:00"),
}
NUM_FEATS = ["temp", "atemp", "hum", "windspeed", "mnth", "hr", "weekday"]
CAT_FEATS = ["season", "holiday", "workingday", "weathersit"]
COLUMNS_FOR_EVALUATION_PAYLOAD = NUM_FEATS + CAT_FEATS + ["cnt", "dteday"]
EVALUATION_SAMPLE_SIZE = 1000
API_EVALUATE_URL = "http://bike-api:8080/evaluate"  # only prepared, never sent


def archive_path() -> Path:
    configured = os.environ.get("BIKE_SHARING_ZIP")
    if configured:
        return Path(configured)
    return (REPO_ROOT / ".." / "shared" / "data" / "bike-sharing-dataset.zip").resolve()


def load_full_data(path: Path) -> pd.DataFrame:
    """The client's _fetch_data and _process_data, reading the archive from disk."""
    with zipfile.ZipFile(path) as z:
        df = pd.read_csv(z.open("hour.csv"), header=0, sep=",", parse_dates=["dteday"])
    df.index = df.apply(
        lambda row: datetime.datetime.combine(row["dteday"].date(), datetime.time(row["hr"])),
        axis=1,
    )
    return df.sort_index()


def payload_records(rows: pd.DataFrame) -> list:
    """The client's records for the rows it sends: its columns, `dteday` as a string, one dict a row."""
    frame = rows[COLUMNS_FOR_EVALUATION_PAYLOAD].copy()
    frame["dteday"] = frame["dteday"].astype(str)
    return frame.to_dict(orient="records")


def evaluation_body(full_data: pd.DataFrame, period_name: str) -> dict:
    """The client's run_evaluation, up to the JSON object handed to requests.post."""
    start, end = WEEKLY_PERIODS[period_name]
    frame = full_data.loc[start:end]
    if len(frame) > EVALUATION_SAMPLE_SIZE:
        frame = frame.sample(n=EVALUATION_SAMPLE_SIZE, random_state=42)
    return {"data": payload_records(frame), "evaluation_period_name": period_name}


def wire_bytes(body: dict) -> bytes:
    """What requests.post(url, json=body) sends, from requests' own encoder (json.dumps with the
    default ", " and ": " separators and, in requests 2.34, allow_nan=False), UTF-8 encoded."""
    return requests.Request("POST", API_EVALUATE_URL, json=body).prepare().body


def main() -> None:
    full_data = load_full_data(archive_path())
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for period_name in WEEKLY_PERIODS:
        body = evaluation_body(full_data, period_name)
        target = OUT_DIR / f"{period_name}.json"
        target.write_bytes(wire_bytes(body))
        print(f"{target.relative_to(REPO_ROOT)}: {len(body['data'])} records")


if __name__ == "__main__":
    main()
