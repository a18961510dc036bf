"""Submit the recommender training job to Vertex AI, SageMaker or Azure ML.

    python cloud_training_launcher.py vertex --image gcr.io/acme/recsys:1.4
    python cloud_training_launcher.py sagemaker --role arn:aws:iam::123:role/sm
    python cloud_training_launcher.py azure --workspace recsys-ws

Regions are pinned here after the capacity review; the evaluation job reuses
Gemini on Vertex for the qualitative report.
"""
import argparse
import os

import boto3
import sagemaker
import vertexai
from azureml.core import Workspace
from azureml.core.compute import AmlCompute, ComputeTarget
from google.cloud import aiplatform, storage
from sagemaker.pytorch import PyTorch
from vertexai.generative_models import GenerativeModel

PROJECT = os.environ.get("GCP_PROJECT", "acme-recsys")
REGION = "us-east1"
ARCHIVE_LOCATION = "europe-central2"
STAGING_BUCKET = f"gs://{PROJECT}-staging"
HYPERPARAMS = {"epochs": 20, "batch-size": 4096, "lr": 1e-3, "embedding-dim": 128}


def ensure_archive_bucket():
    client = storage.Client(project=PROJECT)
    bucket = client.bucket(f"{PROJECT}-model-archive")
    if not bucket.exists():
        client.create_bucket(bucket, location=ARCHIVE_LOCATION)
    return bucket


def launch_vertex(args):
    aiplatform.init(project=PROJECT, location=REGION, staging_bucket=STAGING_BUCKET)  # FRG501
    job = aiplatform.CustomContainerTrainingJob(
        display_name="recsys-two-tower",
        container_uri=args.image,
    )
    job.run(
        args=[f"--{k}={v}" for k, v in HYPERPARAMS.items()],
        replica_count=1,
        machine_type="a2-highgpu-1g",
        accelerator_type="NVIDIA_TESLA_A100",
        accelerator_count=1,
    )
    ensure_archive_bucket()


def launch_vertex_canada(args):
    job = aiplatform.CustomJob.from_local_script(
        display_name="recsys-two-tower-ca",
        script_path="trainer/task.py",
        container_uri="us-docker.pkg.dev/vertex-ai/training/pytorch-gpu.2-1:latest",
        args=[f"--{k}={v}" for k, v in HYPERPARAMS.items()],
        machine_type="n1-standard-8",
        accelerator_type="NVIDIA_TESLA_T4",
        accelerator_count=1,
        project=PROJECT,
        location="northamerica-northeast1",
        staging_bucket=f"gs://{PROJECT}-staging-ca",
    )
    job.run(sync=False)


def qualitative_report(summary_path):
    vertexai.init(project=PROJECT, location="europe-central2")  # FRG501
    model = GenerativeModel("gemini-1.5-flash")
    with open(summary_path) as fh:
        prompt = "Summarise the failure modes in these recommendation samples:\n" + fh.read()
    return model.generate_content(prompt).text


def launch_sagemaker(args):
    session = boto3.Session(region_name="us-east-2")  # FRG501
    sm_session = sagemaker.Session(boto_session=session)
    estimator = PyTorch(
        entry_point="task.py",
        source_dir="trainer",
        role=args.role,
        framework_version="2.1",
        py_version="py310",
        instance_count=1,
        instance_type="ml.g5.2xlarge",
        hyperparameters=HYPERPARAMS,
        sagemaker_session=sm_session,
        use_spot_instances=True,
        max_run=6 * 3600,
        max_wait=8 * 3600,
    )
    estimator.fit({"train": f"s3://{args.bucket}/recsys/train", "val": f"s3://{args.bucket}/recsys/val"})
    return estimator.latest_training_job.name


def describe_jobs(region):
    client = boto3.client("sagemaker", region_name=region)
    return client.list_training_jobs(SortBy="CreationTime", MaxResults=10)["TrainingJobSummaries"]


def launch_azure(args):
    ws = Workspace.get(name=args.workspace, subscription_id=os.environ["AZURE_SUBSCRIPTION_ID"],
                       resource_group=os.environ.get("AZURE_RESOURCE_GROUP", "recsys-rg"))
    config = AmlCompute.provisioning_configuration(vm_size="Standard_NC24ads_A100_v4", max_nodes=2,
                                                   idle_seconds_before_scaledown=900, location="swedencentral")
    target = ComputeTarget.create(ws, "a100-cluster", config)
    target.wait_for_completion(show_output=True)
    return target


def create_workspace(args):
    return Workspace.create(name=args.workspace, subscription_id=os.environ["AZURE_SUBSCRIPTION_ID"],
                            resource_group="recsys-rg", location=os.environ["AZURE_LOCATION"],
                            create_resource_group=True)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("target", choices=["vertex", "vertex-ca", "sagemaker", "azure", "report", "jobs"])
    ap.add_argument("--image", default="gcr.io/acme/recsys:latest")
    ap.add_argument("--role")
    ap.add_argument("--bucket", default="acme-recsys")
    ap.add_argument("--workspace", default="recsys-ws")
    ap.add_argument("--region", default=os.environ.get("AWS_REGION"))
    ap.add_argument("--summary", default="reports/samples.txt")
    args = ap.parse_args()
    if args.target == "vertex":
        launch_vertex(args)
    elif args.target == "vertex-ca":
        launch_vertex_canada(args)
    elif args.target == "sagemaker":
        print(launch_sagemaker(args))
    elif args.target == "azure":
        launch_azure(args)
    elif args.target == "report":
        print(qualitative_report(args.summary))
    else:
        print(describe_jobs(args.region))
