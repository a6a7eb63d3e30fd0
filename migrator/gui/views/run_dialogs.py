"""The confirmations a run asks for: each stage, manual steps, rollback, and the decommission gate.

The decommission gate is the one irreversible step: the admin must type the source account's name
(or id). The button stays disabled until the text matches, and a wrong entry is refused in words;
the engine checks the same confirmation again before releasing anything.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from migrator.gui import theme
from migrator.gui.i18n import translated
from migrator.gui.views.plan import STAGE_HELP, counts_text, stage_name
from migrator.model.plan import Action, ActionKind, Stage


class StageDialog(QDialog):
    """'Run stage X: N actions on ...?' with a tick box per manual step done by hand."""

    def __init__(
        self,
        stage: Stage,
        actions: Sequence[Action],
        account: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stage-dialog")
        self.setWindowTitle(self.tr("Run stage: %1").replace("%1", stage_name(stage)))
        counts: dict[str, int] = {}
        for action in actions:
            counts[action.kind.value] = counts.get(action.kind.value, 0) + 1
        text = QLabel(
            self.tr("<b>%1</b>: %2.<br>%3 action(s) on %4: %5.")
            .replace("%1", stage_name(stage, title=True))
            .replace("%2", translated("Stages", STAGE_HELP[stage]))
            .replace("%3", f"{len(actions):,}")
            .replace("%4", account)
            .replace("%5", counts_text(counts)),
            self,
        )
        text.setWordWrap(True)
        undo = QLabel(
            self.tr(
                "Everything this stage does can be rolled back. You can pause at any time; "
                "a paused or interrupted run resumes where it stopped."
            ),
            self,
        )
        undo.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(undo)
        self.manual_boxes: list[tuple[QListWidgetItem, Action]] = []
        manual = [a for a in actions if a.kind is ActionKind.MANUAL]
        if manual:
            intro = QLabel(
                self.tr(
                    "These steps are done by hand, outside migrator. Tick the ones you have "
                    "done; the others wait for a later run."
                ),
                self,
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
            self.manual_list = QListWidget(self)
            self.manual_list.setObjectName("manual-steps")
            self.manual_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
            self.manual_list.setMaximumHeight(200)
            for action in manual:
                item = QListWidgetItem(action.summary or action.item, self.manual_list)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setToolTip(action.summary or action.item)
                self.manual_boxes.append((item, action))
            layout.addWidget(self.manual_list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Run %1").replace("%1", stage_name(stage))
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        self.setMinimumWidth(480)

    def manual_done(self) -> set[str]:
        return {
            action.id
            for item, action in self.manual_boxes
            if item.checkState() == Qt.CheckState.Checked
        }

    def tick_all(self) -> None:
        for item, _action in self.manual_boxes:
            item.setCheckState(Qt.CheckState.Checked)


class DecommissionDialog(QDialog):
    """The irreversible gate: type the source account's name to release and delete."""

    def __init__(
        self,
        account_label: str,
        accepted_names: Collection[str],
        pending: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("decommission-dialog")
        self.setWindowTitle(self.tr("Decommission the source account"))
        self._names = {n.strip() for n in accepted_names if n and n.strip()}
        warning = QLabel(
            self.tr(
                "<b>This cannot be undone.</b> %1 action(s) will release numbers and delete "
                "applications on <b>%2</b>. A released number may be gone for good. Only items "
                "whose verification passed are touched, and no number that is still being "
                "ported."
            )
            .replace("%1", f"{pending:,}")
            .replace("%2", account_label),
            self,
        )
        warning.setWordWrap(True)
        prompt = QLabel(self.tr("Type the source account's name or id to confirm:"), self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("decommission-name")
        self.name_edit.setAccessibleName(self.tr("Source account name"))
        self.name_edit.setPlaceholderText(account_label)
        prompt.setBuddy(self.name_edit)
        self.refusal = QLabel(self)
        self.refusal.setObjectName("decommission-refusal")
        self.refusal.setWordWrap(True)
        palette = self.refusal.palette()
        palette.setColor(self.refusal.foregroundRole(), theme.colour("bad"))
        self.refusal.setPalette(palette)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.confirm_button = self.buttons.addButton(
            self.tr("Decommission"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.confirm_button.setObjectName("decommission-confirm")
        self.confirm_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.confirm_button.clicked.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._typed)
        self.name_edit.returnPressed.connect(self.try_accept)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addWidget(prompt)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def typed(self) -> str:
        return self.name_edit.text().strip()

    def matches(self) -> bool:
        return self.typed in self._names

    def _typed(self) -> None:
        self.confirm_button.setEnabled(self.matches())
        self.refusal.clear()

    def try_accept(self) -> None:
        if self.matches():
            self.accept()
            return
        self.refusal.setText(
            self.tr("'%1' is not the source account's name or id. Nothing was released.").replace(
                "%1", self.typed
            )
        )


class RollbackDialog(QDialog):
    def __init__(self, in_effect: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rollback-dialog")
        self.setWindowTitle(self.tr("Roll back"))
        text = QLabel(
            self.tr(
                "Undo the %1 completed action(s), latest first: delete the applications and "
                "release the numbers migrator created on the target, restore the previous "
                "settings, cancel port requests that can still be cancelled. Actions that cannot "
                "be undone (released numbers, deleted source applications) are listed afterwards."
            ).replace("%1", f"{in_effect:,}"),
            self,
        )
        text.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Roll back"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
