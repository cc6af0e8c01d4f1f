#!/usr/bin/python3
"""A local SMTP relay for the notice tests (Debian python3-aiosmtpd): STARTTLS required, then
AUTH LOGIN/PLAIN with one user, every message written as DIR/mail-N.eml (the bytes as received)
with DIR/mail-N.rcpt (the envelope). Writes DIR/port once it accepts; runs until SIGTERM."""
import argparse
import logging
import os
import signal
import socket
import ssl
import threading

logging.getLogger("mail.log").setLevel(logging.ERROR)  # aiosmtpd 1.4 warns of its login_data
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

args = argparse.ArgumentParser()
args.add_argument("--dir", required=True)
args.add_argument("--cert", required=True)
args.add_argument("--key", required=True)
args.add_argument("--user", default="reception")
args.add_argument("--password", default="relay-secret")
opt = args.parse_args()


class Keep:
    def __init__(self):
        self.n = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.n += 1
            n = self.n
        base = os.path.join(opt.dir, "mail-%d" % n)
        with open(base + ".rcpt", "w") as f:
            f.write(envelope.mail_from + "\n" + "\n".join(envelope.rcpt_tos) + "\n")
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".tmp", base + ".eml")
        return "250 OK: queued as %d" % n


def authenticate(server, session, envelope, mechanism, data):
    ok = (isinstance(data, LoginPassword) and data.login == opt.user.encode()
          and data.password == opt.password.encode())
    return AuthResult(success=ok, handled=False)  # handled=True would answer nothing


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
tls.load_cert_chain(opt.cert, opt.key)
port = free_port()
relay = Controller(Keep(), hostname="127.0.0.1", port=port, tls_context=tls,
                   require_starttls=True, authenticator=authenticate, auth_require_tls=True,
                   decode_data=False)
relay.start()
with open(os.path.join(opt.dir, "port.tmp"), "w") as f:
    f.write(str(port))
os.rename(os.path.join(opt.dir, "port.tmp"), os.path.join(opt.dir, "port"))
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stop.set())
stop.wait()
relay.stop()
