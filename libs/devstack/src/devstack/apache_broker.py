"""A single-node Apache Kafka (KRaft) broker as a child process on loopback.

Its jars come from Maven Central by `make kafka` (the version in `apache_kafka/pom.xml`, the
one deploy/ pins) into `.cache/kafka/<version>/libs`; Java 17 runs them. Unlike Tansu it keeps
its log on disk, so a restart (even after SIGKILL) keeps topics, records and offsets.
"""

from __future__ import annotations

import base64
import logging
import os
import shutil
import signal
import subprocess
import uuid
from collections.abc import Mapping
from pathlib import Path

from devstack.broker_process import BrokerProcess, BrokerStartError
from devstack.maven import pom_property
from devstack.ports import LOOPBACK, free_port, port_accepts

logger = logging.getLogger(__name__)

_HERE = Path(__file__).parent / "apache_kafka"
POM = _HERE / "pom.xml"
_READY_LINE = "Kafka Server started"
# The broker runs beside the whole system on two cores; its default 1 GiB heap is for
# production traffic.
_JVM_OPTIONS = ("-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true")


def kafka_version() -> str:
    """The Apache Kafka version of the pom: one number for tests, `make kafka` and deploy/."""
    try:
        return pom_property(POM, "kafka.version")
    except ValueError as error:
        raise BrokerStartError(str(error)) from error


def default_libs_dir() -> Path:
    """Where `make kafka` puts the jars, below the working directory (the project root)."""
    return Path(".cache/kafka", kafka_version(), "libs").absolute()


class ApacheBroker(BrokerProcess):
    """Runs `kafka.Kafka` (broker and controller in one process) on host:port.

    `stop()` asks the broker to shut down cleanly (SIGTERM); `kill()` is the crash a test
    wants. Either way `start()` again resumes from the same log directory: topics, records
    and committed offsets survive.

    `extra_properties` are written after the test settings and win over them (another
    listener, TLS, SASL); `scram_users` (name -> password) get SCRAM-SHA-512 credentials
    when the storage is formatted.
    """

    name = "Apache Kafka"
    profile = "apache"

    def __init__(
        self,
        port: int = 9092,
        *,
        log_dir: Path | str = "var/log",
        data_dir: Path | str | None = None,
        libs_dir: Path | None = None,
        host: str = LOOPBACK,
        start_timeout: float = 60.0,
        stop_timeout: float = 30.0,
        extra_properties: Mapping[str, str] | None = None,
        scram_users: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(host, port, Path(log_dir).absolute() / "apache-kafka.log", start_timeout)
        self.data_dir = Path(data_dir or Path(log_dir) / "apache-kafka-data").absolute()
        self.controller_port = self._kept_controller_port() or free_port(host)
        self.libs_dir = libs_dir or default_libs_dir()
        self.stop_timeout = stop_timeout
        self.extra_properties = dict(extra_properties or {})
        self.scram_users = dict(scram_users or {})

    def stop(self) -> None:
        """A clean shutdown (SIGTERM), or SIGKILL when it takes longer than stop_timeout."""
        if self.is_running():
            assert self._process is not None
            self._process.send_signal(signal.SIGTERM)
            try:
                self._process.wait(self.stop_timeout)
            except subprocess.TimeoutExpired:
                logger.warning(
                    "Apache Kafka ignored SIGTERM for %g s; killing it", self.stop_timeout
                )
        self.kill()

    def _prepare(self) -> tuple[list[str], Mapping[str, str] | None]:
        properties = self._write_properties()
        self._format(properties)
        return [*self._java("kafka.Kafka"), str(properties)], None

    def _serves(self) -> bool:
        # The port opens before the broker has its metadata; the log says when it serves.
        return _READY_LINE.encode() in self.new_log() and port_accepts(self.host, self.port)

    @property
    def _properties(self) -> Path:
        return self.data_dir.parent / f"{self.data_dir.name}.properties"

    def _kept_controller_port(self) -> int | None:
        """The controller port of an earlier run on this log directory: the quorum's voter
        must keep its address (`make run KAFKA=apache` keeps its log across runs)."""
        if not (self.data_dir / "meta.properties").is_file() or not self._properties.is_file():
            return None
        for line in self._properties.read_text(encoding="utf-8").splitlines():
            if line.startswith("controller.quorum.voters="):
                return int(line.rpartition(":")[2])
        return None

    def _write_properties(self) -> Path:
        template = (_HERE / "server.properties").read_text(encoding="utf-8")
        properties = self._properties
        properties.parent.mkdir(parents=True, exist_ok=True)
        settings = template.format(
            port=self.port, controller_port=self.controller_port, log_dir=self.data_dir
        )
        extra = "".join(f"{key}={value}\n" for key, value in self.extra_properties.items())
        properties.write_text(settings + extra, encoding="utf-8")
        return properties

    def _format(self, properties: Path) -> None:
        """Formats the storage once; a restart finds meta.properties and keeps the log."""
        if (self.data_dir / "meta.properties").is_file():
            return
        cluster_id = _cluster_id()
        storage_tool = self._java("kafka.tools.StorageTool")
        scram = [
            f"--add-scram=SCRAM-SHA-512=[name={name},password={password}]"
            for name, password in self.scram_users.items()
        ]
        done = subprocess.run(
            [*storage_tool, "format", "-t", cluster_id, "-c", str(properties), *scram],
            capture_output=True,
            text=True,
            check=False,
            timeout=self.start_timeout,
        )
        if done.returncode != 0:
            raise BrokerStartError(
                f"formatting {self.data_dir} failed:\n{done.stdout}{done.stderr}"
            )

    def _java(self, main_class: str) -> list[str]:
        java_home = os.environ.get("JAVA_HOME")
        java = str(Path(java_home, "bin", "java")) if java_home else shutil.which("java")
        if not java or not Path(java).is_file():
            raise BrokerStartError("Apache Kafka needs Java 17 or newer; no `java` found")
        if not any(self.libs_dir.glob("kafka_2.13-*.jar")):
            raise BrokerStartError(
                f"no Apache Kafka {kafka_version()} jars in {self.libs_dir}; run `make kafka`"
            )
        return [
            java,
            *_JVM_OPTIONS,
            f"-Dlog4j2.configurationFile={_HERE / 'log4j2.properties'}",
            "-cp",
            f"{self.libs_dir}/*",
            main_class,
        ]


def _cluster_id() -> str:
    """A random cluster id as Kafka writes them: URL-safe base64 of 16 bytes, never starting
    with "-", which the storage tool would read as an option."""
    while (cluster_id := base64.urlsafe_b64encode(uuid.uuid4().bytes).decode()[:22])[0] == "-":
        pass
    return cluster_id
