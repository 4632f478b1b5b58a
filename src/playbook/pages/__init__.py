"""The site's pages: where each lives (`urls`), long lists in parts (`parts`), which pages the
playbook makes with their templates and contexts (`sitemap`), the files beside them
(`downloads`), and the navigation (`nav`)."""

from playbook.pages import urls
from playbook.pages.nav import navigation, stand_in
from playbook.pages.parts import PART_SIZE, Part, Places, locate, split
from playbook.pages.sitemap import Page, Section, site_pages, site_sections

__all__ = [
    "PART_SIZE",
    "Page",
    "Part",
    "Places",
    "Section",
    "locate",
    "navigation",
    "site_pages",
    "site_sections",
    "split",
    "stand_in",
    "urls",
]
