#!/usr/bin/python3
"""A local HTTPS SMS gateway for the notice tests (python3 http.server with ssl): every request
written as DIR/request-N.json (method, path, headers, body). --fail N: the first N requests get
503; --fail-always: every one; --hang S: every request waits S seconds before its answer (a
gateway that times out). Writes DIR/port once it accepts; runs until SIGTERM."""
import argparse
import json
import os
import signal
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

args = argparse.ArgumentParser()
args.add_argument("--dir", required=True)
args.add_argument("--cert", required=True)
args.add_argument("--key", required=True)
args.add_argument("--fail", type=int, default=0)
args.add_argument("--fail-always", action="store_true")
args.add_argument("--hang", type=float, default=0)
opt = args.parse_args()
count = {"n": 0}
lock = threading.Lock()


class Gateway(BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        with lock:
            count["n"] += 1
            n = count["n"]
        record = {"method": self.command, "path": self.path,
                  "headers": {k: v for k, v in self.headers.items()}, "body": body}
        base = os.path.join(opt.dir, "request-%d" % n)
        with open(base + ".tmp", "w") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(base + ".tmp", base + ".json")
        if opt.hang:
            time.sleep(opt.hang)
        failing = opt.fail_always or n <= opt.fail
        status = 503 if failing else 200
        text = b'{"error":"busy"}' if failing else b'{"status":"accepted","id":"%d"}' % n
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(text)))
        self.end_headers()
        self.wfile.write(text)

    do_POST = answer
    do_PUT = answer
    do_GET = answer

    def log_message(self, *a):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
tls.load_cert_chain(opt.cert, opt.key)
server.socket = tls.wrap_socket(server.socket, server_side=True)
with open(os.path.join(opt.dir, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(opt.dir, "port.tmp"), os.path.join(opt.dir, "port"))
signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
server.serve_forever()
