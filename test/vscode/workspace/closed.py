# Never opened by the tests: only "Analyze Workspace" reports it.
import pandas as pd

frame = pd.read_csv("rows.csv")
totals = []
for index, row in frame.iterrows():
    totals.append(row["value"] * 2)
