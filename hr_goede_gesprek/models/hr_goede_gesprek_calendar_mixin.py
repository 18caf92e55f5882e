# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A private calendar event that mirrors a planned record (conversation,
appraisal) in its participants' calendars.

Each model says what goes into the event (``_calendar_event_values``) and when
to sync it; the mixin creates or updates the event, and deletes it when the
record is cancelled (``_write_dropping_calendar_event``) or deleted.
"""

from odoo import Command, fields, models


class HrGoedeGesprekCalendarMixin(models.AbstractModel):
    _name = "hr.goede.gesprek.calendar.mixin"
    _description = "Good Conversation: calendar event"

    calendar_event_id = fields.Many2one("calendar.event", copy=False, readonly=True)

    def _calendar_event_values(self):
        """Return what goes into the record's event, as a dict: ``name``,
        ``start``, ``stop``, ``duration``, ``location``, ``partners`` (the
        participants, ``res.partner``) and ``organiser`` (the ``res.users``
        who organises a new event; when empty, the current user)."""
        raise NotImplementedError()

    def _sync_calendar_event(self):
        """Create or update the calendar event of the records."""
        model_id = self.env["ir.model"]._get_id(self._name)
        # The event mirrors the record: rights were checked on the record, and
        # the organiser's event is written on behalf of every participant.
        for record in self.sudo():
            values = record._calendar_event_values()
            vals = {
                "name": values["name"],
                "start": values["start"],
                "stop": values["stop"],
                "duration": values["duration"],
                "location": values["location"] or False,
                "partner_ids": [Command.set(values["partners"].ids)],
                "privacy": "private",
                "res_model_id": model_id,
                "res_id": record.id,
            }
            if record.calendar_event_id:
                record.calendar_event_id.write(vals)
            else:
                vals["user_id"] = values["organiser"].id or self.env.user.id
                event = self.env["calendar.event"].sudo().create(vals)
                record.write({"calendar_event_id": event.id})

    def _write_dropping_calendar_event(self, vals):
        """Write ``vals`` (e.g. the cancelled state) and delete the records'
        calendar events. Only after the caller's ``_check_can_*``."""
        events = self.sudo().calendar_event_id
        self.sudo().write(dict(vals, calendar_event_id=False))
        # The event mirrors the record; rights were checked by the caller.
        events.unlink()

    def unlink(self):
        # The event mirrors the record; the right to delete was checked on the
        # record itself (its ondelete hooks and record rules) by super().
        events = self.sudo().calendar_event_id
        result = super().unlink()
        events.unlink()
        return result
