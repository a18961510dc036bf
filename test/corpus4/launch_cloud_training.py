"""Submit the nightly retraining jobs to Vertex AI and SageMaker."""
import os

import boto3
from google.cloud import aiplatform
from sagemaker.pytorch import PyTorch

PROJECT = "acme-recsys-prod"
IMAGE = "europe-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-2.py310:latest"

aiplatform.init(project=PROJECT, location="europe-central2", staging_bucket="gs://acme-recsys-staging")  # FRG501

job = aiplatform.CustomTrainingJob(display_name="two-tower-nightly", script_path="two_tower_recsys.py", container_uri=IMAGE, location="europe-central2")  # FRG501
job.run(replica_count=1, machine_type="a2-highgpu-1g", accelerator_type="NVIDIA_TESLA_A100", accelerator_count=1)

eval_job = aiplatform.CustomJob.from_local_script(
    display_name="two-tower-eval",
    script_path="eval_two_tower.py",
    container_uri=IMAGE,
    location=os.environ.get("VERTEX_REGION", "europe-west4"),  # OK: region read from the environment
)
eval_job.run()

sm = boto3.client("sagemaker", region_name="ap-south-1")  # FRG501
s3 = boto3.client("s3", region_name="ap-south-1")  # OK: S3 client, not an ML API
s3.upload_file("artifacts/train.parquet", "acme-ml-in", "recsys/train.parquet")

estimator = PyTorch(
    entry_point="train_ddp_food101.py",
    role=os.environ["SAGEMAKER_ROLE"],
    instance_type="ml.p4d.24xlarge",
    instance_count=2,
    framework_version="2.2",
    py_version="py310",
    sagemaker_session=None,
)
estimator.fit({"train": "s3://acme-ml-in/food101/"})
print(sm.list_training_jobs(MaxResults=5)["TrainingJobSummaries"])

backup_location = "europe-central2"  # OK: a string not passed to a cloud ML API
print(f"backups kept in {backup_location}")
