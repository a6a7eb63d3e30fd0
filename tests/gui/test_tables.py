"""Table models, the fast filter/sort proxy and the filter widget, at 100,000 rows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from migrator.gui.tables.inventory import ApplicationsModel, NumbersModel, WebhooksModel
from migrator.gui.tables.model import ROW_ROLE
from migrator.gui.tables.proxy import RowFilterProxy
from migrator.gui.tables.view import FilterTable
from tests.gui import factories

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def big_inventory():
    return factories.inventory(100_000)


def test_numbers_model_shows_every_row_and_routing(qtbot, big_inventory) -> None:
    model = NumbersModel(big_inventory)
    assert model.rowCount() == 100_000
    assert model.columnCount() == len(NumbersModel.COLUMNS)
    first = model.index(0, 0)
    assert model.data(first) == "+14150000000"
    assert model.data(model.index(3, 4)) == "App 3"
    assert model.data(first, ROW_ROLE) is big_inventory.numbers[0]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Number"


def test_filter_matches_every_word_case_insensitively(qtbot, big_inventory) -> None:
    proxy = RowFilterProxy()
    proxy.setSourceModel(NumbersModel(big_inventory))
    proxy.set_filter_text("+1415000012")
    assert proxy.rowCount() == 10
    proxy.set_filter_text("tollfree  APP 3")  # every word, anywhere in the row, any case
    shown = {proxy.row_object(r).id for r in range(proxy.rowCount())}
    model = proxy.source()
    expected = {
        model.row(i).id
        for i in range(model.rowCount())
        if all(w in " ".join(model.cells(model.row(i))).lower() for w in ("tollfree", "app", "3"))
    }
    assert shown == expected and 0 < len(shown) < 100_000
    proxy.set_filter_text("")
    assert proxy.rowCount() == 100_000


def test_sort_by_column_both_ways(qtbot) -> None:
    proxy = RowFilterProxy()
    proxy.setSourceModel(ApplicationsModel(factories.inventory(120, apps=7)))
    proxy.sort(2, Qt.SortOrder.DescendingOrder)  # numbers per app, numeric
    counts = [int(proxy.data(proxy.index(r, 2))) for r in range(proxy.rowCount())]
    assert counts == sorted(counts, reverse=True) and counts[0] == 18
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    names = [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]
    assert names == sorted(names, key=str.casefold)


def test_mapping_round_trips_between_proxy_and_source(qtbot, big_inventory) -> None:
    model = NumbersModel(big_inventory)
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("+1415009999")
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    top = proxy.index(0, 0)
    source = proxy.mapToSource(top)
    assert model.data(source) == "+14150099999" == proxy.data(top)
    assert proxy.mapFromSource(source).row() == 0
    assert not proxy.mapFromSource(model.index(0, 0)).isValid()  # filtered out


def test_appended_rows_that_match_appear(qtbot) -> None:
    model = NumbersModel(factories.inventory(10))
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("000001")
    assert proxy.rowCount() == 1
    extra = factories.inventory(13).numbers[10:]
    model.append_rows(extra)
    assert proxy.rowCount() == 4  # +14150000001, ...10, ...11, ...12
    assert proxy.row_object(3).e164 == "+14150000012"


def test_webhook_urls_never_show_secrets(qtbot) -> None:
    model = WebhooksModel(factories.inventory(3, apps=2).webhooks)
    shown = [model.data(model.index(r, c)) for r in range(2) for c in range(6)]
    joined = " ".join(shown)
    assert "hunter2" not in joined and "s3cret" not in joined
    assert "***" in joined


def test_filter_table_widget_counts_and_keys(qtbot, big_inventory) -> None:
    table = FilterTable(NumbersModel(big_inventory), name="numbers")
    qtbot.addWidget(table)
    table.show()
    assert table.count_label.text() == "100,000 rows"
    qtbot.keyClicks(table.filter_edit, "line 4242")
    assert table.proxy.rowCount() == 20  # Line x4242 (10) and Line 42420..42429 (10)
    assert table.count_label.text() == "20 of 100,000 rows"
    qtbot.keyClick(table.filter_edit, Qt.Key.Key_Down)
    assert table.focusWidget() is table.view
    assert table.current_object().friendly_name == "Line 4242"
    table.filter_edit.setFocus()
    qtbot.keyClick(table.filter_edit, Qt.Key.Key_Escape)
    assert table.filter_edit.text() == "" and table.proxy.rowCount() == 100_000
