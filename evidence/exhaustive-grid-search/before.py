"""An SVC tuned on the digits data set by an exhaustive grid search."""
import json

from sklearn.datasets import load_digits
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.svm import SVC

X, y = load_digits(return_X_y=True)
X = X / 16.0
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, stratify=y,
                                                    random_state=0)

param_grid = {"C": [0.1, 1, 10, 100], "gamma": [1e-3, 1e-2, 1e-1, 1], "kernel": ["rbf", "sigmoid"]}
search = GridSearchCV(SVC(), param_grid, cv=5)  # 32 candidates × 5 folds = 160 fits
search.fit(X_train, y_train)

accuracy = search.score(X_test, y_test)
print("FRUGAL_RESULT " + json.dumps({"test_accuracy": round(accuracy, 4),
                                     "best_params": search.best_params_}))
