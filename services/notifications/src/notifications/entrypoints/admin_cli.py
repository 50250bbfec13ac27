"""`notifications-admin create --email ... --name ...`: the first admin of the advisor desk.

Further advisors and admins are created in the desk itself. The password is read from a
prompt (typed twice, not echoed) or, for scripts, from standard input with
`--password-stdin`, never from the command line, where `ps` and shell history would keep it.
Running it again for an existing address changes nothing and says so.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from mailing.message import ADDRESS_REFUSED, check_address, check_name
from notifications.adapters.advisor_store import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    Coverage,
    create_account,
    find_by_email,
    normalise_email,
)
from notifications.adapters.tables import ROLE_ADMIN
from servicekit.db import make_engine
from servicekit.settings import database_url_from_env


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    name, email = arguments.name.strip(), normalise_email(arguments.email)
    # The mail layer's own checks, as in the desk's advisor form.
    try:
        check_name("--name", name)
    except ValueError as refused:
        return _fail(str(refused))
    if len(name) > 200:
        return _fail("--name must be at most 200 characters")
    try:
        check_address("--email", email)
    except ValueError:
        return _fail(f"--email: {ADDRESS_REFUSED['en']}")
    engine = make_engine(database_url_from_env("notifications", os.environ))
    try:
        with engine.connect() as connection:
            exists = find_by_email(connection, email) is not None
        if exists:
            sys.stdout.write(f"An account for {email} exists already; nothing changed.\n")
            return 0
        password = _read_password(arguments.password_stdin)
        if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
            return _fail(
                f"the password must be {MIN_PASSWORD_LENGTH}-{MAX_PASSWORD_LENGTH} characters"
            )
        with engine.begin() as connection:
            create_account(
                connection,
                name=name,
                email=email,
                role=ROLE_ADMIN,
                password=password,
                # An admin covers no district or topic until edited: routing passes them by.
                coverage=Coverage(districts=(), topics=()),
                now=datetime.now(UTC),
            )
    finally:
        engine.dispose()
    sys.stdout.write(f"Admin {email} created; log in at /desk/.\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="notifications-admin", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="create an admin account of the advisor desk")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    create.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    return parser


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise SystemExit("notifications-admin: the passwords differ")
    return first


def _fail(message: str) -> int:
    sys.stderr.write(f"notifications-admin: {message}\n")
    return 2


def run() -> None:
    """The console script."""
    raise SystemExit(main())
