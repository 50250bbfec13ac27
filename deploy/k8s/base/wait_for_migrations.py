"""Wait until a service's database has the schema this image's code expects, then exit 0.

Runs as the init container `wait-for-migrations` of every long-running pod, from a
ConfigMap (deploy/k8s/base/kustomization.yaml), in the service's own image:

    python /opt/wegweiser/wait_for_migrations.py SERVICE [MAX_WAIT_SECONDS]

The `<service>-migrate` Job brings the database to the newest revision; a Deployment cannot
depend on a Job, and the web's /readyz only asks whether the database answers, not whether
its tables are there. So each pod waits here until every Alembic head of the image (the
service's own branch, `eventing`'s and the other libraries' it migrates) is reached, and
starts only then. A database *ahead* of the image (a newer image has migrated already, this
pod belongs to the old ReplicaSet of a rolling update) counts as reached: migrations are
written to keep the previous release working.

Exit 1 after MAX_WAIT_SECONDS (default 600); the kubelet then starts the init container
again, and the pod's events show it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from importlib.metadata import entry_points

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from servicekit.db import make_engine
from servicekit.migrations import alembic_config
from servicekit.settings import ServiceSettings

logger = logging.getLogger("wait_for_migrations")
POLL_S = 2.0


def schema_is_current(script: ScriptDirectory, current: set[str]) -> bool:
    """Whether the database's revisions reach every head of the image's migrations."""
    if not current:
        return False  # nothing migrated yet
    known = {revision.revision for revision in script.walk_revisions()}
    if not current <= known:
        return True  # a newer image has migrated further
    reached = {
        revision.revision for revision in script.revision_map.iterate_revisions(current, "base")
    }
    return set(script.get_heads()) <= reached


def main(service: str, max_wait_s: float) -> int:
    # The service's own definition of its migrations (eventing.processes.ServiceProcesses),
    # found as `<service>-migrate` finds it: that script runs its `migrate` method.
    (migrate,) = entry_points(group="console_scripts", name=f"{service}-migrate")
    processes = migrate.load().__self__
    url = ServiceSettings.from_env(service, os.environ).database_url
    script = ScriptDirectory.from_config(alembic_config(url, processes.version_locations, []))
    engine = make_engine(url)
    deadline = time.monotonic() + max_wait_s
    try:
        while True:
            try:
                with engine.connect() as connection:
                    current = set(MigrationContext.configure(connection).get_current_heads())
            except Exception as error:  # the database is not there yet: wait for it too
                logger.warning("cannot read the schema revision: %s", type(error).__name__)
                current = set()
            if schema_is_current(script, current):
                logger.info("the %s schema is current", service)
                return 0
            if time.monotonic() >= deadline:
                logger.error("the %s schema is still not current: run %s-migrate", *[service] * 2)
                return 1
            time.sleep(POLL_S)
    finally:
        engine.dispose()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # not its "Context impl" lines
    sys.exit(main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 600.0))
