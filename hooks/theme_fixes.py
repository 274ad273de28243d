"""Small corrections to the theme's HTML, so every page passes the browser checks.

- The repository link in the header fetches star counts from GitHub's API; the site
  loads nothing from other hosts, so the link stays a plain link.
- The head's per-language `<link rel="alternate">` tags go: the theme's script would
  fetch `sitemap.xml` next to each of them and get 404s, because mkdocs-static-i18n
  makes them point at pages rather than at language roots. The language switcher keeps
  its links, and the sitemap keeps the hreflang alternates for search engines.
- The search dialog gets an accessible name.
- mkdocs-static-i18n warns that its page-specific language links go stale under
  instant navigation; docs/javascripts/language-switch.js keeps them current, so that
  one warning is silenced here rather than giving up instant navigation.
- Scrollable blocks (long code, wide outputs, formulas) become keyboard-focusable, so
  readers without a mouse can scroll them.
"""

from __future__ import annotations

import logging
import re

SOURCE = ' data-md-component="source"'
SEARCH = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH = SEARCH.replace('role="dialog"', 'role="dialog" aria-label="Search"')
ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
SCROLLABLE = re.compile(r'<(pre|div class="math")(?![^>]*tabindex)')


class _HandledByLanguageSwitchScript(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "not compatible with theme.features = navigation.instant" not in str(
            record.msg
        )


logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(
    _HandledByLanguageSwitchScript()
)


def on_post_page(output: str, **_kwargs) -> str:
    output = output.replace(SOURCE, "").replace(SEARCH, NAMED_SEARCH)
    output = ALTERNATE.sub("", output)
    return SCROLLABLE.sub(lambda m: f'<{m.group(1)} tabindex="0"', output)


def on_post_template(output_content: str, **_kwargs) -> str:
    """The same for pages made from templates alone, such as 404.html."""
    return on_post_page(output_content)
