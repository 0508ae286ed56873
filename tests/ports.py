"""A free TCP port on loopback for a server a test starts, taken from a fixed range so
that test runs sharing the machine can each keep to a range of their own."""

import socket


def free_port(ports: range) -> int:
    for port in ports:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {ports.start}-{ports.stop - 1}")
