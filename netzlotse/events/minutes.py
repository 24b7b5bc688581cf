"""A meeting's minutes as a Word document (python-docx), laid out like the printable page: the meeting, who
took part, the agenda, the results, the actions agreed, what the meeting concerned."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Minutes


def context(minutes: Minutes) -> dict:
    """What the page, the print view and the document show, read in a few queries."""
    event = minutes.event
    return {"minutes": minutes, "event": event, "sessions": list(event.sessions.all()),
            "participants": list(minutes.participants.order_by("name")),
            "actions": list(minutes.actions.select_related("owner")),
            "gaps": list(minutes.gaps.select_related("district", "phase")),
            "interfaces": list(minutes.interfaces.select_related("project_a", "project_b")),
            "service_chains": list(minutes.service_chains.all())}


def person(user) -> str:
    return user.get_full_name() or user.username


def docx(minutes: Minutes) -> bytes:
    from docx import Document
    from docx.shared import Pt

    data = context(minutes)
    event = data["event"]
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.title = _("Protokoll: %(title)s") % {"title": event.title}
    document.add_heading(_("Protokoll: %(title)s") % {"title": event.title}, level=1)
    when = ", ".join(f"{timezone.localtime(s.starts_at):%d.%m.%Y %H:%M}–{timezone.localtime(s.ends_at):%H:%M}"
                     for s in data["sessions"])
    facts = [(_("Veranstalter"), event.organizer.name), (_("Termin"), when),
             (_("Ort"), event.place or (_("online") if event.online_url else "–"))]
    table = document.add_table(rows=0, cols=2)
    for label, value in facts:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_heading(_("Teilnehmende Organisationen"), level=2)
    names = [org.name for org in data["participants"]] + ([minutes.other_participants] if minutes.other_participants else [])
    document.add_paragraph(", ".join(names) or "–")
    document.add_heading(_("Tagesordnung"), level=2)
    for item in minutes.agenda_items:
        document.add_paragraph(item, style="List Number")
    document.add_heading(_("Ergebnisse"), level=2)
    for paragraph in (minutes.results or "–").split("\n\n"):
        document.add_paragraph(paragraph.strip())
    document.add_heading(_("Vereinbarungen"), level=2)
    if data["actions"]:
        rows = document.add_table(rows=1, cols=4)
        rows.style = "Table Grid"
        for cell, label in zip(rows.rows[0].cells, (_("Vereinbarung"), _("verantwortlich"), _("fällig am"),
                                                    _("erledigt am")), strict=True):
            cell.text = label
        for action in data["actions"]:
            cells = rows.add_row().cells
            cells[0].text, cells[1].text = action.text, person(action.owner)
            cells[2].text = f"{action.due_on:%d.%m.%Y}"
            cells[3].text = f"{action.done_on:%d.%m.%Y}" if action.done_on else ""
    else:
        document.add_paragraph(_("Keine Vereinbarungen."))
    concerns = [str(gap) for gap in data["gaps"]] + [str(i) for i in data["interfaces"]] + \
        [str(chain) for chain in data["service_chains"]]
    if concerns:
        document.add_heading(_("Betrifft"), level=2)
        for item in concerns:
            document.add_paragraph(item, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
