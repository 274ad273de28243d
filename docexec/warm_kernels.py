"""Kernels forked from a process that has already imported Keras on their backend.

Importing Keras takes 3 to 6 s (TensorFlow, or JAX, or PyTorch, and what Keras loads
with them), as long as many a short snippet takes to run. So each backend gets one
server process that imports Keras, NumPy and ipykernel once, with the environment its
kernels would get, and then forks a child for every kernel asked of it. A child is a
new process like any kernel: it takes the run's environment, working directory and
``sys.path``, starts an IPython kernel on the run's connection file, and no snippet has
run in it before.

nbclient starts ``python -m docexec.warm_kernels attach SOCKET -f FILE`` as "the
kernel" (``execute.WarmKernelManager``). That small process asks the server for a child
and lives as long as the child does: when it is killed, the child sees its connection
close and exits; when the child exits, it does too. A server exits when the build that
started it does, since it reads its standard input until that closes.

A test session starts many small builds, each of which would start its own servers.
So a process may share its servers (``share``): a build it starts with the same
interpreter and environment asks them for its kernels, through a link named by a hash
of both in a folder whose name it inherits (``DOCEXEC_WARM_SERVERS``), and starts none.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import json
import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from typing import Any

# What a kernel imports before or as a snippet starts, loaded once per backend; the
# other backends' runs import TensorFlow too, in keras.utils.set_random_seed.
PRELOADED = ("numpy", "tensorflow", "keras", "IPython", "ipykernel.kernelapp")
READY = "ready"


class _Server:
    def __init__(self, env: dict[str, str]) -> None:
        folder = tempfile.mkdtemp(prefix="docexec-warm-")  # the server removes it
        self.socket = os.path.join(folder, "server")
        with tempfile.TemporaryFile("w+") as stderr:  # read only if it fails to start
            self.process = subprocess.Popen(
                [sys.executable, "-m", "docexec.warm_kernels", "serve", self.socket],
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                start_new_session=True,  # a Ctrl-C reaches the build, which ends it
            )
            assert self.process.stdout is not None
            with self.process.stdout:  # read once: the server says nothing more
                started = self.process.stdout.readline().strip() == READY
            if not started:
                self.stop()
                stderr.seek(0)
                said = stderr.read()[-3000:]
                raise RuntimeError(f"the warm kernel server did not start:\n{said}")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """End the server (its kernels are processes of their own and go on)."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


# Variables that change between runs of one build, or between builds in one process,
# but not what a kernel imports: the engine's own settings, pytest's current test, the
# terminal's size (a build a test starts may see it), MkDocs's warning switch (which
# Material sets as it loads). Each kernel still gets them, from its run's environment.
VOLATILE_PREFIX = "DOCEXEC_"
VOLATILE = {"PYTEST_CURRENT_TEST", "COLUMNS", "LINES", "NO_MKDOCS_2_WARNING"}
SHARED = "DOCEXEC_WARM_SERVERS"  # the folder of a sharing process's links
_servers: dict[str, tuple[str, _Server]] = {}  # backend -> (environment's hash, server)
_sharing = ""  # in a process that shares its servers, the folder of their links
_lock = threading.Lock()


@atexit.register
def _stop_all() -> None:
    for _, server in _servers.values():
        server.stop()


def share() -> None:
    """Let the builds this process starts from now on use its servers."""
    global _sharing
    with _lock:
        if not _sharing:
            _sharing = tempfile.mkdtemp(prefix="docexec-shared-")
            atexit.register(shutil.rmtree, _sharing, True)
        os.environ[SHARED] = _sharing


def server_for(env: dict[str, str]) -> str:
    """The socket of a server whose kernels start with *env*: a live one of the
    process that started this build, if it shares its servers, or else this process's
    own, one per backend, replaced when the environment it imported Keras with no
    longer matches."""
    kept = sorted(
        (k, v)
        for k, v in env.items()
        if k not in VOLATILE and not k.startswith(VOLATILE_PREFIX)
    )
    # The server runs this interpreter: another one (a candidate environment) is
    # another server.
    key = hashlib.sha256(json.dumps([sys.executable, kept]).encode()).hexdigest()
    backend = env.get("KERAS_BACKEND", "")
    shared = env.get(SHARED, "")
    link = os.path.join(shared, key[:32]) if shared else ""  # within a socket's limit
    with _lock:
        known, server = _servers.get(backend, ("", None))
        if server is not None and known == key and server.alive():
            return server.socket
        if shared and shared != _sharing and _answers(link):
            return link  # a server of the process that started this build
        if server is not None:
            server.stop()
        server = _Server(env)
        _servers[backend] = (key, server)
        if shared and shared == _sharing:  # the builds this process starts use it
            os.symlink(server.socket, link + ".new")
            os.replace(link + ".new", link)
        return server.socket


