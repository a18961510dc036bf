"""predictions/views.py -- Django views for the pricing model."""
import json
import pickle
from functools import lru_cache

import joblib
import numpy as np
import pandas as pd
from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

FEATURES = ["sqft", "bedrooms", "bathrooms", "year_built", "lat", "lon"]


@lru_cache(maxsize=None)
def get_price_model():
    # loaded on first use, then cached for the life of the worker
    return joblib.load(settings.MODEL_ROOT / "price_gbm.joblib")  # OK: cached loader, not a view


def _parse(request):
    try:
        payload = json.loads(request.body)
    except json.JSONDecodeError:
        return None
    rows = payload if isinstance(payload, list) else [payload]
    return pd.DataFrame(rows, columns=FEATURES)


@csrf_exempt
@require_POST
def predict_price(request):
    frame = _parse(request)
    if frame is None:
        return HttpResponseBadRequest("invalid JSON")
    preds = get_price_model().predict(frame)  # OK: cached model, one batched call
    return JsonResponse({"prices": np.round(preds, 2).tolist()})


@csrf_exempt
@require_POST
def predict_price_legacy(request):
    frame = _parse(request)
    if frame is None:
        return HttpResponseBadRequest("invalid JSON")
    model = joblib.load(settings.MODEL_ROOT / "price_gbm_2022.joblib")  # FRG402
    return JsonResponse({"prices": model.predict(frame).tolist()})


@method_decorator(csrf_exempt, name="dispatch")
class RentEstimateView(View):
    def post(self, request):
        frame = _parse(request)
        if frame is None:
            return HttpResponseBadRequest("invalid JSON")
        with open(settings.MODEL_ROOT / "rent_model.pkl", "rb") as fh:
            model = pickle.load(fh)  # FRG402
        estimates = model.predict(frame[FEATURES])
        return JsonResponse({"rent": estimates.round(0).tolist()})

    def get(self, request):
        return JsonResponse({"features": FEATURES})


@csrf_exempt
@require_POST
def predict_price_bulk(request):
    frame = _parse(request)
    if frame is None:
        return HttpResponseBadRequest("invalid JSON")
    for col in FEATURES:  # OK: loop over column names
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float32")
    prices = get_price_model().predict(frame.fillna(0.0))  # OK: the whole request frame at once
    return JsonResponse({"prices": [float(p) for p in prices]})
