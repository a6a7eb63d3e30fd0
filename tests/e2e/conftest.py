"""The journey's checks report their details like the tests' own asserts."""

import pytest

pytest.register_assert_rewrite("tests.e2e.journey")
