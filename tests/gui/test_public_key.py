"""The mapping view's 'Public key for new applications…': a chosen PEM public key is stored in
the decisions over a real migration file (planning on the worker thread), its fingerprint is
shown, the plan's new applications carry it; a private key is refused and never stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from migrator.gui.session import MigrationSession
from migrator.gui.workspace import Workspace
from migrator.model.plan import ActionKind
from migrator.model.public_key import fingerprint
from tests.gui import factories
from tests.public_keys import private_pem, public_pem

pytestmark = pytest.mark.gui
WAIT = 30_000


def _open(qtbot, tmp_path: Path, target: str) -> MigrationSession:
    path = factories.migration_file(tmp_path, factories.inventory(12, apps=2), target)
    return factories.open_session(qtbot, path)


@pytest.fixture
def session(qtbot, tmp_path: Path) -> Iterator[MigrationSession]:
    opened = _open(qtbot, tmp_path, "vonage")
    yield opened
    opened.close()


def _planned(qtbot, session: MigrationSession) -> Workspace:
    workspace = Workspace(session)
    qtbot.addWidget(workspace)
    qtbot.waitUntil(lambda: not session.busy, timeout=WAIT)
    workspace.build_plan("replace")
    qtbot.waitUntil(lambda: not session.busy, timeout=WAIT)
    return workspace


def test_choosing_a_public_key_stores_it_shows_its_fingerprint_and_clearing_drops_it(
    qtbot, session, tmp_path: Path
) -> None:
    panel = _planned(qtbot, session).mapping
    assert not panel.key_button.isHidden() and panel.key_clear.isHidden()
    assert panel.key_label.text() == "New applications get a key pair from the target"
    key_file = tmp_path / "public.pem"
    key_file.write_text(public_pem())

    panel.choose_public_key(str(key_file))  # what the file dialog's choice calls
    qtbot.waitUntil(lambda: not session.busy, timeout=WAIT)
    assert session.data.mapping.decisions.application_public_key == public_pem()
    assert session.data.mapping.decisions.default_strategy.value == "replace"  # kept
    assert panel.key_label.text() == (
        f"Public key for new applications: {fingerprint(public_pem())}"
    )
    creates = [a for a in session.data.plan.actions if a.kind is ActionKind.CREATE_APPLICATION]
    assert creates and all(a.params["spec"]["public_key"] == public_pem() for a in creates)
    assert not panel.key_clear.isHidden()

    panel.key_clear.click()
    qtbot.waitUntil(lambda: not session.busy, timeout=WAIT)
    assert session.data.mapping.decisions.application_public_key is None
    assert panel.key_clear.isHidden()


@pytest.mark.parametrize("content", ["private", "garbage"])
def test_a_private_key_or_garbage_is_refused_and_not_stored(
    qtbot, session, tmp_path: Path, content: str
) -> None:
    panel = _planned(qtbot, session).mapping
    key_file = tmp_path / "key.pem"
    key_file.write_text(private_pem() if content == "private" else "hello")
    panel.choose_public_key(str(key_file))
    assert panel.key_error is not None
    says = "That is a private key" if content == "private" else "Not a PEM public key"
    assert panel.key_error.text().startswith(says)
    assert private_pem().splitlines()[1] not in panel.key_error.text()
    assert not session.busy and session.data.mapping.decisions.application_public_key is None
    panel.key_error.close()


def test_the_key_button_is_hidden_for_a_target_without_key_pairs(qtbot, tmp_path: Path) -> None:
    opened = _open(qtbot, tmp_path, "twilio")
    try:
        panel = _planned(qtbot, opened).mapping
        assert opened.data.mapping is not None
        assert panel.key_button.isHidden() and panel.key_label.isHidden()
    finally:
        opened.close()
