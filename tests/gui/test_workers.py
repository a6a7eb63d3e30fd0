"""Work off the GUI thread: progress, result, failure, cooperative cancel."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from migrator.gui.errors import error_box, explain
from migrator.gui.workers import TaskRunner, running_tasks
from migrator.progress import Cancelled
from migrator.vendors.errors import AuthenticationFailed, Transient

pytestmark = pytest.mark.gui


def test_task_runs_off_the_gui_thread_and_reports_progress(qtbot) -> None:
    seen_threads = []

    def work(progress, cancel):
        seen_threads.append(QThread.currentThread())
        for i in range(3):
            progress(i + 1, 3, f"step {i + 1}")
        return 42

    handle = TaskRunner().start("count", work)
    reports = []
    handle.progress.connect(lambda d, t, m: reports.append((d, t, m)))
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert handle.result == 42 and not handle.running
    assert seen_threads and seen_threads[0] is not QThread.currentThread()
    assert reports[-1] == (3, 3, "step 3")  # the final report is never throttled away
    assert handle not in running_tasks()


def test_cancel_stops_the_work_at_its_next_check(qtbot) -> None:
    started = threading.Event()

    def work(progress, cancel):
        started.set()
        while True:
            cancel.check()
            threading.Event().wait(0.005)

    handle = TaskRunner().start("forever", work)
    qtbot.waitUntil(started.is_set, timeout=5000)
    with qtbot.waitSignal(handle.cancelled, timeout=5000) as blocker:
        handle.cancel("closed by the admin")
    assert blocker.args == ["closed by the admin"]
    qtbot.waitUntil(lambda: not handle.running, timeout=5000)
    assert isinstance(handle.error, Cancelled)


def test_failure_carries_the_exception(qtbot) -> None:
    def work(progress, cancel):
        raise AuthenticationFailed("refused", vendor="twilio", status=401, code="20003")

    handle = TaskRunner(inline=True).start("fail", work)
    with qtbot.waitSignal(handle.failed, timeout=5000):
        pass
    assert isinstance(handle.error, AuthenticationFailed) and not handle.running


def test_vendor_errors_are_explained_with_the_vendor_words_in_details(qtbot) -> None:
    exc = AuthenticationFailed(
        "refused", vendor="twilio", status=401, code="20003", vendor_message="Authenticate"
    )
    explained = explain(exc)
    assert "Twilio refused these credentials" in explained.summary
    assert explained.details == "twilio HTTP 401 code 20003: Authenticate"
    box = error_box(None, "Connect", Transient("timeout", vendor="plivo"))
    qtbot.addWidget(box)
    assert "Plivo did not answer" in box.text()
    assert box.detailedText() == "plivo: timeout"


def test_unexpected_errors_say_so_and_keep_the_traceback(qtbot) -> None:
    try:
        raise KeyError("oops")
    except KeyError as exc:
        explained = explain(exc)
    assert "unexpected" in explained.summary and "KeyError" in explained.details
