#!/usr/bin/python3
"""A local HTTPS SMS gateway for the notice tests (python3 http.server with ssl): every request
written as DIR/request-N.json (method, path, headers, body). --fail N: the first N requests get
503; --fail-always: every one; --hang S: every request waits S seconds before its answer (a
gateway that times out). Delivery reports, as a gateway sends them once the handset has the
message: when DIR/report-url exists (written by the test once the server listens), 0.2 s after
each accepted request the peer sends that URL {"id": <the request's client_id>, "status":
--report-status} (a form with --report-form), trusting --ca. Writes DIR/port once it accepts;
runs until SIGTERM."""
import argparse
import json
import os
import signal
import ssl
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

args = argparse.ArgumentParser()
args.add_argument("--dir", required=True)
args.add_argument("--cert", required=True)
args.add_argument("--key", required=True)
args.add_argument("--fail", type=int, default=0)
args.add_argument("--fail-always", action="store_true")
args.add_argument("--hang", type=float, default=0)
args.add_argument("--report-status", default="DELIVRD")
args.add_argument("--report-form", action="store_true")
args.add_argument("--ca")
opt = args.parse_args()
count = {"n": 0}
lock = threading.Lock()


def report(body):
    """The delivery report of the message in `body`, to the server, as its gateway would."""
    try:
        with open(os.path.join(opt.dir, "report-url")) as f:
            url = f.read().strip()
    except OSError:
        return
    time.sleep(0.2)
    fields = {"id": json.loads(body).get("client_id", ""), "status": opt.report_status}
    if opt.report_form:
        data, kind = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
    else:
        data, kind = json.dumps(fields).encode(), "application/json"
    context = ssl.create_default_context(cafile=opt.ca)
    request = urllib.request.Request(url, data=data, headers={"Content-Type": kind})
    try:
        with urllib.request.urlopen(request, context=context, timeout=5) as answer:
            status = answer.status
    except Exception as e:  # the test reads what came of it in DIR/report-N.json
        status = str(e)
    with lock:
        count["reports"] = count.get("reports", 0) + 1
        n = count["reports"]
    with open(os.path.join(opt.dir, "report-%d.tmp" % n), "w") as f:
        json.dump({"fields": fields, "answer": status}, f)
    os.rename(os.path.join(opt.dir, "report-%d.tmp" % n),
              os.path.join(opt.dir, "report-%d.json" % n))


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
        if not failing:
            threading.Thread(target=report, args=(body,), daemon=True).start()

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
