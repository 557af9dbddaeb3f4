"""Demo only: the site's home page is the course index, written up as a landing page.

A new Wagtail database starts with a placeholder home page ("Welcome to your new Wagtail site!"),
and the import puts the course index under it. The demo moves the course index to the top of
the page tree, makes it the site's home (what this is, the courses as cards, where to log in)
and removes the placeholder, so neither the site nor its breadcrumbs show it.
"""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Page, Site

from ksi_courses.content_import import course_index_page
from ksi_courses.models import CourseIndexPage

WAGTAIL_PLACEHOLDER_TITLE = "Welcome to your new Wagtail site!"


def landing_title(site_name: str) -> str:
    return f"Arbeidsrettede kurs i {site_name}"


def landing_intro() -> str:
    """What the demo is and where to log in, in plain Norwegian (Markdown)."""
    login, admin = reverse("ksi_teaching:login"), reverse("wagtailadmin_home")
    return (
        "Her er tre arbeidsrettede kurs for voksne innvandrere som vil ut i arbeid. "
        "Hvert kurs har leksjoner på enkel norsk, viktige ord på flere språk, oppgaver, sjekklister og quiz.\n\n"
        "Dette er en demo: navnene og kursgruppen er laget for å vise hvordan det virker.\n\n"
        "## Logg inn\n\n"
        f"- **Deltaker eller lærer:** [Logg inn]({login}) med brukernavnet og passordet du har fått.\n"
        f"- **Kommunen:** [Logg inn i administrasjonen]({admin}) for å endre kursene og kommuneprofilen.\n\n"
        "## Kursene\n\n"
        "Velg et kurs for å lese kursbeskrivelsen og leksjonene."
    )


def set_up_landing_page(site_name: str) -> CourseIndexPage:
    """Make the course index the default site's home page (safe to run again)."""
    index = course_index_page()
    root = Page.get_first_root_node()
    parent = index.get_parent()
    if parent.pk != root.pk:
        index.move(root, pos="last-child")
        index = CourseIndexPage.objects.get(pk=index.pk)
    site = Site.objects.get(is_default_site=True)
    site.root_page, site.site_name, site.hostname, site.port = index, site_name, "127.0.0.1", 8000
    site.save()
    placeholder = Page.objects.child_of(root).filter(title=WAGTAIL_PLACEHOLDER_TITLE, numchild=0)
    placeholder.exclude(sites_rooted_here__isnull=False).delete()
    title, intro = landing_title(site_name), landing_intro()
    if (index.title, index.intro) != (title, intro):
        index.title, index.intro = title, intro
        index.save_revision().publish()
    return index
