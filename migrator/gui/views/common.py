"""Small building blocks the panels share: a progress strip bound to a task, a status banner."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from migrator.gui import theme
from migrator.gui.errors import explain
from migrator.gui.workers import TaskHandle, bound


class ProgressStrip(QWidget):
    """Progress of one task with its message and a Cancel (or Pause) button."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None, cancel_text: str = "") -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("progress-bar")
        self.bar.setTextVisible(True)
        self.bar.setMinimumWidth(160)
        self.message = QLabel(self)
        self.message.setObjectName("progress-message")
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.cancel_button = QPushButton(cancel_text or self.tr("Cancel"), self)
        self.cancel_button.setObjectName("progress-cancel")
        self.cancel_button.setToolTip(
            self.tr("Stop at the next safe point; nothing is left half done")
        )
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.cancel_button)
        self.handle: TaskHandle | None = None
        self.hide()

    def track(
        self, handle: TaskHandle, cancel_text: str = "", cancel_reason: str = "cancelled"
    ) -> None:
        self.handle = handle
        self._reason = cancel_reason
        if cancel_text:
            self.cancel_button.setText(cancel_text)
        self.bar.setRange(0, 0)
        self.message.setText(self.tr("Starting…"))
        self.cancel_button.setEnabled(True)
        handle.progress.connect(bound(self, self._progress))
        handle.finished.connect(bound(self, self._finished))
        self.show()

    def _progress(self, done: int, total: Any, message: str) -> None:
        if total:
            self.bar.setRange(0, int(total))
            self.bar.setValue(min(int(done), int(total)))
        else:
            self.bar.setRange(0, 0)
        self.message.setText(message)
        self.message.setToolTip(message)

    def cancel(self) -> None:
        if self.handle is not None and self.handle.running:
            self.handle.cancel(self._reason)
            self.cancel_button.setEnabled(False)
            self.message.setText(self.tr("Stopping after the step in progress…"))

    def _finished(self) -> None:
        self.hide()
        self.finished.emit()


class Banner(QFrame):
    """A one-line coloured statement: ready, needs attention, blocked, failed..."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setObjectName("banner-text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        self.kind = "muted"

    def show_text(self, text: str, kind: str = "muted") -> None:
        self.kind = kind
        colour = theme.colour(kind).name()
        self.setStyleSheet(
            f"QFrame#banner {{ border: 1px solid {colour}; border-left: 4px solid {colour}; "
            "border-radius: 3px; }"
        )
        self.label.setText(text)
        self.show()

    def show_error(self, exc: BaseException, note: str = "") -> None:
        """The error as explain() words it, then `note` (what it left as it was)."""
        explained = explain(exc)
        self.show_text(f"{explained.summary} {note}".strip(), "bad")
        self.label.setToolTip(explained.details)
        self.error = exc

    def text(self) -> str:
        return self.label.text()


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    label.setFont(font)
    return label


def muted(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(label.foregroundRole(), theme.colour("muted"))
    label.setPalette(palette)
    return label
