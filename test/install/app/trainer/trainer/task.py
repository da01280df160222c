"""Trains a scikit-learn classifier on a CSV and writes it to AIP_MODEL_DIR.

Vertex AI sets AIP_MODEL_DIR from the job's baseOutputDirectory; the launcher gives every run its own.
"""
import argparse
import os
import pickle

import pandas as pd
from sklearn.ensemble import RandomForestClassifier


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True, help="gs:// URI of a CSV with a 'label' column")
    parser.add_argument("--trees", type=int, default=100)
    args = parser.parse_args()

    frame = pd.read_csv(args.data)
    features, labels = frame.drop(columns=["label"]), frame["label"]
    model = RandomForestClassifier(n_estimators=args.trees).fit(features, labels)

    model_dir = os.environ["AIP_MODEL_DIR"]
    import gcsfs  # pylint: disable=import-outside-toplevel

    with gcsfs.GCSFileSystem().open(os.path.join(model_dir, "model.pkl"), "wb") as out:
        pickle.dump(model, out)
    print(f"model written to {model_dir}")


if __name__ == "__main__":
    main()
