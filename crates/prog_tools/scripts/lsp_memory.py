"""Peak resident memory of `prog lsp` once it has published the first
diagnostics of a plan opened as a document, and the time to them.

    python3 lsp_memory.py target/release/prog PLAN

The server reads the `.prog` files beside a document without a program,
and every file of its folder's plan: put PLAN in a folder of its own.
Reads the server's VmHWM from /proc (Linux).
"""
import json
import pathlib
import subprocess
import sys
import time


def main(server, plan):
    p = subprocess.Popen([server, "lsp"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def send(message):
        body = json.dumps(message).encode()
        p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        p.stdin.flush()

    def receive():
        length = 0
        while True:
            line = p.stdout.readline()
            if line in (b"\r\n", b""):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(p.stdout.read(length))

    uri = plan.as_uri()
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": plan.parent.as_uri(), "capabilities": {}}})
    while receive().get("id") != 1:
        pass
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    started = time.time()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "prog", "version": 1,
                                      "text": plan.read_text()}}})
    while True:
        message = receive()
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
            break
        if "id" in message and "method" in message:
            send({"jsonrpc": "2.0", "id": message["id"], "result": None})
    took = time.time() - started
    with open(f"/proc/{p.pid}/status") as status:
        peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    while receive().get("id") != 2:
        pass
    send({"jsonrpc": "2.0", "method": "exit"})
    p.wait(timeout=10)
    found = len(message["params"]["diagnostics"])
    print(f"{plan.stem}: {peak_kb // 1024} MB peak, first diagnostics after {took:.2f} s ({found})")


if __name__ == "__main__":
    main(sys.argv[1], pathlib.Path(sys.argv[2]).resolve())
