"""Shim: moved to igemo_data.store.editions and flat modules (removed after the merge)."""

from igemo_data.compare import compare_editions  # noqa: F401
from igemo_data.comparison_chart import change_rows, comparison_chart  # noqa: F401
from igemo_data.edition import MAX_NAME, MAX_TEXT, PLAN_NAME  # noqa: F401
from igemo_data.edition_choice import ACTIVE_KEY, active_id  # noqa: F401
from igemo_data.edition_tables import (  # noqa: F401
    TABLE_ROW_HEIGHT,
    edition_rows,
    problem_table,
    table_height,
)
from igemo_data.spreadsheet import download_name  # noqa: F401
from igemo_data.spreadsheet import services_csv_bytes as to_csv_bytes  # noqa: F401
from igemo_data.spreadsheet import services_xlsx_bytes as to_xlsx_bytes  # noqa: F401
from igemo_data.store import editions as _store
from igemo_data.store.base import forget_stores
from igemo_data.store.editions import (  # noqa: F401
    EditionError,
    EditionStore,
    default_store,
    resolve,
)
from igemo_data.uploads import (  # noqa: F401
    MAX_UPLOAD_MB,
    UPLOAD_TYPES,
    check_upload_size,
    suggested_name,
    validate_edit,
    validate_upload,
)


def shared_store(path: str, plan_path: str) -> EditionStore:
    return _store.shared_store(path, plan_path)


# tests/test_editions_page.py calls `shared_store.cache_clear()`; it becomes `forget_stores()`.
shared_store.cache_clear = forget_stores  # type: ignore[attr-defined]