def _answers(path: str) -> bool:
    """Whether a server listens at *path* (it takes the silent connection for an
    attach process that died while asking, and goes on)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(path)
        except OSError:
            return False
    return True


# ---------------------------------------------------------------- the server


def _child(
    connection: socket.socket, request: dict[str, Any], base: list[str], launcher: str
) -> None:
    """In the forked child: become the run's kernel; never returns."""
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # a snippet's subprocesses
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        extra = [p for p in request["env"].get("PYTHONPATH", "").split(os.pathsep) if p]
        sys.path[:] = [os.path.abspath(p) for p in extra] + base
        sys.argv = [launcher, *request["argv"]]  # as ipykernel_launcher sees them

        def watch() -> None:  # the attach process forwards an interrupt, or is gone
            while connection.recv(1) == b"i":
                os.kill(os.getpid(), signal.SIGINT)
            # Killed: so are the processes the snippet started, as with any kernel.
            os.killpg(os.getpid(), signal.SIGKILL)

        threading.Thread(target=watch, daemon=True).start()
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=request["argv"])
    finally:
        os._exit(0)


def serve(path: str) -> None:
    """Import what kernels need, then fork a kernel for each request on *path*."""
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped as they end
        # sys.path less what this process's start put first: the folder ``python -m``
        # ran in, then PYTHONPATH's entries; each kernel puts its own in their place.
        base = sys.path[1:]
        given = os.environ.get("PYTHONPATH", "").split(os.pathsep)
        own = {os.path.abspath(p) for p in given if p}
        while base and os.path.abspath(base[0]) in own:
            base.pop(0)
        for name in PRELOADED:
            __import__(name)
        spec = importlib.util.find_spec("ipykernel_launcher")
        launcher = str(spec.origin if spec else "ipykernel_launcher.py")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(path)
        listener.listen()
        print(READY, flush=True)
        _accept_until_the_build_ends(listener, base, launcher)
    finally:  # also when the build ended before the server was ready
        shutil.rmtree(os.path.dirname(path), ignore_errors=True)


def _accept_until_the_build_ends(
    listener: socket.socket, base: list[str], launcher: str
) -> None:
    events = selectors.DefaultSelector()
    events.register(listener, selectors.EVENT_READ)
    events.register(sys.stdin, selectors.EVENT_READ)
    while True:
        for key, _ in events.select():
            if key.fileobj is not listener:  # standard input
                if not sys.stdin.readline():  # the build ended
                    return
                continue
            connection, _ = listener.accept()
            try:
                request = json.loads(_read_line(connection))
            except (OSError, ValueError):  # its attach process died while asking
                connection.close()
                continue
            if os.fork() == 0:
                listener.close()
                _child(connection, request, base, launcher)
            connection.close()


def _read_line(connection: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            raise ConnectionError("the request ended early")
        data += chunk
    return data.decode()


# ---------------------------------------------------------------- the attach process


def attach(path: str, argv: list[str]) -> int:
    """Ask the server at *path* for a kernel; wait as long as it runs, or until the
    build that started this process is gone (as ipykernel's own parent poller does)."""
    build = os.getppid()
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.connect(path)
    request = {"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}
    connection.sendall((json.dumps(request) + "\n").encode())
    signal.signal(signal.SIGINT, lambda *_: connection.sendall(b"i"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # closing ends the kernel
    connection.settimeout(1.0)
    while True:
        try:
            if not connection.recv(64):  # the kernel has exited
                return 0
        except TimeoutError:
            if os.getppid() != build:
                return 1


def main(args: list[str]) -> int:
    if args[:1] == ["serve"]:
        serve(args[1])
        return 0
    if args[:1] == ["attach"]:
        return attach(args[1], args[2:])
    print("usage: python -m docexec.warm_kernels serve SOCKET | attach SOCKET ARGS")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
