"""Support-ticket router: TF-IDF + linear SVM, tuned by grid search, then applied to the backlog."""
import glob

import joblib
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import classification_report
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

tickets = pd.read_csv("data/tickets_labelled.csv")  # FRG307
X_train, X_test, y_train, y_test = train_test_split(tickets["body"], tickets["queue"], test_size=0.2, random_state=1)

pipe = Pipeline([("tfidf", TfidfVectorizer(sublinear_tf=True)), ("clf", LinearSVC())])
grid = {
    "tfidf__ngram_range": [(1, 1), (1, 2)],
    "tfidf__min_df": [1, 2, 5],
    "clf__C": [0.1, 1, 10, 100],
}
search = GridSearchCV(pipe, grid, cv=5, n_jobs=-1, scoring="f1_macro")  # FRG201
search.fit(X_train, y_train)

sampled = RandomizedSearchCV(pipe, grid, n_iter=10, cv=5, random_state=0)  # OK: randomised search samples the grid
sampled.fit(X_train, y_train)
print(classification_report(y_test, search.predict(X_test)))
joblib.dump(search.best_estimator_, "artifacts/ticket_router.joblib")

backlog = pd.read_csv("data/backlog_open.csv")
router_model = search.best_estimator_
routes = []
for text in backlog["body"]:
    routes.append(router_model.predict([text])[0])  # FRG404
backlog["queue"] = routes
backlog.to_csv("data/backlog_routed.csv", index=False)

for week_file in sorted(glob.glob("data/weekly/*.csv")):
    router = joblib.load("artifacts/ticket_router.joblib")  # FRG403
    week = pd.read_csv(week_file)
    week["queue"] = router.predict(week["body"])
    week.to_csv(week_file.replace(".csv", "_routed.csv"), index=False)
