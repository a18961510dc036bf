"""Credit-default model zoo: XGBoost, LightGBM and CatBoost on the same folds."""
import catboost as cb
import lightgbm as lgb
import numpy as np
import pandas as pd
import xgboost as xgb
from catboost import CatBoostClassifier, CatBoostRegressor
from lightgbm import LGBMClassifier, LGBMRegressor
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, train_test_split
from xgboost import XGBClassifier, XGBRegressor

SEED = 42
N_SPLITS = 5

train = pd.read_parquet("data/credit_train.parquet")
test = pd.read_parquet("data/credit_test.parquet")
TARGET = "default"
features = [c for c in train.columns if c not in (TARGET, "id")]
X, y = train[features], train[TARGET]
X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, stratify=y, random_state=SEED)


# ---------------------------------------------------------------- XGBoost
xgb_clf = XGBClassifier(  # FRG101
    n_estimators=1000,
    learning_rate=0.05,
    max_depth=6,
    subsample=0.8,
    colsample_bytree=0.8,
    tree_method="hist",
)
xgb_clf.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], verbose=100)

xgb_small = XGBClassifier(n_estimators=150, max_depth=4)  # OK: few rounds
xgb_small.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], verbose=False)

xgb_es = XGBRegressor(n_estimators=2000, learning_rate=0.03, early_stopping_rounds=100, eval_metric="rmse")  # OK
xgb_es.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], verbose=200)

xgb_full = XGBClassifier(n_estimators=int(1.1 * 600), learning_rate=0.05)  # OK: refit on all rows, no eval set
xgb_full.fit(X, y)

dtrain = xgb.DMatrix(X_tr, label=y_tr)
dvalid = xgb.DMatrix(X_va, label=y_va)
params = {"objective": "binary:logistic", "eval_metric": "auc", "eta": 0.05, "max_depth": 6}
booster = xgb.train(params, dtrain, num_boost_round=5000, evals=[(dvalid, "valid")], verbose_eval=250)  # FRG101
booster_es = xgb.train(  # OK: early stopping
    params, dtrain, num_boost_round=5000, evals=[(dvalid, "valid")], early_stopping_rounds=200, verbose_eval=250
)
booster_short = xgb.train(params, dtrain, num_boost_round=100, evals=[(dvalid, "valid")])  # OK: 100 rounds

# ---------------------------------------------------------------- LightGBM
lgb_params = {"objective": "binary", "metric": "auc", "learning_rate": 0.03, "num_leaves": 63, "verbose": -1}
ltrain = lgb.Dataset(X_tr, y_tr)
lvalid = lgb.Dataset(X_va, y_va, reference=ltrain)
gbm_quick = lgb.train(lgb_params, ltrain, num_boost_round=150, valid_sets=[lvalid])  # OK: 150 rounds
gbm_es = lgb.train(
    lgb_params,
    ltrain,
    num_boost_round=3000,
    valid_sets=[lvalid],
    callbacks=[lgb.early_stopping(stopping_rounds=100), lgb.log_evaluation(200)],
)  # OK: the whole call above has early stopping

lgb_reg = LGBMRegressor(n_estimators=5000, learning_rate=0.02, num_leaves=31)
lgb_reg.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], eval_metric="l2")  # FRG101

lgb_noeval = LGBMClassifier(n_estimators=500, learning_rate=0.05)
lgb_noeval.fit(X_tr, y_tr)  # OK: no validation set to stop on

# ---------------------------------------------------------------- CatBoost
cat_default = CatBoostClassifier(verbose=200, random_seed=SEED)  # FRG101
cat_default.fit(X_tr, y_tr, eval_set=(X_va, y_va))

cat_od = CatBoostRegressor(iterations=2000, learning_rate=0.05, od_type="Iter", od_wait=100)  # OK: overfitting detector
cat_od.fit(X_tr, y_tr, eval_set=(X_va, y_va))

cat_fit_es = cb.CatBoostClassifier(iterations=3000, learning_rate=0.05, depth=6)  # OK: stopping given to fit()
cat_fit_es.fit(X_tr, y_tr, eval_set=(X_va, y_va), early_stopping_rounds=200, verbose=500)

cat_small = CatBoostClassifier(iterations=150, depth=4, verbose=0)  # OK: 150 iterations
cat_small.fit(X_tr, y_tr, eval_set=(X_va, y_va))

# ---------------------------------------------------------------- CV ensemble
oof = np.zeros(len(X))
test_pred = np.zeros(len(test))
skf = StratifiedKFold(n_splits=N_SPLITS, shuffle=True, random_state=SEED)
for fold, (tr_idx, va_idx) in enumerate(skf.split(X, y)):
    model = LGBMClassifier(n_estimators=10000, learning_rate=0.02, random_state=SEED + fold)
    model.fit(  # OK: early stopping callback
        X.iloc[tr_idx], y.iloc[tr_idx],
        eval_set=[(X.iloc[va_idx], y.iloc[va_idx])],
        callbacks=[lgb.early_stopping(200, verbose=False)],
    )
    oof[va_idx] = model.predict_proba(X.iloc[va_idx])[:, 1]  # OK: one call per fold
    test_pred += model.predict_proba(test[features])[:, 1] / N_SPLITS
    print(f"fold {fold}: AUC {roc_auc_score(y.iloc[va_idx], oof[va_idx]):.4f}")

print("OOF AUC", roc_auc_score(y, oof))
pd.DataFrame({"id": test["id"], TARGET: test_pred}).to_csv("submission.csv", index=False)
