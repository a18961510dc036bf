"""Gradient boosting trained with early stopping on a held-out tenth of the training set."""
import json

from sklearn.datasets import make_classification
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import train_test_split

X, y = make_classification(n_samples=4000, n_features=20, n_informative=8,
                           flip_y=0.05, random_state=0)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)

clf = GradientBoostingClassifier(n_estimators=300, learning_rate=0.1, max_depth=3,
                                 n_iter_no_change=10, validation_fraction=0.1,
                                 random_state=0)
clf.fit(X_train, y_train)

accuracy = clf.score(X_test, y_test)
print("FRUGAL_RESULT " + json.dumps({"accuracy": round(accuracy, 4),
                                     "rounds": int(clf.n_estimators_)}))
