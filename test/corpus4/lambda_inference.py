"""AWS Lambda: score a loan application with the ONNX model and log it to SageMaker Feature Store."""
import json
import os

import boto3
import joblib
import numpy as np
import onnxruntime as ort

runtime = boto3.client("sagemaker-runtime", region_name="ap-south-1")  # FRG501
featurestore = boto3.client("sagemaker-featurestore-runtime", region_name=os.environ["AWS_REGION"])  # OK: region from the environment
scaler = joblib.load("/opt/ml/scaler.joblib")  # OK: loaded once per container, outside the handler


def get_session():
    return ort.InferenceSession("/opt/ml/model/credit.onnx", providers=["CPUExecutionProvider"])  # FRG402


def lambda_handler(event, context):
    body = json.loads(event["body"])
    features = scaler.transform(np.asarray([body["features"]], dtype=np.float32))
    session = get_session()
    score = float(session.run(None, {"input": features.astype(np.float32)})[0][0, 1])
    if body.get("explain"):
        explainer = joblib.load("/opt/ml/shap_explainer.joblib")  # FRG402
        body["shap"] = explainer.shap_values(features).tolist()
    featurestore.put_record(
        FeatureGroupName="loan-scores",
        Record=[{"FeatureName": "score", "ValueAsString": str(score)}, {"FeatureName": "id", "ValueAsString": body["id"]}],
    )
    return {"statusCode": 200, "body": json.dumps({"score": score, "shap": body.get("shap")})}
