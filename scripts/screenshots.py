"""Walk every wizard page and workspace view on the built-in sandbox and save screenshots.

    make screenshots            (offscreen)
    xvfb-run -a python scripts/screenshots.py   (a real X server)
    python scripts/screenshots.py --lang de      (German UI, into a temporary folder)

Everything runs against a fresh sandbox with a throwaway MIGRATOR_HOME and an in-memory keychain,
so nothing of the person's own profiles or settings is touched. PNGs go to docs/screenshots/.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def _prepare_environment() -> Path:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="migrator-shots-"))
    os.environ["MIGRATOR_HOME"] = str(home)
    sys.path.insert(0, str(ROOT))
    import keyring

    from migrator.services.keychain import EphemeralKeyring

    keyring.set_keyring(EphemeralKeyring())
    return home


def _sandbox_latency(url: str, seconds: float) -> None:
    """Slow the sandbox down (control API) so a progress bar can be seen mid-way."""
    import requests

    for vendor in ("twilio", "vonage"):
        response = requests.post(
            f"{url}/_sandbox/limits", json={"vendor": vendor, "latency": seconds}, timeout=10
        )
        response.raise_for_status()


def _hand_entered_statuses(file) -> None:  # type: ignore[no-untyped-def]
    """What the vendor's support answered about the ticket ports (entered as an admin would)."""
    from migrator.services.ports import PortService

    service = PortService(file, connect=False)
    numbers = [n.e164 for r in service.requests() for n in r.numbers]
    if len(numbers) >= 3:
        service.set_status(numbers[0], "foc-confirmed", foc="2026-12-14", ticket="VG-20931")
        service.set_status(numbers[1], "submitted", ticket="VG-20931")
        service.set_status(numbers[2], "exception", reason="INVALID_ADDRESS", note="suite missing")


def _pick(combo, value) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(max(0, combo.findData(value)))


def _bulk_rules(shooter, wizard, strategy) -> None:  # type: ignore[no-untyped-def]
    """Two bulk rules saved (the editor shows what each matches and decides) and a third being
    prepared; then they are removed again, so the screenshots after this one are unchanged."""
    panel = strategy.mapping
    rules = panel.rules
    shooter.wait(lambda: rules.groups is not None, what="rule values")
    panel.tabs.setCurrentWidget(rules)
    groups = rules.groups
    countries = list(groups.countries)
    _pick(rules.country_combo, countries[-1])
    _pick(rules.strategy_combo, "port")
    rules.add_button.click()
    _pick(rules.country_combo, None)
    if "tollfree" in {t.value for t in groups.types}:
        _pick(rules.type_combo, "tollfree")
    elif groups.apps:
        _pick(rules.app_combo, next(iter(groups.apps)))
    _pick(rules.strategy_combo, "keep")
    rules.add_button.click()
    rules.save_button.click()
    shooter.wait(lambda: not strategy.handle.running, what="re-planning with rules")
    _pick(rules.type_combo, None)
    _pick(rules.country_combo, countries[0])
    _pick(rules.strategy_combo, "replace")
    rules.select(1)
    shooter.shot(wizard, "38-mapping-bulk-rules")
    while rules.rules:
        rules.select(0)
        rules.remove_current()
    rules.save_button.click()
    shooter.wait(lambda: not strategy.handle.running, what="re-planning without rules")
    panel.tabs.setCurrentWidget(panel.numbers)


