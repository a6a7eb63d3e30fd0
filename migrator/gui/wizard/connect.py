"""Wizard pages 1-3: the departing account, the target account, and discovery (the first write)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from migrator import paths
from migrator.gui.session import MigrationSession, read_all
from migrator.gui.views.common import Banner, ProgressStrip, muted
from migrator.gui.views.inventory import InventoryPanel
from migrator.gui.wizard.profile_picker import ProfilePicker
from migrator.gui.workers import TaskHandle, bound
from migrator.services import migrations
from migrator.vendors.file_import import CSV_TEMPLATE

if TYPE_CHECKING:
    from migrator.gui.wizard.wizard import MigrationWizard


class SourcePage(QWizardPage):
    def __init__(self, wizard: MigrationWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setObjectName("page-source")
        self.setTitle(self.tr("Connect the departing account"))
        self.setSubTitle(
            self.tr(
                "Where the numbers and applications are today. migrator only reads this account "
                "until you reach the decommission step."
            )
        )
        self.use_profile = QRadioButton(self.tr("A vendor &account (API credentials)"), self)
        self.use_profile.setObjectName("source-use-profile")
        self.use_file = QRadioButton(self.tr("An &export file (the vendor has no API left)"), self)
        self.use_file.setObjectName("source-use-file")
        group = QButtonGroup(self)
        group.addButton(self.use_profile)
        group.addButton(self.use_file)
        self.picker = ProfilePicker("source", wizard.runner, self)
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("source-file")
        self.file_edit.setPlaceholderText(
            self.tr("CSV or JSON: the departing vendor's export, or a filled-in template")
        )
        browse = QPushButton(self.tr("B&rowse…"), self)
        browse.clicked.connect(self._browse)
        self.template_button = QPushButton(self.tr("Save a &template…"), self)
        self.template_button.setObjectName("source-save-template")
        self.template_button.setToolTip(
            self.tr("A CSV with every column this import reads and two example rows to replace")
        )
        self.template_button.clicked.connect(lambda: self.save_template())
        self.template_note = muted("", self)
        self.template_note.setObjectName("source-template-note")
        self.template_note.hide()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        file_row.addWidget(self.template_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.use_profile)
        layout.addWidget(self.picker)
        layout.addSpacing(12)
        layout.addWidget(self.use_file)
        layout.addLayout(file_row)
        layout.addWidget(self.template_note)
        layout.addStretch(1)
        layout.addWidget(
            muted(
                self.tr(
                    "Secrets stay in this computer's keychain; the migration file only names "
                    "the account."
                ),
                self,
            )
        )
        self.use_profile.setChecked(True)
        for signal in (self.use_profile.toggled, self.file_edit.textChanged):
            signal.connect(self._changed)
        self.picker.changed.connect(self._changed)
        self._changed()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Inventory export"), "", self.tr("Exports (*.csv *.json)")
        )
        if path:
            self.file_edit.setText(path)
            self.use_file.setChecked(True)

    def save_template(self, path: Path | None = None) -> Path | None:
        """Write the CSV template where the admin chooses (asked when `path` is None); the
        note under the file row says where, or why it could not be written."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save a CSV template"),
                str(Path.home() / "numbers-template.csv"),
                self.tr("CSV files (*.csv)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            path.write_text(CSV_TEMPLATE, encoding="utf-8")
        except OSError as exc:
            self.template_note.setText(
                self.tr("The template could not be saved: %1").replace(
                    "%1", exc.strerror or str(exc)
                )
            )
            self.template_note.show()
            return None
        self.template_note.setText(
            self.tr(
                "Template saved as %1. Fill in one row per number, then choose the file here."
            ).replace("%1", str(path))
        )
        self.template_note.show()
        return path

    def _changed(self) -> None:
        from_profile = self.use_profile.isChecked()
        self.picker.setEnabled(from_profile)
        self.file_edit.setEnabled(not from_profile)
        draft = self.owner.draft
        draft.source_profile = self.picker.selected() if from_profile else None
        text = self.file_edit.text().strip()
        draft.source_file = Path(text) if (not from_profile and text) else None
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        draft = self.owner.draft
        if draft.source_file is not None:
            return draft.source_file.is_file()
        return draft.source_profile is not None


class TargetPage(QWizardPage):
    def __init__(self, wizard: MigrationWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setObjectName("page-target")
        self.setTitle(self.tr("Choose the target account and where to save"))
        self.setSubTitle(
            self.tr(
                "The Twilio, Vonage or Plivo account that takes over. The migration is one file "
                "you can reopen later from File > Open Recent."
            )
        )
        self.picker = ProfilePicker("target", wizard.runner, self)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("migration-path")
        self.path_edit.setToolTip(self.tr("The *.migration file to create"))
        browse = QPushButton(self.tr("B&rowse…"), self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.warning = Banner(self)
        self.warning.hide()
        form = QFormLayout(self)
        form.addRow(self.tr("&Target account:"), self.picker)
        save_label = QLabel(self.tr("&Save as:"), self)
        save_label.setBuddy(self.path_edit)
        form.addRow(save_label, path_row)
        form.addRow(self.warning)
        self.picker.changed.connect(self._changed)
        self.path_edit.textChanged.connect(self._changed)
        self._edited_path = False
        self.path_edit.textEdited.connect(lambda _t: setattr(self, "_edited_path", True))

    def initializePage(self) -> None:
        self.picker.exclude = self.owner.draft.source_profile
        self.picker.reload()
        self._suggest_path()

    def _suggest_path(self) -> None:
        if self._edited_path:
            return
        folder = self.owner.folder or paths.data_dir() / "migrations"
        self.path_edit.setText(str(folder / self.owner.draft.suggested_name()))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the migration as"),
            self.path_edit.text(),
            self.tr("Migrations (*.migration)"),
        )
        if path:
            self._edited_path = True
            self.path_edit.setText(path)

    def _changed(self) -> None:
        draft = self.owner.draft
        draft.target_profile = self.picker.selected()
        self._suggest_path()
        text = self.path_edit.text().strip()
        path = Path(text) if text else None
        if path is not None and path.suffix != migrations.MIGRATION_SUFFIX:
            path = path.with_name(path.name + migrations.MIGRATION_SUFFIX)
        draft.path = path
        if path is not None and path.exists():
            self.warning.show_text(
                self.tr(
                    "%1 already exists: choose another name, or open it with File > Open."
                ).replace("%1", path.name),
                "bad",
            )
        else:
            self.warning.hide()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        draft = self.owner.draft
        return bool(draft.target_profile and draft.path and not draft.path.exists())


class DiscoverPage(QWizardPage):
    """Reads both accounts, then creates the migration file: the wizard's first write."""

    def __init__(self, wizard: MigrationWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setObjectName("page-discover")
        self.setTitle(self.tr("Discover"))
        self.setSubTitle(
            self.tr(
                "Read every number, application, messaging service, SIP trunk, subaccount and "
                "webhook of both accounts. Nothing is changed on them. The result is saved in "
                "the migration file."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(self.owner.WizardButton.CommitButton, self.tr("&Next >"))
        self.discover_button = QPushButton(self.tr("&Discover and save"), self)
        self.discover_button.setObjectName("discover-button")
        self.discover_button.setToolTip(self.tr("Read both accounts and create the migration file"))
        self.discover_button.clicked.connect(self.discover)
        self.progress = ProgressStrip(self)
        self.banner = Banner(self)
        self.banner.hide()
        self.inventory = InventoryPanel(self)
        self.inventory.hide()
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.discover_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.banner)
        layout.addWidget(self.inventory, 1)
        layout.addStretch(1)  # keeps the button and progress at the top until there is a table
        self.page_layout = layout
        self.handle: TaskHandle | None = None

    def initializePage(self) -> None:
        draft = self.owner.draft
        self.banner.show_text(
            self.tr("Ready to read %1 and %2, then save %3.")
            .replace(
                "%1", draft.source_profile or (draft.source_file.name if draft.source_file else "")
            )
            .replace("%2", draft.target_profile or "")
            .replace("%3", str(draft.path)),
            "muted",
        )

    def discover(self) -> TaskHandle | None:
        if self.owner.session is not None or (self.handle and self.handle.running):
            return None
        draft = self.owner.draft
        assert draft.path is not None and draft.target_profile is not None
        path, source, target = draft.path, draft.source(), draft.target_profile

        runner = self.owner.runner

        def discover_and_open(progress, cancel):  # type: ignore[no-untyped-def]
            created = migrations.new_migration(path, source, target, progress, cancel)
            file = migrations.open_migration(created)
            return file, read_all(file, progress, cancel)

        self.handle = runner.start("discover", discover_and_open)
        self.progress.track(self.handle)
        self.discover_button.setEnabled(False)
        self.banner.hide()
        self.handle.succeeded.connect(bound(self, self._discovered))
        self.handle.failed.connect(bound(self, self._failed))
        self.handle.cancelled.connect(bound(self, self._cancelled))
        return self.handle

    def _discovered(self, opened) -> None:  # type: ignore[no-untyped-def]
        session = MigrationSession.from_opened(opened, self.owner.runner)
        self.owner.set_session(session)
        self.banner.show_text(
            self.tr("Saved %1. Both accounts were read; nothing was changed on them.").replace(
                "%1", str(session.path)
            ),
            "ok",
        )
        self.inventory.show_inventory(session.data.source)
        session.changed.connect(
            lambda what: (
                self.inventory.show_facts(session.data.source, session.summaries.get("source"))
                if what == "summary"
                else None
            )
        )
        session.summarize("source")
        self.inventory.show()
        self.page_layout.setStretch(self.page_layout.count() - 1, 0)
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.banner.show_error(exc)
        self.discover_button.setEnabled(True)

    def _cancelled(self, reason: str) -> None:
        self.banner.show_text(
            self.tr("Discovery stopped: no file was written. Press Discover to start again."),
            "warn",
        )
        self.discover_button.setEnabled(True)

    def isComplete(self) -> bool:
        return self.owner.session is not None

    def cleanupPage(self) -> None:
        if self.handle is not None and self.handle.running:
            self.handle.cancel("you went back")
