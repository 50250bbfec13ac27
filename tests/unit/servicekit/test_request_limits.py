"""Whose requests count together: a mailbox whatever its spelling, an IPv6 client by its /64."""

from __future__ import annotations

import pytest
from flask import Flask

from servicekit.request_limits import client_address, mailbox


@pytest.mark.parametrize(
    "address",
    ["anna@werk.example", "Anna@Werk.Example", " anna+1@werk.example", "ANNA+x+y@werk.example"],
)
def test_spellings_of_one_mailbox_count_as_one(address: str):
    assert mailbox(address) == "anna@werk.example"


@pytest.mark.parametrize(
    ("peer", "counted_as"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
    ],
)
def test_a_client_is_its_ipv4_address_or_its_ipv6_network(peer: str, counted_as: str):
    with Flask(__name__).test_request_context(environ_base={"REMOTE_ADDR": peer}):
        assert client_address() == counted_as
