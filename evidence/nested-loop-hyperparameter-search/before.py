"""XGBoost tuned by nested loops that train every learning-rate × depth combination."""
import json

import xgboost as xgb
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split

X, y = make_classification(n_samples=3000, n_features=30, n_informative=12, flip_y=0.03,
                           random_state=0)
X_train, X_rest, y_train, y_rest = train_test_split(X, y, test_size=0.4, random_state=0)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=0)

scores = {}
for lr in [0.01, 0.03, 0.1, 0.3]:
    for depth in [2, 4, 6]:
        model = xgb.XGBClassifier(learning_rate=lr, max_depth=depth, n_estimators=100,
                                  tree_method="hist", n_jobs=1, random_state=0)
        model.fit(X_train, y_train)
        scores[(lr, depth)] = model.score(X_val, y_val)

best_lr, best_depth = max(scores, key=scores.get)
best = xgb.XGBClassifier(learning_rate=best_lr, max_depth=best_depth, n_estimators=100,
                         tree_method="hist", n_jobs=1, random_state=0).fit(X_train, y_train)
print("FRUGAL_RESULT " + json.dumps({"val_accuracy": round(scores[(best_lr, best_depth)], 4),
                                     "test_accuracy": round(best.score(X_test, y_test), 4)}))
