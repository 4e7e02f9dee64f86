#!/usr/bin/env python3
"""ClamAV for tests without the official signatures (their download is out
of reach here).

    clamd_test_signature.py FILE.ndb   writes a one-signature database: the
                                       EICAR test string, named Crt-Eicar-Test
    clamd_test_signature.py --ping PORT
                                       exit 0 when clamd on 127.0.0.1:PORT
                                       answers PING with PONG
"""
import socket
import sys

# The EICAR anti-virus test string: harmless, and every scanner's test file.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def write_signature(path):
    assert len(EICAR) == 68
    with open(path, "w", encoding="ascii") as f:
        f.write("Crt-Eicar-Test:0:*:" + EICAR.hex() + "\n")


def ping(port):
    try:
        with socket.create_connection(("127.0.0.1", int(port)), timeout=2) as s:
            s.sendall(b"zPING\0")
            return s.recv(16).startswith(b"PONG")
    except OSError:
        return False


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--ping":
        sys.exit(0 if ping(sys.argv[2]) else 1)
    if len(sys.argv) == 2:
        write_signature(sys.argv[1])
        sys.exit(0)
    sys.exit(__doc__)
