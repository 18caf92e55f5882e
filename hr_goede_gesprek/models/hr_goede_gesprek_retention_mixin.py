# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Retention (bewaartermijnen) of every document of the addon.

Each document stores its destroy date (``retention_date``) and the rule it
follows (``retention_rule_id``), computed from the applicable retention rule
and the rule's start event. HR places and lifts a legal hold with a reason
(the legal hold wizard); a held document is never destroyed.

Locked documents (a signed report, an issued decision, a paid reward) leave
the database only through ``_retention_destroy_batch``: it marks the records
it destroys in the transaction's own cursor cache, under the superuser, and
the models' lock guards let exactly those records through
(``_retention_destroying``). Nothing a request sends (values, context) sets
that mark.
"""

from collections import defaultdict
from contextlib import contextmanager

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import html_escape

from ..tools.cron import _process_batch
from ..tools.retention import as_date, destroy_date, in_validity

# The key in ``cr.cache`` (the transaction's, never the request's) under which
# the records being destroyed are marked: {model name: set of ids}.
DESTROYING_KEY = "hr_goede_gesprek_retention_destroying"


class HrGoedeGesprekRetentionMixin(models.AbstractModel):
    _name = "hr.goede.gesprek.retention.mixin"
    _description = "Good Conversation: retention and legal hold"

    # Declared by each document model: its document type (see
    # hr_goede_gesprek_retention_rule.DOCUMENT_TYPES), the states in which it
    # is complete, the date fields that date its completion (first set wins)
    # and the field that dates its payment.
    _retention_document_type = None
    _retention_closed_states = ()
    _retention_completion_fields = ()
    _retention_payment_field = None
    # Fields anonymisation keeps (besides dates, states, links and numbers).
    _retention_keep_fields = frozenset()
    # The records that are locked (final: signed, issued, paid), as a domain;
    # None: the model locks nothing. Deleting their employee is refused.
    _retention_lock_domain = None

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    retention_date = fields.Date(
        string="Destroy date",
        compute="_compute_retention_date",
        store=True,
        index="btree_not_null",
        copy=False,
        help="The day this record is destroyed (deleted or anonymised) under its "
        "retention rule. Empty: its term has not started yet.",
    )
    retention_rule_id = fields.Many2one(
        "hr.goede.gesprek.retention.rule",
        string="Retention rule",
        compute="_compute_retention_date",
        store=True,
        copy=False,
        ondelete="set null",
    )
    retention_anonymised_date = fields.Date(
        string="Anonymised on", readonly=True, copy=False
    )
    legal_hold = fields.Boolean(
        readonly=True,
        copy=False,
        help="Under legal hold the record is not destroyed, whatever its "
        "destroy date.",
    )
    legal_hold_reason = fields.Text(readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _retention_depends(self):
        depends = ["employee_id.departure_date", "company_id"]
        if self._retention_closed_states:
            depends.append("state")
        depends.extend(self._retention_completion_fields)
        if self._retention_payment_field:
            depends.append(self._retention_payment_field)
        return depends

    @api.depends(lambda self: self._retention_depends())
    def _compute_retention_date(self):
        """The destroy date: the start event of the applicable rule plus its
        term. No query for records whose every start event is still to come
        (new records); the rules themselves are cached."""
        Rule = self.env["hr.goede.gesprek.retention.rule"]
        rules = None
        for record in self:
            starts = record._retention_start_dates()
            if not any(starts.values()):
                record.retention_date = False
                record.retention_rule_id = False
                continue
            if rules is None:
                rules = Rule._retention_rule_data(self._retention_document_type)
            rule, day = record._retention_pick_rule(rules, starts)
            record.retention_rule_id = rule
            record.retention_date = day or False

    def _retention_start_dates(self):
        """{start event: date or None} of this record."""
        self.ensure_one()
        # sudo: the departure date is HR's field; only compared here.
        departure = self.sudo().employee_id.departure_date
        completion = None
        if not self._retention_closed_states or (
            self.state in self._retention_closed_states
        ):
            for fname in self._retention_completion_fields:
                if completion := as_date(self[fname]):
                    break
        payment = (
            as_date(self[self._retention_payment_field])
            if self._retention_payment_field
            else None
        )
        return {
            "employment_end": departure or None,
            "completion": completion,
            "payment": payment,
        }

    def _retention_pick_rule(self, rules, starts):
        """The rule that applies (of ``rules``, the cached tuples) and the
        destroy date it gives: a rule of the record's company before a shared
        one, of the company's sector before one for all sectors, then the
        lowest sequence. A rule whose start event has not happened yet counts
        too: the record waits for it (no destroy date)."""
        self.ensure_one()
        company = self.company_id
        sector = company.goede_gesprek_sector
        best, best_key = None, None
        for data in rules:
            rule_id, company_id, rule_sector, event = data[:4]
            valid_from, valid_to, sequence = data[6:9]
            if company_id and company_id != company.id:
                continue
            if rule_sector != "all" and rule_sector != sector:
                continue
            start = starts.get(event)
            if start and not in_validity(start, valid_from, valid_to):
                continue
            key = (not company_id, rule_sector == "all", sequence, rule_id)
            if best_key is None or key < best_key:
                best, best_key = data, key
        if best is None:
            return self.env["hr.goede.gesprek.retention.rule"], None
        start = starts.get(best[3])
        return (
            self.env["hr.goede.gesprek.retention.rule"].browse(best[0]),
            destroy_date(start, best[4], best[5]),
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.ondelete(at_uninstall=False)
    def _unlink_except_legal_hold(self):
        if held := self.filtered("legal_hold"):
            raise UserError(self._retention_held_message(held))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open_legal_hold(self):
        """Open the legal hold wizard on these records (HR only)."""
        self._check_can_legal_hold()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Legal hold"),
            "res_model": "hr.goede.gesprek.legal.hold",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_retention_destroy(self):
        """Destroy now what is due (HR administrators): the same path as the
        scheduled action, logged as a user's."""
        if not self._is_hr_admin():
            raise AccessError(
                self.env._("Only HR administrators destroy records that are due.")
            )
        self.check_access("read")
        today = fields.Date.context_today(self)
        if held := self.filtered("legal_hold"):
            raise UserError(self._retention_held_message(held))
        not_due = self.filtered(
            lambda r: not r.retention_date
            or r.retention_date > today
            or r.retention_anonymised_date
        )
        if not_due:
            raise UserError(
                self.env._(
                    "“%(name)s” is not due for destruction: its destroy date "
                    "has not passed.",
                    name=not_due[0].display_name,
                )
            )
        # sudo: checked above (HR administrator, readable, due, not held);
        # locked records leave only through this path.
        failed = self.sudo() - self.sudo()._retention_destroy_batch("user")
        if failed:
            raise UserError(
                self.env._(
                    "“%(name)s” could not be destroyed; nothing was lost.",
                    name=failed[0].display_name,
                )
            )
        return True

    # ------------------------------------------------------------------
    # Business: legal hold
    # ------------------------------------------------------------------
    def _check_can_legal_hold(self):
        if not self._is_hr():
            raise AccessError(
                self.env._("Only HR places or lifts a legal hold on a record.")
            )
        self.check_access("read")

    def _do_legal_hold(self, hold, reason):
        """Place (``hold``) or lift the legal hold with ``reason``, in the
        chatter. Only after ``_check_can_legal_hold``."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for the legal hold."))
        # sudo: the hold is no role's field (the declared policy refuses it
        # over RPC); the caller checked that the user is HR.
        self.sudo().write(
            {"legal_hold": hold, "legal_hold_reason": reason if hold else False}
        )
        body = (
            self.env._("Legal hold placed: %(reason)s", reason=reason)
            if hold
            else self.env._("Legal hold lifted: %(reason)s", reason=reason)
        )
        if hasattr(self, "message_post"):
            for record in self:
                record.message_post(body=html_escape(body))
        return True

    def _retention_held_message(self, held):
        return self.env._(
            "“%(name)s” is under legal hold and cannot be destroyed. Lift the "
            "legal hold first.",
            name=held[0].sudo().display_name,
        )

    # ------------------------------------------------------------------
    # Business: destruction
    # ------------------------------------------------------------------
    @api.model
    def _retention_due_domain(self, today):
        return [
            ("retention_date", "<=", today),
            ("retention_rule_id", "!=", False),
            ("legal_hold", "=", False),
            ("retention_anonymised_date", "=", False),
        ]

    @api.model
    def _retention_locked_domain(self, employees):
        """The locked or held documents of ``employees`` that the retention
        run has not destroyed yet (None: this model locks nothing)."""
        locked = [("legal_hold", "=", True)]
        if self._retention_lock_domain is not None:
            locked = expression.OR([self._retention_lock_domain, locked])
        return expression.AND(
            [
                [("employee_id", "in", employees.ids)],
                [("retention_anonymised_date", "=", False)],
                locked,
            ]
        )

    def _retention_destroying(self):
        """Are these records being destroyed by ``_retention_destroy_batch``
        in this transaction? (The lock guards let them through.)"""
        if not self.env.su or not self.ids:
            return False
        marked = self.env.cr.cache.get(DESTROYING_KEY, {}).get(self._name, set())
        return set(self.ids) <= marked

    @contextmanager
    def _retention_mark_destroying(self):
        marks = self.env.cr.cache.setdefault(DESTROYING_KEY, {})
        ids = set(self.ids)
        marks.setdefault(self._name, set()).update(ids)
        try:
            yield
        finally:
            marks[self._name] -= ids

    def _retention_destroy_batch(self, trigger):
        """Destroy these records (superuser) by their rule's action and log
        it per rule. Returns the records destroyed; a record that fails (e.g.
        still referred to) stays as it was, for the next run."""
        if not self:
            return self
        if not self.env.su:
            raise AccessError(self.env._("Only the retention run destroys records."))
        if held := self.filtered("legal_hold"):
            raise UserError(self._retention_held_message(held))
        groups = defaultdict(lambda: self.browse())
        for record in self:
            groups[record.retention_rule_id, record.company_id] |= record
        destroyed = self.browse()
        log_vals = []
        for (rule, company), records in groups.items():
            action = rule.action or "delete"
            failed = _process_batch(
                records, lambda recs, action=action: recs._retention_destroy(action)
            )
            done = records - failed
            if not done:
                continue
            destroyed |= done
            log_vals.append(
                {
                    "res_model": self._name,
                    "record_count": len(done),
                    "rule_id": rule.id,
                    "rule_source": rule.source,
                    "action": action,
                    "trigger": trigger,
                    "user_id": self.env.uid if trigger == "user" else False,
                    "company_id": company.id,
                }
            )
        if log_vals:
            self.env["hr.goede.gesprek.destruction.log"].create(log_vals)
        return destroyed

    def _retention_destroy(self, action):
        """Delete or anonymise these records, with their messages,
        attachments, activities and calendar events."""
        ids = self.ids
        with self._retention_mark_destroying():
            if action == "anonymise":
                self._retention_anonymise()
            else:
                self.unlink()
        return ids

    def _retention_anonymise(self):
        label = self.env._("(anonymised)")
        self._retention_anonymise_children(label)
        events = (
            self.calendar_event_id
            if "calendar_event_id" in self._fields
            else self.env["calendar.event"]
        )
        vals = self._retention_anonymise_values(label)
        if events:
            vals["calendar_event_id"] = False
        vals["retention_anonymised_date"] = fields.Date.context_today(self)
        self.write(vals)
        events.unlink()
        domain = [("res_id", "in", self.ids)]
        self.env["mail.message"].search([("model", "=", self._name), *domain]).unlink()
        self.env["mail.followers"].search(
            [("res_model", "=", self._name), *domain]
        ).unlink()
        self.env["mail.activity"].search(
            [("res_model", "=", self._name), *domain]
        ).unlink()
        self.env["ir.attachment"].search(
            [("res_model", "=", self._name), *domain]
        ).unlink()

    def _retention_anonymise_values(self, label):
        """The values that clear every free text, name and file, the same for
        every record (one UPDATE per batch): texts read the label, files and
        optional names go."""
        vals = {}
        for fname, field in self._fields.items():
            if (
                fname in self._retention_keep_fields
                or fname.startswith(("retention_", "legal_hold", "message_"))
                or not field.store
                or field.related
                or (field.compute and field.readonly)
            ):
                continue
            if field.type == "html":
                vals[fname] = f"<p>{html_escape(label)}</p>"
            elif field.type == "text" or (
                field.type == "char" and (field.required or fname == "name")
            ):
                vals[fname] = label
            elif field.type in ("char", "binary"):
                vals[fname] = False
            elif field.type == "many2one" and field.comodel_name == "ir.attachment":
                vals[fname] = False
        return vals

    def _retention_anonymise_children(self, label):
        """Hook: anonymise the records that belong to these (agenda items)."""
        return True
