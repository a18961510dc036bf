import pandas as pd

for index, row in pd.read_csv("x.csv").iterrows():
    print(row)
