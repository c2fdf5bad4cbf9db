"""One instance per data folder: the lock, crash recovery, and the message socket."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from desktop.tray.single_instance import (
    InstanceLock,
    MessageServer,
    send,
    server_name,
)

HOLD_LOCK = """
import sys, time
from pathlib import Path
from desktop.tray.single_instance import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
print("locked" if lock.acquire() else "refused", flush=True)
time.sleep(60)
"""


def _holder(data_dir: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    return process


def test_a_second_process_cannot_take_the_lock_until_the_first_is_gone(tmp_path) -> None:
    holder = _holder(tmp_path)
    try:
        assert InstanceLock(tmp_path).acquire() is False
    finally:
        holder.send_signal(signal.SIGKILL)  # a crash: the lock file stays behind
        holder.wait()
    assert (tmp_path / "debrief.lock").exists()
    recovered = InstanceLock(tmp_path)
    assert recovered.acquire() is True
    recovered.release()


def test_names_differ_per_data_folder_and_live_in_the_runtime_dir(tmp_path) -> None:
    first = server_name(tmp_path / "a", str(tmp_path))
    assert first != server_name(tmp_path / "b", str(tmp_path))
    assert first == server_name(tmp_path / "a", str(tmp_path))
    if sys.platform != "win32":
        assert Path(first).parent == tmp_path


SEND = """
import json, sys
from desktop.tray.single_instance import send
print(json.dumps(send(sys.argv[1], sys.argv[2])))
"""


def _send_from_another_process(qtbot, name: str, command: str) -> object:
    # The client blocks (holding the GIL), so it cannot share this process with the
    # server, whose event loop qtbot keeps turning meanwhile.
    client = subprocess.Popen(
        [sys.executable, "-c", SEND, name, command],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    qtbot.waitUntil(lambda: client.poll() is not None, timeout=20000)
    assert client.stdout is not None
    return json.loads(client.stdout.read())


@pytest.fixture
def name(tmp_path) -> str:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    return server_name(tmp_path / "data", str(runtime))


def test_a_message_gets_the_handlers_answer(qtbot, name) -> None:
    seen: list[dict[str, object]] = []
    server = MessageServer(name, lambda message: seen.append(message) or {"waiting": 2})
    assert _send_from_another_process(qtbot, name, "status") == {"ok": True, "waiting": 2}
    assert seen == [{"protocol": 1, "command": "status"}]
    server.close()


def test_a_failing_handler_answers_with_an_error_and_keeps_serving(qtbot, name) -> None:
    def handler(message: dict[str, object]) -> dict[str, object]:
        raise ValueError(f"unknown command {message['command']!r}")

    server = MessageServer(name, handler)
    answer = _send_from_another_process(qtbot, name, "dance")
    assert answer == {"ok": False, "error": "unknown command 'dance'"}
    assert _send_from_another_process(qtbot, name, "dance")["ok"] is False  # still serving
    server.close()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave no file behind")
def test_a_socket_left_by_a_crash_is_replaced(qtbot, name) -> None:
    Path(name).write_text("left behind")
    server = MessageServer(name, lambda _message: {})
    assert _send_from_another_process(qtbot, name, "status") == {"ok": True}
    assert oct(os.stat(name).st_mode & 0o077) == "0o0"  # only this user may connect
    server.close()


def test_nobody_listening_is_none_quickly(name) -> None:
    assert send(name, "status", timeout_ms=500) is None


RAW_SEND = """
import sys
from PySide6.QtCore import QByteArray
from PySide6.QtNetwork import QLocalSocket
socket = QLocalSocket()
socket.connectToServer(sys.argv[1])
assert socket.waitForConnected(5000)
socket.write(QByteArray(b"[" * 50_000 + b"\\n"))
socket.waitForBytesWritten(5000)
reply = b""
while not reply.endswith(b"\\n") and socket.waitForReadyRead(10000):
    reply += bytes(socket.readAll().data())
