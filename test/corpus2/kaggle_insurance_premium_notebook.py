#!/usr/bin/env python
# coding: utf-8

# # Insurance premium regression: GBDT blend
# Exported from a Kaggle notebook. Target is log1p(Premium Amount), metric RMSLE.

# In[1]:


import itertools
import warnings

import catboost as cb
import lightgbm as lgb
import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import KFold

warnings.filterwarnings("ignore")
SEED = 42
N_FOLDS = 5


# In[2]:


train = pd.read_csv("/kaggle/input/playground-series-s4e12/train.csv", parse_dates=["Policy Start Date"])
test = pd.read_csv("/kaggle/input/playground-series-s4e12/test.csv", parse_dates=["Policy Start Date"])
print(train.shape, test.shape)


# In[3]:


def bucket_age(age):
    if pd.isna(age):
        return "unknown"
    return "young" if age < 30 else "mid" if age < 55 else "senior"


for df in (train, test):
    df["age_bucket"] = df["Age"].apply(bucket_age)
    df["start_year"] = df["Policy Start Date"].dt.year
    df["claims_per_year"] = df["Previous Claims"] / (df["Insurance Duration"] + 1)
    df["income_rank"] = df.groupby("Location")["Annual Income"].rank(pct=True)
    df["risk_index"] = df.apply(lambda r: r["Health Score"] / (1 + r["Previous Claims"]) if r["Previous Claims"] > 0 else r["Health Score"], axis=1)  # FRG302


# In[4]:


# Occupation is missing for ~30% of rows; fill it from the most common value per (Education, Location).
mode_lookup = (
    train.dropna(subset=["Occupation"])
    .groupby(["Education Level", "Location"])["Occupation"]
    .agg(lambda s: s.value_counts().index[0])
    .to_dict()
)
filled = []
for _, row in train.iterrows():  # FRG301
    if pd.isna(row["Occupation"]):
        filled.append(mode_lookup.get((row["Education Level"], row["Location"]), "Employed"))
    else:
        filled.append(row["Occupation"])
train["Occupation"] = filled
test["Occupation"] = test["Occupation"].fillna("Employed")


# In[5]:


cat_cols = [c for c in train.columns if train[c].dtype == "object"]
for c in cat_cols:
    codes = pd.Categorical(pd.concat([train[c], test[c]])).categories
    train[c] = pd.Categorical(train[c], categories=codes)
    test[c] = pd.Categorical(test[c], categories=codes)

features = [c for c in train.columns if c not in ("id", "Premium Amount", "Policy Start Date")]
X, y = train[features], np.log1p(train["Premium Amount"])
X_test = test[features]


# In[6]:


def rmse(a, b):
    return mean_squared_error(a, b) ** 0.5


# quick manual sweep on a single holdout before the CV run
X_tr, X_ho, y_tr, y_ho = X.iloc[:800_000], X.iloc[800_000:], y.iloc[:800_000], y.iloc[800_000:]
sweep = {}
for lr, leaves in itertools.product([0.03, 0.1], [31, 127, 255]):  # FRG202
    m = lgb.LGBMRegressor(learning_rate=lr, num_leaves=leaves, n_estimators=400, verbose=-1)
    m.fit(X_tr, y_tr)
    sweep[(lr, leaves)] = rmse(y_ho, m.predict(X_ho))
print(sorted(sweep.items(), key=lambda kv: kv[1])[:3])


# In[7]:


LGB_PARAMS = dict(objective="regression", learning_rate=0.02, num_leaves=127, min_child_samples=80,
                  feature_fraction=0.7, bagging_fraction=0.8, bagging_freq=1, seed=SEED, verbose=-1)
oof = {k: np.zeros(len(X)) for k in ("lgb", "xgb", "cat")}
preds = {k: np.zeros(len(X_test)) for k in oof}

kf = KFold(N_FOLDS, shuffle=True, random_state=SEED)
for fold, (tr_idx, va_idx) in enumerate(kf.split(X)):
    X_tr, X_va = X.iloc[tr_idx], X.iloc[va_idx]
    y_tr, y_va = y.iloc[tr_idx], y.iloc[va_idx]

    dtrain = lgb.Dataset(X_tr, y_tr)
    dvalid = lgb.Dataset(X_va, y_va, reference=dtrain)
    booster = lgb.train(LGB_PARAMS, dtrain, num_boost_round=5000, valid_sets=[dvalid], callbacks=[lgb.log_evaluation(500)])  # FRG101
    oof["lgb"][va_idx] = booster.predict(X_va)
    preds["lgb"] += booster.predict(X_test) / N_FOLDS

    xgbr = xgb.XGBRegressor(n_estimators=3000, learning_rate=0.03, max_depth=8, subsample=0.8,
                            colsample_bytree=0.6, enable_categorical=True, tree_method="hist",
                            early_stopping_rounds=150, random_state=SEED)
    xgbr.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], verbose=500)
    oof["xgb"][va_idx] = xgbr.predict(X_va)
    preds["xgb"] += xgbr.predict(X_test) / N_FOLDS

    cbr = cb.CatBoostRegressor(iterations=4000, learning_rate=0.05, depth=8, random_seed=SEED,
                               cat_features=cat_cols, verbose=500)
    cbr.fit(X_tr, y_tr, eval_set=(X_va, y_va), early_stopping_rounds=200)
    oof["cat"][va_idx] = cbr.predict(X_va)
    preds["cat"] += cbr.predict(X_test) / N_FOLDS

    print(f"fold {fold}: " + ", ".join(f"{k}={rmse(y_va, oof[k][va_idx]):.5f}" for k in oof))


# In[8]:


# Level-2 model on the OOF predictions (no eval set: trained on all OOF rows)
stack_X = np.column_stack([oof[k] for k in ("lgb", "xgb", "cat")])
stack_test = np.column_stack([preds[k] for k in ("lgb", "xgb", "cat")])
meta = cb.CatBoostRegressor(iterations=1500, depth=4, learning_rate=0.03, verbose=0)
meta.fit(stack_X, y)

gbr = GradientBoostingRegressor(n_estimators=1000, learning_rate=0.02, max_depth=3, subsample=0.8,
                                n_iter_no_change=30, validation_fraction=0.1)
gbr.fit(stack_X, y)
final = 0.5 * meta.predict(stack_test) + 0.5 * gbr.predict(stack_test)


# In[9]:


submission = pd.DataFrame({"id": test["id"], "Premium Amount": np.expm1(final)})
submission.to_csv("submission.csv", index=False)
submission.head()
