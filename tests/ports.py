"""Ports for the servers tests start: chosen free at run time, never fixed, so that two runs
(or two engineers) on one machine do not collide."""

import socket


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (the system's pick for port 0)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
