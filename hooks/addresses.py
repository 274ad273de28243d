"""Edit links only when the repository is known.

``edit_uri`` in mkdocs.yml is a path inside ``repo_url`` (MKDOCS_REPO_URL). Without a
repository MkDocs would take the bare path for a whole address, warn on every page and
link "Edit this page" to nowhere, so the setting is dropped until a repository is set.
"""

from __future__ import annotations


def on_config(config, **_kwargs):
    if not config.repo_url:
        config.edit_uri = None
    return config
