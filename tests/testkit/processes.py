"""A service's processes (eventing.processes.ServiceProcesses) as its console scripts find
them: through the installed `<service>-migrate` entry point, so a test follows the service
wherever its entrypoints live and fails if the script would not start."""

from __future__ import annotations

from importlib.metadata import entry_points

from eventing.processes import ServiceProcesses


def service_processes(service: str) -> ServiceProcesses:
    (script,) = entry_points(group="console_scripts", name=f"{service}-migrate")
    # The script's target is `<module>:processes.migrate`, a method of the processes.
    processes = script.load().__self__
    assert isinstance(processes, ServiceProcesses), script.value
    return processes
