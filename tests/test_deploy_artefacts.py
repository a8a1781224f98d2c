"""The deployment files describe a system that would really start: compose.yaml against the
Compose Specification, the Kubernetes manifests against a pinned Kubernetes version, and
prefect.yaml against the flows in code — plus the cross-references no schema can check."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from kubernetes_validate.utils import validate as validate_k8s
from prefect.cli.deploy._models import PrefectYamlModel

from workflows.flows import FLOWS, SCHEDULES

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
KUBERNETES_VERSION = "1.33.0"  # the oldest minor still supported upstream when written
APP_IMAGE = "registry.example.nl/signaleringslijst"
# The mail sink's address exists only in the staging compose file.
STAGING_ONLY = {"EMAIL_HOST", "EMAIL_PORT"}


def required_settings() -> set[str]:
    """Every variable the settings refuse to start without in production (read from the
    settings themselves, so a new required secret shows up here without editing this test)."""
    source = (ROOT / "portal" / "settings.py").read_text()
    return set(re.findall(r'_secret\(\s*"([A-Z_]+)"', source)) | {"DATABASE_URL"}


def compose() -> dict[str, Any]:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def k8s_documents() -> list[dict[str, Any]]:
    docs = []
    for path in sorted(K8S.glob("*.yaml")):
        if path.name != "kustomization.yaml":
            docs += [d for d in yaml.safe_load_all(path.read_text()) if d]
    return docs


def pod_specs() -> dict[str, dict[str, Any]]:
    """name → pod spec of every workload (Deployment, Job, CronJob)."""
    specs = {}
    for doc in k8s_documents():
        spec = doc.get("spec", {})
        if doc["kind"] in ("Deployment", "Job"):
            specs[doc["metadata"]["name"]] = spec["template"]["spec"]
        elif doc["kind"] == "CronJob":
            specs[doc["metadata"]["name"]] = spec["jobTemplate"]["spec"]["template"]["spec"]
    return specs


def test_settings_require_the_secrets_we_provide():
    assert {"DJANGO_SECRET_KEY", "MATCH_KEY", "FIELD_ENCRYPTION_KEYS"} <= required_settings()
    assert {"ANYMAIL_WEBHOOK_SECRET", "DATABASE_URL"} <= required_settings()


def test_compose_file_is_valid_under_the_compose_specification():
    schema = json.loads((DEPLOY / "schemas" / "compose-spec.json").read_text())
    jsonschema.Draft7Validator(schema).validate(compose())


def test_compose_cross_references_hold():
    services = compose()["services"]
    for name, service in services.items():
        for dependency in service.get("depends_on", {}):
            assert dependency in services, f"{name} depends on unknown service {dependency}"
    for name in ("web", "prefect-worker"):
        environment = services[name]["environment"]
        assert required_settings() <= set(environment), name
        assert environment["DATABASE_ROLE"] == "signalering_app"  # never the owner
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
    assert services["migrate"]["environment"]["DATABASE_ROLE"] == ""  # migrates as the owner
    assert "grant_app_role" in " ".join(services["migrate"]["command"])
    assert "/health/web" in " ".join(services["web"]["healthcheck"]["test"])
    assert "/health/flows" in " ".join(services["prefect-worker"]["healthcheck"]["test"])
    assert services["prefect-worker"]["command"][:3] == ["prefect", "worker", "start"]
    # Staging mail goes to the sink, and the sink is a service of this file.
    assert services["web"]["environment"]["EMAIL_HOST"] in services
    init = DEPLOY / "postgres-init" / "10-prefect.sql"
    assert "CREATE DATABASE prefect" in init.read_text()


def test_docker_compose_accepts_the_file_where_it_is_installed():
    # Only where the compose plugin exists (not on the build machine: docker CLI only).
    docker = shutil.which("docker")
    if (
        docker
        and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0
    ):
        example = DEPLOY / "production.env.example"
        result = subprocess.run(
            [
                docker,
                "compose",
                "--env-file",
                example,
                "-f",
                DEPLOY / "compose.yaml",
                "config",
                "-q",
            ],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
    example_names = {
        line.split("=", 1)[0]
        for line in (DEPLOY / "production.env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    }
    interpolated = set(re.findall(r"\$\{([A-Z_]+):\?", (DEPLOY / "compose.yaml").read_text()))
    assert interpolated <= example_names


def test_kubernetes_manifests_are_valid_for_the_pinned_version():
    documents = k8s_documents()
    kinds = {d["kind"] for d in documents}
    assert {"Namespace", "ConfigMap", "Secret", "Deployment", "Service", "Ingress"} <= kinds
    assert {"Job", "PodDisruptionBudget", "CronJob"} <= kinds
    for document in documents:
        validate_k8s(document, KUBERNETES_VERSION, strict=True)  # raises on any error


def test_kustomization_applies_every_manifest_but_the_example_secret():
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    listed = set(kustomization["resources"])
    on_disk = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == on_disk - {"secret.example.yaml"}


def test_every_workload_runs_non_root_read_only_with_limits():
    for name, spec in pod_specs().items():
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        tmp_volumes = {v["name"] for v in spec["volumes"] if "emptyDir" in v}
        for container in spec["containers"]:
            assert container["securityContext"]["readOnlyRootFilesystem"] is True, name
            assert container["securityContext"]["allowPrivilegeEscalation"] is False, name
            assert {"requests", "limits"} <= set(container["resources"]), name
            mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
            assert mounts.get("/tmp") in tmp_volumes, name


def test_deployments_have_probes_and_web_is_probed_on_its_health_endpoint():
    deployments = {d["metadata"]["name"]: d for d in k8s_documents() if d["kind"] == "Deployment"}
    assert set(deployments) == {"web", "prefect-server", "prefect-worker"}
    for name, deployment in deployments.items():
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            assert "readinessProbe" in container and "livenessProbe" in container, name
    web = deployments["web"]["spec"]
    assert web["replicas"] >= 2
    assert web["template"]["spec"]["containers"][0]["readinessProbe"]["httpGet"]["path"] == (
        "/health/web"
    )
    assert deployments["prefect-worker"]["spec"]["replicas"] == 2
    worker_args = deployments["prefect-worker"]["spec"]["template"]["spec"]["containers"][0]
    assert worker_args["args"][worker_args["args"].index("--type") + 1] == "process"


def test_one_image_for_all_our_containers():
    images = set()
    for name, spec in pod_specs().items():
        if name != "backup":  # pg_dump comes from PostgreSQL's own image
            images |= {c["image"] for c in spec["containers"]}
    assert len(images) == 1 and images.pop().startswith(APP_IMAGE + ":")


def test_kubernetes_provides_the_same_settings_as_compose():
    documents = k8s_documents()
    config = next(d for d in documents if d["kind"] == "ConfigMap")["data"]
    secret = next(d for d in documents if d["kind"] == "Secret")["stringData"]
    provided = set(config) | set(secret)
    assert required_settings() <= set(secret)
    for service in ("web", "prefect-worker"):
        assert (
            set(compose()["services"][service]["environment"])
            - STAGING_ONLY
            - {
                "WEB_ADDRESS",
                "WEB_CONCURRENCY",
            }
            <= provided
        ), service
    for name, spec in pod_specs().items():
        for container in spec["containers"]:
            for ref in container.get("envFrom", []):
                if "secretRef" in ref:
                    assert ref["secretRef"]["name"] == "signalering-secrets", name


def test_prefect_yaml_matches_the_flows_in_code():
    project = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    PrefectYamlModel.model_validate(project)  # what `prefect deploy` reads it with
    deployments = {d["name"]: d for d in project["deployments"]}
    assert set(deployments) == set(FLOWS) == set(SCHEDULES)
    for name, deployment in deployments.items():
        (schedule,) = deployment["schedules"]
        assert schedule == {"cron": SCHEDULES[name], "timezone": "Europe/Amsterdam"}, name
        assert deployment["work_pool"]["name"] == "signalering"
        assert deployment["concurrency_limit"] == (2 if name == "enforce-deadlines" else 1)
        path, function = deployment["entrypoint"].split(":")
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        assert getattr(module, function) is FLOWS[name], name


def test_dockerfile_runs_gunicorn_as_a_fixed_non_root_user():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim AS builder$", dockerfile, re.M)
    assert re.search(r"^USER 10001:10001$", dockerfile, re.M)
    assert "collectstatic --noinput" in dockerfile
    assert "/health/web" in dockerfile.split("HEALTHCHECK", 1)[1]
    assert dockerfile.rstrip().endswith(
        'CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi"]'
    )
    # Every container of ours runs as the image's user.
    for name, spec in pod_specs().items():
        if name != "backup":
            assert spec["securityContext"]["runAsUser"] == 10001, name


def test_the_image_build_can_load_the_settings_for_collectstatic():
    """The build's dummy values satisfy every setting production requires (a new required
    secret would otherwise break `docker build`, which no engine here runs)."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    step = next(s for s in dockerfile.split("\nRUN ") if "collectstatic" in s)
    build_env = dict(re.findall(r"([A-Z_]+)=(\S+)", step.split("python manage.py")[0]))
    assert required_settings() <= set(build_env)
    env = {k: v for k, v in os.environ.items() if k not in ("SIGNALERING_ENV", "DATABASE_URL")}
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--dry-run", "--noinput"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings", **build_env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
