# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Triggers: configurable "just-in-time" prompts (issue 13, accelerator 3).

A trigger is a rule: when ``event`` happens to a record (a feedback request
whose answers the employee shares, an agreement that reaches its target date,
a reflection the employee records on the report: the "Employee's view"), the
employee and/or their manager get a prompt (``hr.goede.gesprek.trigger.prompt``)
with the trigger's message and a one-click "put on the agenda". One prompt per
trigger, record and user, ever: a unique key on the prompt makes firing
idempotent. HR configures triggers; an empty company means every company.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .hr_goede_gesprek_catalogue_mixin import CATALOGUE_FIELDS

# event: (model, default date field or None)
EVENTS = {
    "feedback_shared": ("hr.goede.gesprek.feedback.request", None),
    "agreement_deadline": ("hr.goede.gesprek.agreement", "deadline"),
    "reflection": ("hr.goede.gesprek", None),
}


class HrGoedeGesprekTrigger(models.Model):
    _name = "hr.goede.gesprek.trigger"
    _description = "Good Conversation Trigger"
    # Configuration like the conversation card's catalogues: name, sequence,
    # active and an optional company (empty: every company).
    _inherit = ["hr.goede.gesprek.catalogue.mixin"]
    # HR configures triggers (the ACL gives write to HR only).
    _policy_create = {
        "hr": CATALOGUE_FIELDS | {"event", "recipients", "message", "date_field"}
    }
    _policy_write = {"*": _policy_create}
    _policy_unlink = {"*": {"hr"}}

    event = fields.Selection(
        [
            ("feedback_shared", "360° feedback shared"),
            ("agreement_deadline", "Agreement reached its target date"),
            ("reflection", "Reflection recorded by the employee"),
        ],
        required=True,
    )
    recipients = fields.Selection(
        [("employee", "Employee"), ("manager", "Manager"), ("both", "Both")],
        string="Who is prompted",
        default="both",
        required=True,
    )
    message = fields.Text(
        required=True,
        translate=True,
        help="Shown in the prompt, above the button to put it on the agenda.",
    )
    date_field = fields.Char(
        string="Date field",
        help="For agreements: the date field of the agreement that, once "
        "reached, fires the trigger (default: deadline).",
    )
    prompt_count = fields.Integer(compute="_compute_prompt_count")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _compute_prompt_count(self):
        counts = self._count_per_record("hr.goede.gesprek.trigger.prompt", "trigger_id")
        for trigger in self:
            trigger.prompt_count = counts.get(trigger, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("event", "date_field")
    def _check_date_field(self):
        for trigger in self:
            model_name, default = EVENTS[trigger.event]
            if not trigger.date_field:
                continue
            field = self.env[model_name]._fields.get(trigger.date_field)
            if (
                default is None
                or field is None
                or field.type
                not in (
                    "date",
                    "datetime",
                )
            ):
                raise ValidationError(
                    self.env._(
                        "The trigger “%(name)s” names the field “%(field)s”, "
                        "which is not a date field of %(model)s.",
                        name=trigger.name,
                        field=trigger.date_field,
                        model=self.env[model_name]._description,
                    )
                )

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _get_date_field(self):
        self.ensure_one()
        return self.date_field or EVENTS[self.event][1]

    @api.model
    def _fire(self, event, records):
        """Prompt the people the active triggers of ``event`` name about
        ``records`` (each has ``employee_id`` and ``company_id``). Idempotent:
        a trigger prompts a user about a record once. Returns the new prompts.

        Called by the model's own ``_do_*`` step (or cron) after its check:
        what happened is the system's to record, whoever caused it.
        """
        # sudo: triggers and prompts are system records; reading the rules and
        # writing the log is the system reacting to a step already checked.
        triggers = self.sudo().search([("event", "=", event)])
        Prompt = self.env["hr.goede.gesprek.trigger.prompt"].sudo()
        if not triggers or not records:
            return Prompt
        records = records.sudo()
        today = fields.Date.context_today(self)
        candidates = []
        for trigger in triggers:
            date_field = trigger._get_date_field()
            for record in records:
                if trigger.company_id and trigger.company_id != record.company_id:
                    continue
                if date_field:
                    moment = record[date_field]
                    if not moment or fields.Date.to_date(moment) > today:
                        continue
                for user, side in trigger._prompt_users(record.employee_id):
                    candidates.append((trigger, record, user, side))
        if not candidates:
            return Prompt
        existing = {
            (prompt.trigger_id.id, prompt.res_id, prompt.user_id.id)
            for prompt in Prompt.with_context(active_test=False).search(
                [
                    ("trigger_id", "in", triggers.ids),
                    ("res_model", "=", records._name),
                    ("res_id", "in", records.ids),
                ]
            )
        }
        vals_list = []
        for trigger, record, user, side in candidates:
            key = (trigger.id, record.id, user.id)
            if key in existing:
                continue
            existing.add(key)
            vals_list.append(
                {
                    "trigger_id": trigger.id,
                    "res_model": records._name,
                    "res_id": record.id,
                    "user_id": user.id,
                    "employee_id": record.employee_id.id,
                    "side": side,
                    "name": record.display_name,
                }
            )
        prompts = Prompt.create(vals_list)
        prompts._schedule_activities()
        return prompts

    def _prompt_users(self, employee):
        """(user, side) pairs this trigger prompts about ``employee``: their
        own user, and one manager (the direct one, else the department's)."""
        self.ensure_one()
        pairs = []
        if self.recipients in ("employee", "both") and employee.user_id:
            pairs.append((employee.user_id, "employee"))
        manager = (
            employee.parent_id.user_id or employee.department_id.manager_id.user_id
        )
        if (
            self.recipients in ("manager", "both")
            and manager
            and manager != employee.user_id
        ):
            pairs.append((manager, "manager"))
        return pairs
