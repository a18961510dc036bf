# Never opened by the tests: only "Analyze Workspace" reports it.
import pandas as pd

frame = pd.read_csv("rows.csv")
for index, row in frame.iterrows():
    print(index, row["value"])
