"""Views of the `documents` Django app: page classification and layout detection.

The page classifier is a fine-tuned ResNet-18 whose weights ship with the
deployment; the layout detector is a TorchScript export from the vision team.
"""
import functools
import io
import json

import torch
import torch.nn as nn
from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from PIL import Image
from torchvision import models
from torchvision import transforms as T

PAGE_CLASSES = ["invoice", "receipt", "contract", "id_card", "letter", "other"]

_preprocess = T.Compose([
    T.Resize((224, 224)),
    T.ToTensor(),
    T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
])

_classifier = models.resnet18(weights=None)
_classifier.fc = nn.Linear(_classifier.fc.in_features, len(PAGE_CLASSES))
_classifier.load_state_dict(torch.load(settings.PAGE_CLASSIFIER_WEIGHTS, map_location="cpu"))
_classifier.eval()


@functools.lru_cache(maxsize=1)
def signature_model():
    model = torch.jit.load(settings.SIGNATURE_MODEL_PATH, map_location="cpu")
    model.eval()
    return model


def _read_image(upload):
    try:
        return Image.open(io.BytesIO(upload.read())).convert("RGB")
    except Exception:
        return None


@csrf_exempt
@require_POST
def classify_page(request):
    image = _read_image(request.FILES["page"])
    if image is None:
        return HttpResponseBadRequest("not an image")
    with torch.inference_mode():
        probs = _classifier(_preprocess(image).unsqueeze(0)).softmax(-1)[0]
    top = int(probs.argmax())
    return JsonResponse({"label": PAGE_CLASSES[top], "confidence": round(float(probs[top]), 4)})


@csrf_exempt
@require_POST
def classify_pages(request):
    names, tensors = [], []
    for upload in request.FILES.getlist("pages"):
        image = _read_image(upload)
        if image is not None:
            names.append(upload.name)
            tensors.append(_preprocess(image))
    if not tensors:
        return HttpResponseBadRequest("no readable pages")
    with torch.inference_mode():
        labels = _classifier(torch.stack(tensors)).argmax(-1).tolist()
    return JsonResponse({"results": [{"name": n, "label": PAGE_CLASSES[i]} for n, i in zip(names, labels)]})


@csrf_exempt
@require_POST
def detect_layout(request):
    image = _read_image(request.FILES["page"])
    if image is None:
        return HttpResponseBadRequest("not an image")
    detector = torch.jit.load(settings.LAYOUT_MODEL_PATH, map_location="cpu")  # FRG402
    detector.eval()
    x = T.functional.to_tensor(image)
    boxes, labels, scores = detector([x])  # FRG401
    keep = scores > 0.5
    return JsonResponse({
        "boxes": boxes[keep].round().int().tolist(),
        "labels": labels[keep].tolist(),
    })


@method_decorator(csrf_exempt, name="dispatch")
class SignatureView(View):
    http_method_names = ["post"]

    def post(self, request):
        image = _read_image(request.FILES["page"])
        if image is None:
            return HttpResponseBadRequest("not an image")
        model = signature_model()
        with torch.no_grad():
            heatmap = model(_preprocess(image).unsqueeze(0))[0, 0]
        present = bool((heatmap > 0.7).any())
        return JsonResponse({"signed": present, "coverage": float((heatmap > 0.7).float().mean())})


class ConfigView(View):
    def get(self, request):
        return JsonResponse({"classes": PAGE_CLASSES, "settings": json.loads(json.dumps({
            "classifier": str(settings.PAGE_CLASSIFIER_WEIGHTS),
            "layout": str(settings.LAYOUT_MODEL_PATH),
        }))})
