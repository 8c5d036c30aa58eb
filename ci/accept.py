"""Listens on ADDRESS:PORT until COUNT connections have come, closing each; fails (a traceback, exit
status 1) when they have not all come within 20 s. ci/netns-lib.sh runs it on each test host to
check that every other host reaches it over TCP.
usage: python3 ci/accept.py ADDRESS PORT COUNT"""
import socket
import sys

address, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with socket.socket() as server:
    server.bind((address, port))
    server.listen(8)
    server.settimeout(20)
    for _ in range(count):
        server.accept()[0].close()