print(reply.decode().strip())
"""


def test_a_message_nested_too_deep_gets_an_error_reply(qtbot, name) -> None:
    server = MessageServer(name, lambda _message: {})
    client = subprocess.Popen(
        [sys.executable, "-c", RAW_SEND, name],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    # An exception escaping the slot would fail this test (pytest-qt reports it).
    qtbot.waitUntil(lambda: client.poll() is not None, timeout=20000)
    assert client.stdout is not None
    assert json.loads(client.stdout.read()) == {"ok": False, "error": "not JSON"}
    assert _send_from_another_process(qtbot, name, "status") == {"ok": True}  # still serving
    server.close()


def test_a_reply_nested_too_deep_is_no_answer(qtbot, name) -> None:
    from PySide6.QtCore import QByteArray
    from PySide6.QtNetwork import QLocalServer

    hostile = QLocalServer()
    assert hostile.listen(name)

    def reply_badly() -> None:
        socket = hostile.nextPendingConnection()
        socket.readyRead.connect(lambda: socket.write(QByteArray(b"[" * 50_000 + b"\n")))

    hostile.newConnection.connect(reply_badly)
    client = subprocess.Popen(
        [sys.executable, "-c", SEND, name, "status"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    qtbot.waitUntil(lambda: client.poll() is not None, timeout=20000)
    out, err = client.communicate()
    assert (out.strip(), client.returncode) == ("null", 0), err
    assert "Traceback" not in err
    hostile.close()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes need no folder")
def test_without_a_runtime_dir_the_socket_is_in_a_folder_of_our_own(tmp_path) -> None:
    # A short folder, as /tmp is: under pytest's long tmp_path (longer still for a user with
    # a long name) the socket's path would pass the 104-byte limit and rightly fall back.
    temp = Path(tempfile.mkdtemp(prefix="t", dir="/tmp"))
    try:
        os.chmod(temp, 0o1777)  # like /tmp: everyone may create here
        name = Path(server_name(tmp_path / "data", "", str(temp)))
        assert name.parent == temp / f"debrief-{os.getuid()}"
        found = os.lstat(name.parent)
        assert found.st_uid == os.getuid() and oct(found.st_mode & 0o777) == "0o700"
        assert len(os.fsencode(name)) < 104
    finally:
        shutil.rmtree(temp)


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes need no folder")
@pytest.mark.parametrize("planted", ["symlink", "world-writable", "another user's"])
def test_a_folder_planted_by_someone_else_is_not_used(tmp_path, planted) -> None:
    temp, data_dir = tmp_path / "tmp", tmp_path / "data"
    temp.mkdir()
    data_dir.mkdir(mode=0o700)
    theirs = temp / f"debrief-{os.getuid()}"
    if planted == "symlink":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        theirs.symlink_to(tmp_path / "elsewhere")
    elif planted == "world-writable":
        theirs.mkdir()
        os.chmod(theirs, 0o777)
    else:
        if os.getuid() != 0:
            pytest.skip("only root can make a folder owned by another user")
        theirs.mkdir(mode=0o700)
        os.chown(theirs, 65534, 65534)
    name = Path(server_name(data_dir, "", str(temp)))
    assert name.parent == data_dir  # the private data folder, not their folder


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes need no folder")
def test_a_runtime_dir_writable_by_others_is_not_trusted(tmp_path) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir()
    os.chmod(runtime, 0o777)
    assert Path(server_name(tmp_path / "data", str(runtime), str(tmp_path))).parent != runtime


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes need no folder")
def test_without_a_runtime_dir_a_second_process_reaches_the_first(qtbot, tmp_path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    name = server_name(data_dir, "")
    server = MessageServer(name, lambda _message: {"waiting": 1})
    client = subprocess.Popen(
        [sys.executable, "-c", SEND_BY_FOLDER, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={k: v for k, v in os.environ.items() if k != "XDG_RUNTIME_DIR"},
    )
    qtbot.waitUntil(lambda: client.poll() is not None, timeout=20000)
    assert client.stdout is not None
    assert json.loads(client.stdout.read()) == {"ok": True, "waiting": 1}
    server.close()


SEND_BY_FOLDER = """
import json, sys
from pathlib import Path
from desktop.tray.single_instance import send, server_name
print(json.dumps(send(server_name(Path(sys.argv[1])), "status")))
"""


NO_QTNETWORK = """
import sys
from PySide6.QtCore import QCoreApplication
from desktop.tray.single_instance import MessageServer, send
app = QCoreApplication([])
server = MessageServer(sys.argv[1], lambda _message: {})
print(send(sys.argv[1] + "-nobody", "status", timeout_ms=200))
print("PySide6.QtNetwork" in sys.modules, "libQt6Network" in open("/proc/self/maps").read())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_socket_loads_no_qtnetwork(name) -> None:
    done = subprocess.run(
        [sys.executable, "-c", NO_QTNETWORK, name],
        cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True,
        check=True, timeout=60,
    )  # fmt: skip
    assert done.stdout.splitlines() == ["None", "False False"]


class _OutOfDescriptors:
    """A listening socket whose accept fails as it does when the process has no file
    descriptor left (the connection stays waiting in the backlog)."""

    def __init__(self, real) -> None:
        self.real = real

    def accept(self):
        raise OSError(24, "Too many open files")

    def fileno(self) -> int:
        return self.real.fileno()


@pytest.mark.skipif(sys.platform == "win32", reason="the Unix socket server")
def test_a_failing_accept_pauses_instead_of_spinning_then_serves_again(qtbot, name) -> None:
    server = MessageServer(name, lambda _message: {"waiting": 3})
    real = server._listener
    server._listener = _OutOfDescriptors(real)
    server._accept()
    assert not server._notifier.isEnabled()  # not called again and again meanwhile
    server._listener = real
    qtbot.waitUntil(server._notifier.isEnabled, timeout=10000)
    assert _send_from_another_process(qtbot, name, "status") == {"ok": True, "waiting": 3}
    server.close()
