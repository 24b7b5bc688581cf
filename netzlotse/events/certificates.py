"""Attendance certificates (Teilnahmebescheinigungen) as PDF: one HTML template, drawn by WeasyPrint with the
app's own fonts. The renderer may read files of the app's static folder and nothing else, so a certificate
never makes a request to any host."""

import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from .models import Event, Registration

STATIC = (settings.BASE_DIR / "static").resolve()


@dataclass(frozen=True)
class Attendee:
    registration: Registration
    sessions: list  # the sessions this person attended, in order

    @property
    def hours(self) -> float:
        return round(sum(s.hours for s in self.sessions), 2)

    @property
    def filename(self) -> str:
        return f"teilnahmebescheinigung-{slugify(self.registration.name) or self.registration.pk}.pdf"


def attendees(event: Event, registration_id: int | None = None) -> list[Attendee]:
    """Everyone who attended at least one session, with those sessions (two queries however many)."""
    registrations = (event.registrations.filter(attendances__isnull=False).distinct()
                     .prefetch_related("attendances__session").order_by("name", "pk"))
    if registration_id is not None:
        registrations = registrations.filter(pk=registration_id)
    return [Attendee(r, sorted((a.session for a in r.attendances.all()), key=lambda s: s.starts_at))
            for r in registrations]


def _only_static(url: str):
    """The bytes of a file under static/ named by a file:// address; anything else is refused."""
    from urllib.request import url2pathname

    path = Path(url2pathname(url.split("?")[0].removeprefix("file://"))).resolve() if url.startswith("file://") else None
    if path is None or not path.is_relative_to(STATIC) or not path.is_file():
        raise ValueError(f"refused to fetch {url}")
    return path.read_bytes()


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        """WeasyPrint's fetcher, limited to the fonts and styles of the app (no network, no other file)."""

        def fetch(self, url, headers=None):
            return URLFetcherResponse(url, _only_static(url))

    return StaticOnly()


class Renderer:
    """Draws certificates of one event; fonts and styles are loaded once for all of them."""

    def __init__(self, event: Event):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.event = event
        self.fonts = FontConfiguration()
        self.fetcher = _fetcher()
        css = render_to_string("events/certificate.css", {"static": STATIC.as_uri()})
        self.styles = [CSS(string=css, font_config=self.fonts, url_fetcher=self.fetcher)]
        self.sessions = list(event.sessions.all())

    def pdf(self, attendee: Attendee) -> bytes:
        from weasyprint import HTML

        with translation.override("de"):  # a certificate is a German document
            html = render_to_string("events/certificate.html", {
                "event": self.event, "attendee": attendee, "all_sessions": self.sessions,
                "issued": timezone.localdate()})
        return HTML(string=html, url_fetcher=self.fetcher, base_url=STATIC.as_uri() + "/").write_pdf(
            stylesheets=self.styles, font_config=self.fonts)


def write_zip(event: Event, path: Path, progress) -> int:
    """One PDF per attendee in a ZIP file at `path`; `progress(done, total)` after each. Returns how many."""
    people = attendees(event)
    renderer = Renderer(event)
    path.parent.mkdir(parents=True, exist_ok=True)
    names = set()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, attendee in enumerate(people, start=1):
            name = attendee.filename
            if name in names:  # two people of the same name: keep both files
                name = name.replace(".pdf", f"-{attendee.registration.pk}.pdf")
            names.add(name)
            archive.writestr(name, renderer.pdf(attendee))
            progress(done, len(people))
    return len(people)


KEPT_DAYS = 1


def batch_run(batch_id: str) -> None:
    """Draw a queued batch, recording progress after each certificate. Only someone who still runs the event
    gets the file."""
    from django.utils.translation import gettext as _

    from .models import CertificateBatch

    batch = CertificateBatch.objects.select_related("event", "requested_by").filter(
        pk=batch_id, status=CertificateBatch.Status.QUEUED).first()
    if batch is None:  # removed, or taken by another worker already
        return
    user = batch.requested_by
    try:
        if not (user.is_active and Event.objects.organised_by(user).filter(pk=batch.event_id).exists()):
            raise PermissionError(_("Diese Veranstaltung steht Ihnen nicht mehr zur Verfügung."))
        batch.advance(0, 1)
        batch.total = write_zip(batch.event, batch.path, lambda done, total: batch.advance(done, max(total, 1)))
        batch.status = CertificateBatch.Status.DONE
    except Exception as failure:  # the page shows why; the worker goes on with the next job
        batch.path.unlink(missing_ok=True)
        batch.status, batch.error = CertificateBatch.Status.FAILED, str(failure)
    batch.save()


def batches_remove_expired(now=None) -> int:
    """Certificate files are kept a day: their files and rows go after that."""
    from datetime import timedelta

    from netzlotse.core.jobs import remove_with_files

    from .models import CertificateBatch

    return remove_with_files(CertificateBatch, kept=timedelta(days=KEPT_DAYS), now=now)