class Shooter:
    def __init__(self, out: Path, only: set[str] | None = None) -> None:
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance()
        self.out = out
        self.only = only
        self.saved: list[Path] = []
        out.mkdir(parents=True, exist_ok=True)

    def settle(self, seconds: float = 0.15) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def wait(
        self,
        condition: Callable[[], bool],
        timeout: float = 120.0,
        what: str = "",
        settle: bool = True,
    ) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError(f"timed out waiting for {what}")
            self.app.processEvents()
            time.sleep(0.01)
        if settle:
            self.settle()

    def shot(self, widget, name: str, settle: bool = True) -> None:  # type: ignore[no-untyped-def]
        if self.only and name not in self.only:
            return
        if settle:
            self.settle()
        path = self.out / f"{name}.png"
        if not widget.grab().save(str(path), "PNG", 0):  # 0: smallest file
            raise RuntimeError(f"could not save {path}")
        self.saved.append(path)
        print(f"saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help=f"default: {OUT.relative_to(ROOT)}")
    parser.add_argument(
        "--lang", help="UI language, e.g. de; without --out the PNGs go to a temporary folder"
    )
    parser.add_argument("--numbers", type=int, default=60, help="size of the demo account")
    parser.add_argument("--only", nargs="*", help="names of the screenshots to save")
    args = parser.parse_args(argv)
    home = _prepare_environment()
    if args.lang:
        os.environ["MIGRATOR_LANG"] = args.lang  # read by migrator.gui.i18n
    if args.out is None:
        args.out = OUT if not args.lang else home / f"screenshots-{args.lang}"

    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QDialog

    from migrator.gui import app as gui_app
    from migrator.gui import settings, theme
    from migrator.gui.credentials import CredentialsDialog
    from migrator.gui.main_window import MainWindow
    from migrator.gui.views.ports_loa import LoaDialog
    from migrator.gui.views.run_dialogs import DecommissionDialog, StageDialog
    from migrator.gui.wizard import MigrationWizard
    from migrator.model.plan import Stage
    from migrator.services.demo import start_demo

    qt_app = gui_app.application()
    theme.apply_theme(qt_app, "light")
    shooter = Shooter(args.out, set(args.only) if args.only else None)
    setup = start_demo(home / "work", numbers=args.numbers)
    try:
        window = MainWindow(folder=home / "work")
        window.resize(1280, 800)
        window.show()
        shooter.shot(window, "01-welcome")

        dialog = CredentialsDialog(window)
        dialog.name_edit.setText("twilio-production")
        dialog.key_edit.setText("AC0123456789abcdef0123456789abcdef")
        dialog.secret_edit.setText("not-a-real-token")
        dialog.show()
        shooter.shot(dialog, "02-credentials")
        dialog.close()

        wizard = window.new_migration()
        assert isinstance(wizard, MigrationWizard)
        wizard.resize(1180, 780)
        wizard.source_page.picker.select(setup.source.name)
        shooter.shot(wizard, "10-wizard-source")
        wizard.next()
        wizard.target_page.picker.select(setup.target.name)
        shooter.shot(wizard, "11-wizard-target")
        wizard.next()
        _sandbox_latency(setup.sandbox.url, 1.0)  # slow enough to see the progress
        handle = wizard.discover_page.discover()
        progress = wizard.discover_page.progress
        shooter.wait(
            lambda: progress.isVisible() and ":" in progress.message.text(),
            60,
            "discovery progress",
            settle=False,
        )
        shooter.shot(wizard, "12-wizard-discovering", settle=False)
        shooter.wait(lambda: wizard.session is not None, what="discovery")
        _sandbox_latency(setup.sandbox.url, 0.0)
        shooter.shot(wizard, "13-wizard-discovered")
        wizard.next()
        strategy = wizard.strategy_page
        strategy.mapping.default_combo.setCurrentIndex(
            strategy.mapping.default_combo.findData("replace")
        )
        handle = strategy.plan("replace")
        shooter.wait(lambda: not handle.running, what="planning")
        _bulk_rules(shooter, wizard, strategy)
        # port the first six numbers instead: an override per number, as an admin would
        numbers = strategy.mapping.numbers
        numbers.view.selectRow(0)
        for row in range(1, 6):
            numbers.view.selectionModel().select(
                numbers.proxy.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
        strategy.mapping.override_combo.setCurrentIndex(
            strategy.mapping.override_combo.findData("port")
        )
        strategy.mapping.override_button.click()
        shooter.wait(lambda: not strategy.handle.running, what="re-planning")
        shooter.shot(wizard, "14-wizard-strategy")
        wizard.next()
        shooter.shot(wizard, "15-wizard-assessment")
        wizard.next()
        shooter.shot(wizard, "16-wizard-plan")
        wizard.next()
        run = wizard.run_page.run
        session = wizard.session
        assert session is not None and session.data.plan is not None

        pending = session.data.plan.stage_actions(Stage.PREPARE)
        stage_dialog = StageDialog(Stage.PREPARE, pending, session.account_label("target"), run)
        stage_dialog.show()
        shooter.shot(stage_dialog, "17-stage-confirmation")
        stage_dialog.close()

        def accept_all(dialog: QDialog) -> int:
            if isinstance(dialog, StageDialog):
                dialog.tick_all()
            return QDialog.DialogCode.Accepted

        run.exec_dialog = accept_all
        for stage in (Stage.PREPARE, Stage.ACQUIRE):
            handle = run.run_stage(stage)
            if handle is not None:
                shooter.wait(lambda h=handle: not h.running, 300, f"stage {stage}")
        for stage in (Stage.CONFIGURE, Stage.VERIFY):
            handle = run.run_stage(stage)
            if handle is not None:
                shooter.wait(lambda h=handle: not h.running, 300, f"stage {stage}")
        shooter.wait(lambda: session.data.status is not None, what="status")
        shooter.settle(1.0)
        shooter.shot(wizard, "18-wizard-run")
        gate = DecommissionDialog(session.account_label("source"), session.account_names(), 12, run)
        gate.name_edit.setText("Fabrikam")
        gate.try_accept()
        gate.show()
        shooter.shot(gate, "19-decommission-gate")
        gate.close()
        wizard.next()
        ports = wizard.ports_page.panel
        assert ports is not None
        shooter.wait(lambda: ports._task is None or not ports._task.running, what="ports")

        def fill_loa(dialog: QDialog) -> int:
            assert isinstance(dialog, LoaDialog)
            shooter.wait(lambda: dialog.account.count() > 0, what="LOA accounts")
            for name, value in {
                "customer_name": "Fabrikam Retail Inc",
                "account_number": "8400-1192-77",
                "billing_telephone_number": "+12125550100",
                "street": "500 Market Street",
                "street_2": "Suite 1200",
                "city": "San Francisco",
                "state": "CA",
                "zip": "94105",
                "authorized_representative": "Dana Whitfield",
                "authorized_representative_email": "dana.whitfield@example.com",
                "pin": "4412",
            }.items():
                dialog.fields[name].setText(value)
            saved = dialog.save()
            assert saved is not None
            shooter.wait(lambda: not saved.running, what="LOA check")
            dialog.resize(640, 760)
            dialog.show()
            shooter.shot(dialog, "20-loa-data")
            dialog.close()
            return QDialog.DialogCode.Accepted

        ports.exec_dialog = fill_loa
        ports.edit_loa()
        shooter.wait(lambda: ports._task is None or not ports._task.running, what="ports")
        submitted = ports.submit(confirm=False, force=True)
        assert submitted is not None
        shooter.wait(lambda: not submitted.running, what="submit")
        _hand_entered_statuses(session.file)
        shooter.wait(lambda: ports._task is None or not ports._task.running, what="ports")
        ports.refresh()
        shooter.wait(lambda: not ports._task.running, what="ports")
        ports.table.view.selectRow(0)
        shooter.shot(wizard, "21-wizard-ports")
        wizard.next()
        shooter.shot(wizard, "22-wizard-verify")
        wizard.accept()
        shooter.wait(lambda: window.workspace is not None, what="workspace")

        workspace = window.workspace
        assert workspace is not None
        for what, fmt, name in (
            ("plan", "html", "plan-report.html"),
            ("plan", "xlsx", "plan.xlsx"),
            ("journal", "csv", "rollback-log.csv"),
        ):
            exported = workspace.exports.export_to(what, fmt, home / "work" / name)
            assert exported is not None
            shooter.wait(lambda h=exported: not h.running, what=f"export {name}")
        for number, key in enumerate(
            ("overview", "inventory", "mapping", "assessment", "plan", "run", "ports", "exports"),
            start=30,
        ):
            workspace.show_page(key)
            shooter.shot(window, f"{number}-workspace-{key}")
        workspace.show_page("inventory")
        workspace.inventory.webhooks.set_filter("")
        workspace.inventory.tabs.setCurrentIndex(2)
        shooter.shot(window, "40-workspace-webhooks")

        font = qt_app.font()
        normal = font.pointSizeF()
        font.setPointSizeF(normal * 1.3)  # a common "large text" setting
        qt_app.setFont(font)
        workspace.show_page("run")
        shooter.shot(window, "43-workspace-run-large-font")
        dialog = CredentialsDialog(window)
        dialog.show()
        shooter.shot(dialog, "44-credentials-large-font")
        dialog.close()
        font.setPointSizeF(normal)
        qt_app.setFont(font)

        settings.set_theme_choice("dark")
        window.set_theme("dark")
        workspace.show_page("run")
        shooter.shot(window, "41-workspace-run-dark")
        workspace.show_page("assessment")
        shooter.shot(window, "42-workspace-assessment-dark")
        window.close()
    finally:
        setup.close()
    print(f"{len(shooter.saved)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
