"""One dialog for every kind of record: rules broken are shown next to their field, nothing is lost."""

from typing import Any

from PySide6.QtGui import QKeyEvent
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csplanner.core import read
from csplanner.core.changes import RecordType
from csplanner.core.errors import DomainError, Stale
from csplanner.core.present import field_label
from csplanner.ui import operations
from csplanner.ui.context import AppContext
from csplanner.ui.dialogs.fields import Input
from csplanner.ui.dialogs.forms import FORMS
from csplanner.ui.labels import error_color


class ErrorLabel(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {error_color(self)};")
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.show()

    def clear_message(self) -> None:
        self.clear()
        self.hide()


class RecordDialog(QDialog):
    """New (record_id None, pre-filled from defaults) or edit; OK runs the undoable command."""

    def __init__(self, parent: QWidget | None, ctx: AppContext, record_type: RecordType, record_id: int | None = None,
                 defaults: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.form, self.record_id = ctx, FORMS[RecordType(record_type)], record_id
        self.record_type = self.form.record_type
        self.saved_id: int | None = None
        today = ctx.today()
        if record_id is None:
            # the model's own defaults (run type medium, ...), so the form starts where the core would
            mine = {"owner": ctx.user} if self.record_type == RecordType.ACCOUNT else {}  # a new account is yours
            self.original: dict[str, Any] = {**read.new_record_fields(self.record_type), **mine,
                                             **self.form.defaults(today), **(defaults or {})}
        else:
            self.original = read.record_fields(ctx.db, self.record_type, record_id)
        noun = self.form.noun
        self.setWindowTitle(f"New {noun}" if record_id is None else f"Edit {noun} — {self.form.title(self.original)}")
        self.inputs: dict[str, Input] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.general_error = ErrorLabel()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field in self.form.inputs(today):
            self.inputs[field.name] = field
            bind = getattr(field, "bind", None)
            if bind is not None:  # a pick list loads the account's runs or people (and the current links)
                bind(ctx, self)
            if field.name in self.original:
                field.set_value(self.original[field.name])
            error = ErrorLabel()
            self.errors[field.name] = error
            cell = QVBoxLayout()
            cell.setSpacing(2)
            if field.widget.maximumWidth() < 10_000:  # a narrow input (a date) must not narrow its error
                cell.addWidget(field.widget, 0, Qt.AlignmentFlag.AlignLeft)
            else:
                cell.addWidget(field.widget)
            cell.addWidget(error)
            if text:
                caption = QLabel(text)
                caption.setBuddy(field.widget)
                form.addRow(caption, cell)
            else:
                form.addRow(cell)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(f"Add {noun}" if record_id is None else "OK")
        self.ok_button.setToolTip("Saves at once; Edit → Undo takes it back (Ctrl+Enter from anywhere in the form)")
        # someone else saved this record meanwhile: read theirs, keep what was typed here on top
        self.reload_button = QPushButton("&Reload")
        self.reload_button.setToolTip("Read the record as it is saved now; what you changed here stays as typed")
        self.reload_button.clicked.connect(self.reload)
        self.reload_button.hide()
        self.buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for field in self.inputs.values():
            field.widget.installEventFilter(self)  # Ctrl+Enter saves even from a multi-line note
        self.setMinimumWidth(480)
        first = next(iter(self.inputs.values()))
        if record_id is None and self.form.start_in in self.inputs:  # a check-in: type what was said at once
            first = self.inputs[self.form.start_in]
        first.widget.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.accept()
            return True
        return super().eventFilter(watched, event)

    # --- reading the form ---------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """What the form says now; raises DomainError for input it cannot even read (e.g. ARR 'abc')."""
        return {name: field.value() for name, field in self.inputs.items()}

    def show_error(self, error: DomainError) -> None:
        label = self.errors.get(error.field or "")
        if label is None:
            self.general_error.show_message(error.message)
        else:
            label.show_message(error.message)
            self.inputs[error.field or ""].widget.setFocus()
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show every line of a wrapped message (a dialog does not grow for one by itself)."""
        layout = self.layout()
        layout.activate()
        need = layout.heightForWidth(self.width()) if layout.hasHeightForWidth() else layout.sizeHint().height()
        if need > self.height():
            self.resize(self.width(), need)

    def clear_errors(self) -> None:
        self.general_error.clear_message()
        for label in self.errors.values():
            label.clear_message()

    # --- saving -------------------------------------------------------------------------
    def save(self, values: dict[str, Any]) -> operations.Outcome | None:
        """Run the verb for what changed (None: nothing did)."""
        if self.record_id is None:
            fields = read.field_names(self.record_type)
            hidden = {k: v for k, v in self.original.items() if k in fields and k not in values}
            if self.record_type == RecordType.CHECK_IN and isinstance(hidden.get("account_id"), int):
                # logging completes a planned check-in near that day instead of adding a second
                fields = {k: v for k, v in {**hidden, **values}.items() if k != "account_id"}
                return operations.log_checkin(self.ctx, hidden["account_id"], fields)
            return operations.create_record(self.ctx, self.record_type, {**hidden, **values})
        changes = {k: v for k, v in values.items() if v != self.original.get(k)}
        if not changes:
            return None
        return operations.update_record(self.ctx, self.record_type, self.record_id, changes,
                                        seen=self.original.get("version"))

    def reload(self) -> None:
        """After a conflict: take the record as saved now (its new version), and put back on top
        of it every field the user changed here. OK then saves those over the other person's."""
        assert self.record_id is not None
        typed = {k: v for k, v in self.values_as_typed().items() if v != self.original.get(k)}
        try:
            fresh = read.record_fields(self.ctx.db, self.record_type, self.record_id)
        except DomainError as exc:  # deleted meanwhile: nothing to reload; the typed text stays
            self.general_error.show_message(exc.message)
            return
        self.original = fresh
        for name, field in self.inputs.items():
            if name in fresh:
                field.set_value(typed.get(name, fresh[name]))
        self.clear_errors()
        self.reload_button.hide()
        kept = ", ".join(field_label(k).lower() for k in typed) or "nothing"
        self.general_error.show_message(f"Reloaded as saved now. Your changes are kept on top ({kept}): "
                                        "OK saves them.")
        self._fit_height()

    def values_as_typed(self) -> dict[str, Any]:
        """The inputs' values, skipping any that cannot be read (they stay as typed on screen)."""
        out: dict[str, Any] = {}
        for name, field in self.inputs.items():
            try:
                out[name] = field.value()
            except DomainError:
                continue
        return out

    def accept(self) -> None:
        self.clear_errors()
        try:
            values = self.values()
        except DomainError as exc:
            self.show_error(exc)
            return
        outcome = self.save(values)
        if outcome is not None and outcome.error is not None:  # nothing was saved; the input stays as typed
            self.show_error(outcome.error)
            if isinstance(outcome.error, Stale) and self.record_id is not None:
                self.reload_button.show()
                self.reload_button.setFocus()
            return
        self.saved_id = outcome.record_id if outcome is not None else self.record_id
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, record_type: RecordType, record_id: int | None = None,
            defaults: dict[str, Any] | None = None) -> int | None:
        """Open the dialog; the saved record's id, or None if cancelled."""
        dialog = cls(parent, ctx, record_type, record_id, defaults)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.saved_id
        finally:
            dialog.deleteLater()
