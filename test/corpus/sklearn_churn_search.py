"""Customer-churn model selection with scikit-learn."""
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import (
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    HistGradientBoostingClassifier,
    RandomForestClassifier,
)
from sklearn.linear_model import LogisticRegression, Ridge, SGDClassifier
from sklearn.model_selection import GridSearchCV, KFold, RandomizedSearchCV, cross_val_score, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

df = pd.read_csv("data/churn.csv")
y = df.pop("churned").to_numpy()
num_cols = df.select_dtypes("number").columns.tolist()
cat_cols = df.select_dtypes("object").columns.tolist()
pre = ColumnTransformer([("num", StandardScaler(), num_cols), ("cat", OneHotEncoder(handle_unknown="ignore"), cat_cols)])
X_tr, X_te, y_tr, y_te = train_test_split(df, y, test_size=0.2, stratify=y, random_state=0)

# 1. Logistic regression baseline ------------------------------------------------------
logreg = Pipeline([("pre", pre), ("clf", LogisticRegression(max_iter=2000))])
logreg.fit(X_tr, y_tr)  # OK: a pipeline fit
small_grid = {"clf__C": [0.1, 1.0, 10.0]}
logreg_search = GridSearchCV(logreg, small_grid, scoring="roc_auc", n_jobs=-1)  # OK: 3 x 5 = 15 fits
logreg_search.fit(X_tr, y_tr)

# 2. Random forest: the "try everything" grid -----------------------------------------
rf_grid = {
    "clf__n_estimators": [100, 300, 500],
    "clf__max_depth": [None, 10, 20, 40],
    "clf__min_samples_split": [2, 5, 10],
    "clf__max_features": ["sqrt", "log2"],
}
rf = Pipeline([("pre", pre), ("clf", RandomForestClassifier(n_jobs=-1, random_state=0))])
rf_search = GridSearchCV(rf, param_grid=rf_grid, scoring="roc_auc", n_jobs=-1, verbose=1)  # FRG201
rf_search.fit(X_tr, y_tr)

# 3. SVM with a list-of-dicts grid and 10 folds ----------------------------------------
svm_grid = [
    {"clf__kernel": ["rbf"], "clf__C": [0.1, 1, 10, 100], "clf__gamma": [1e-3, 1e-2, 1e-1, 1.0]},
    {"clf__kernel": ["linear"], "clf__C": [0.1, 1, 10, 100]},
]
svm = Pipeline([("pre", pre), ("clf", SVC(probability=False))])
svm_search = GridSearchCV(svm, svm_grid, cv=10, scoring="roc_auc", n_jobs=-1)  # FRG201
svm_search.fit(X_tr, y_tr)

# 4. Decision tree: 4 x 5 candidates x 5 folds = exactly 100 fits --------------------
tree_grid = {"clf__max_depth": [3, 5, 7, 9], "clf__min_samples_leaf": [1, 5, 10, 20, 50]}
tree = Pipeline([("pre", pre), ("clf", DecisionTreeClassifier(random_state=0))])
tree_search = GridSearchCV(tree, tree_grid)  # OK: 100 fits does not exceed 100
tree_search.fit(X_tr, y_tr)

# 5. Randomised search over the forest instead -----------------------------------------
rf_random = RandomizedSearchCV(rf, rf_grid, n_iter=20, cv=3, random_state=0, n_jobs=-1)  # OK: randomised
rf_random.fit(X_tr, y_tr)

# 6. Boosting and neural nets -----------------------------------------------------------
X_tr_enc = pre.fit_transform(X_tr)
X_te_enc = pre.transform(X_te)
gbc = GradientBoostingClassifier(n_estimators=500, learning_rate=0.05, max_depth=3)  # FRG101
gbc.fit(X_tr_enc, y_tr)
gbc_small = GradientBoostingClassifier(n_estimators=150)  # OK: below 200 stages
gbc_small.fit(X_tr_enc, y_tr)
gbr = GradientBoostingRegressor(n_estimators=1000, n_iter_no_change=10, validation_fraction=0.1)  # OK
gbr.fit(X_tr_enc, df.loc[X_tr.index, "monthly_charges"])
hgb = HistGradientBoostingClassifier(max_iter=1000, learning_rate=0.05)  # OK: early_stopping="auto"
hgb.fit(X_tr_enc.toarray() if hasattr(X_tr_enc, "toarray") else X_tr_enc, y_tr)

mlp = MLPClassifier(hidden_layer_sizes=(128, 64), max_iter=500, early_stopping=False)  # FRG101
mlp.fit(X_tr_enc, y_tr)
mlp_default = MLPClassifier(hidden_layer_sizes=(64,), max_iter=300)  # OK: not explicitly disabled
mlp_default.fit(X_tr_enc, y_tr)
sgd = SGDClassifier(loss="hinge", max_iter=50, tol=1e-3)  # OK: early_stopping not set explicitly
sgd.fit(X_tr_enc, y_tr)
sgd_es = SGDClassifier(loss="log_loss", early_stopping=True, n_iter_no_change=5)  # OK
sgd_es.fit(X_tr_enc, y_tr)

# 7. Hand-rolled searches ----------------------------------------------------------------
results = []
for n_neighbors in [3, 5, 11, 21]:  # FRG202
    for weights in ["uniform", "distance"]:
        knn = KNeighborsClassifier(n_neighbors=n_neighbors, weights=weights)
        knn.fit(X_tr_enc, y_tr)
        results.append((n_neighbors, weights, knn.score(X_te_enc, y_te)))

for alpha in [0.1, 1.0, 10.0]:  # OK: a single loop
    ridge = Ridge(alpha=alpha).fit(X_tr_enc, y_tr)
    results.append(("ridge", alpha, ridge.score(X_te_enc, y_te)))

configs = []
for depth in [3, 5, 8]:  # OK: builds a list of configs, trains nothing
    for lr in [0.01, 0.1]:
        configs.append({"max_depth": depth, "learning_rate": lr})

kf = KFold(n_splits=5, shuffle=True, random_state=0)
for C in [0.1, 1.0]:  # OK: the inner loop runs over CV folds, not a value list
    for tr_idx, va_idx in kf.split(X_tr_enc):
        LogisticRegression(C=C, max_iter=1000).fit(X_tr_enc[tr_idx], y_tr[tr_idx])

print(sorted(results, key=lambda r: r[-1], reverse=True)[:5])
print("cv", np.mean(cross_val_score(LogisticRegression(max_iter=1000), X_tr_enc, y_tr, cv=5)))
