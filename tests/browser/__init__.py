# SPDX-License-Identifier: MIT
# A package, so this folder's conftest.py does not shadow tests/conftest.py (both would be "conftest").
