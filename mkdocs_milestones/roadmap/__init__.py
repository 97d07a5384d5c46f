# SPDX-License-Identifier: MIT
"""Roadmap views: :mod:`.query` (filters, order; core) and :mod:`.markers` (``<!-- milestones -->`` in pages)."""
