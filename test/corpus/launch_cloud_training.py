"""Launch the same training container on Vertex AI, SageMaker or Azure ML.

History: the India team used to train in asia-south1 / ap-south-1 because the data lived
there; most jobs now run in low-carbon regions.
"""
import argparse
import logging

import boto3
import sagemaker
from azure.ai.ml import MLClient
from azure.ai.ml.entities import Workspace
from azure.identity import DefaultAzureCredential
from google.cloud import aiplatform
from sagemaker.pytorch import PyTorch

log = logging.getLogger("launcher")
IMAGE_URI = "europe-docker.pkg.dev/acme-ml/train/detector:1.4.0"
BUCKET = "gs://acme-ml-staging"


def launch_vertex_mumbai(args):
    aiplatform.init(project=args.project, location="asia-south1", staging_bucket=BUCKET)  # FRG501
    job = aiplatform.CustomContainerTrainingJob(display_name="detector-in", container_uri=IMAGE_URI)
    return job.run(replica_count=1, machine_type="a2-highgpu-1g", accelerator_type="NVIDIA_TESLA_A100", accelerator_count=1)


def launch_vertex_belgium(args):
    aiplatform.init(project=args.project, location="europe-west1", staging_bucket=BUCKET)  # OK: low-carbon region
    job = aiplatform.CustomContainerTrainingJob(display_name="detector-eu", container_uri=IMAGE_URI)
    return job.run(replica_count=1, machine_type="a2-highgpu-1g", accelerator_type="NVIDIA_TESLA_A100", accelerator_count=1)


def launch_vertex_custom_job(args):
    worker_pool_specs = [{
        "machine_spec": {"machine_type": "n1-standard-8", "accelerator_type": "NVIDIA_TESLA_T4", "accelerator_count": 1},
        "replica_count": 1,
        "container_spec": {"image_uri": IMAGE_URI, "args": ["--epochs", "20"]},
    }]
    job = aiplatform.CustomJob(  # OK: Finland
        display_name="detector-hamina",
        worker_pool_specs=worker_pool_specs,
        project=args.project,
        location="europe-north1",
        staging_bucket=BUCKET,
    )
    job.run(sync=False)
    log.info("submitted %s (moved from asia-south1 last quarter)", job.display_name)  # OK: just a log message
    return job


def launch_sagemaker(args, region):
    boto_sess = boto3.Session(region_name=region)  # OK: region comes from the CLI
    sess = sagemaker.Session(boto_session=boto_sess)
    estimator = PyTorch(
        entry_point="train.py",
        source_dir="src",
        role=args.role,
        framework_version="2.1",
        py_version="py310",
        instance_count=1,
        instance_type="ml.g5.2xlarge",
        sagemaker_session=sess,
        hyperparameters={"epochs": 20, "batch-size": 64},
    )
    estimator.fit({"train": f"s3://acme-ml-{region}/detector/train"}, wait=False)
    return estimator


def launch_sagemaker_mumbai(args):
    boto_sess = boto3.Session(region_name="ap-south-1")  # FRG501
    sess = sagemaker.Session(boto_session=boto_sess)
    estimator = PyTorch(entry_point="train.py", source_dir="src", role=args.role, framework_version="2.1",
                        py_version="py310", instance_count=1, instance_type="ml.p3.2xlarge", sagemaker_session=sess)
    estimator.fit({"train": "s3://acme-ml-ap-south-1/detector/train"}, wait=False)  # OK: an S3 path, not a region call
    return estimator


def launch_sagemaker_stockholm(args):
    boto_sess = boto3.Session(region_name="eu-north-1")  # OK: low-carbon region
    return launch_with_session(args, boto_sess)


def launch_with_session(args, boto_sess):
    sess = sagemaker.Session(boto_session=boto_sess)
    return PyTorch(entry_point="train.py", source_dir="src", role=args.role, framework_version="2.1",
                   py_version="py310", instance_count=1, instance_type="ml.g5.2xlarge", sagemaker_session=sess)


def create_azure_workspace(args):
    ml_client = MLClient(DefaultAzureCredential(), args.subscription, args.resource_group)
    ws = Workspace(name="detector-ws-pl", location="polandcentral", display_name="Detector (Poland)")  # FRG501
    ws_se = Workspace(name="detector-ws-se", location="swedencentral", display_name="Detector (Sweden)")  # OK
    ml_client.workspaces.begin_create(ws_se).result()
    return ml_client.workspaces.begin_create(ws).result()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", choices=["vertex", "vertex-job", "sagemaker", "azure"], default="vertex")
    ap.add_argument("--project", default="acme-ml")
    ap.add_argument("--role", default="arn:aws:iam::123456789012:role/SageMakerRole")
    ap.add_argument("--region", default="eu-north-1")
    ap.add_argument("--subscription", default="00000000-0000-0000-0000-000000000000")
    ap.add_argument("--resource-group", default="ml-rg")
    cli = ap.parse_args()
    if cli.target == "vertex":
        launch_vertex_belgium(cli)
    elif cli.target == "vertex-job":
        launch_vertex_custom_job(cli)
    elif cli.target == "sagemaker":
        launch_sagemaker(cli, cli.region)
    else:
        create_azure_workspace(cli)
