"""Launch the CNN training job on Vertex AI (default) or SageMaker.

    python cloud_train.py --platform vertex --epochs 30
    python cloud_train.py --platform sagemaker --wait
"""
import argparse
import datetime as dt
import time

import boto3
import sagemaker
from google.cloud import aiplatform
from sagemaker.pytorch import PyTorch

PROJECT_ID = "acme-ml-prod"
STAGING_BUCKET = "gs://acme-ml-staging"
TRAIN_IMAGE = "asia-south1-docker.pkg.dev/acme-ml-prod/train/cnn:2024.05"
SAGEMAKER_ROLE = "arn:aws:iam::123456789012:role/SageMakerTrainingRole"
DATASET_BUCKET = "acme-datasets"


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--platform", choices=["vertex", "sagemaker"], default="vertex")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--arch", default="resnet50")
    p.add_argument("--wait", action="store_true", help="block until the job finishes")
    return p.parse_args()


def job_name(prefix):
    return f"{prefix}-{dt.datetime.utcnow():%Y%m%d-%H%M%S}"


def check_dataset(prefix="flowers/train/"):
    s3 = boto3.client("s3", region_name="eu-north-1")
    resp = s3.list_objects_v2(Bucket=DATASET_BUCKET, Prefix=prefix, MaxKeys=1)
    if resp.get("KeyCount", 0) == 0:
        raise SystemExit(f"no training data under s3://{DATASET_BUCKET}/{prefix}")


def launch_vertex(args):
    aiplatform.init(project=PROJECT_ID, location="asia-south1", staging_bucket=STAGING_BUCKET)
    job = aiplatform.CustomContainerTrainingJob(
        display_name=job_name("cnn"),
        container_uri=TRAIN_IMAGE,
    )
    job.run(
        args=["--arch", args.arch, "--epochs", str(args.epochs), "--data-dir", "/gcs/acme-ml-data/flowers"],
        replica_count=1,
        machine_type="n1-standard-8",
        accelerator_type="NVIDIA_TESLA_T4",
        accelerator_count=1,
        sync=args.wait,
    )
    return job


def launch_sagemaker(args):
    boto_session = boto3.Session(region_name="ap-south-1")
    session = sagemaker.Session(boto_session=boto_session)
    estimator = PyTorch(
        entry_point="train_cnn.py",
        source_dir=".",
        role=SAGEMAKER_ROLE,
        instance_type="ml.g4dn.xlarge",
        instance_count=1,
        framework_version="2.1",
        py_version="py310",
        hyperparameters={"arch": args.arch, "epochs": args.epochs, "data-dir": "/opt/ml/input/data/train"},
        sagemaker_session=session,
    )
    name = job_name("cnn")
    estimator.fit({"train": f"s3://{DATASET_BUCKET}/flowers/"}, job_name=name, wait=False)
    return name


def wait_for_sagemaker(name, poll_s=60):
    client = boto3.client("sagemaker", region_name="ap-south-1")
    while True:
        desc = client.describe_training_job(TrainingJobName=name)
        status = desc["TrainingJobStatus"]
        print(f"{dt.datetime.now():%H:%M:%S} {name}: {status} ({desc.get('SecondaryStatus', '')})")
        if status in ("Completed", "Failed", "Stopped"):
            return desc
        time.sleep(poll_s)


def main():
    args = parse_args()
    check_dataset()
    if args.platform == "vertex":
        job = launch_vertex(args)
        print("submitted", job.resource_name if args.wait else job.display_name)
    else:
        name = launch_sagemaker(args)
        print("submitted", name)
        if args.wait:
            wait_for_sagemaker(name)


if __name__ == "__main__":
    main()
