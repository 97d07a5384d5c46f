# SPDX-License-Identifier: MIT
"""What a particular host (other than MkDocs, which has the plugin) needs from the extension."""
