# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Agreements with consequences for the employment terms need a decision.

Such an agreement (more or fewer hours, other work, a salary step, an
allowance, a reward, the generation scheme, ...) cannot be marked done until
its decision has been issued.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .hr_goede_gesprek_decision import ISSUED_STATES


class HrGoedeGesprekAgreement(models.Model):
    _name = "hr.goede.gesprek.agreement"
    _inherit = ["hr.goede.gesprek.agreement", "hr.goede.gesprek.legal.mixin"]

    has_legal_consequence = fields.Boolean(
        string="Legal consequences",
        tracking=True,
        help="The agreement changes the employment terms: it needs a written "
        "decision before it can be marked done.",
    )
    legal_topic_id = fields.Many2one(
        "hr.goede.gesprek.legal.topic",
        string="Type of consequence",
        domain="[('for_agreements', '=', True)]",
        tracking=True,
    )
    decision_ids = fields.One2many(
        "hr.goede.gesprek.decision", "origin_agreement_id", string="Decisions"
    )
    decision_issued = fields.Boolean(compute="_compute_decision_issued")

    @api.depends("decision_ids.state")
    def _compute_decision_issued(self):
        for agreement in self:
            agreement.decision_issued = any(
                state in ISSUED_STATES
                for state in agreement.decision_ids.mapped("state")
            )

    def _do_close(self, state):
        if state == "done":
            missing = self.filtered(
                lambda a: a.has_legal_consequence and not a.decision_issued
            )
            if missing:
                raise UserError(
                    self.env._(
                        "The agreement “%(name)s” has legal consequences: it can "
                        "only be marked done once its decision has been issued.",
                        name=missing[0].name,
                    )
                )
        return super()._do_close(state)

    def action_prepare_decision(self):
        self.ensure_one()
        self._check_can_prepare_decision()
        decision = self._do_prepare_decision()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.goede.gesprek.decision",
            "res_id": decision.id,
            "view_mode": "form",
            "target": "current",
        }

    def _check_can_prepare_decision(self):
        self.check_access("read")
        is_hr = self._is_hr()
        for agreement in self:
            if not (is_hr or agreement._is_manager_side()):
                raise AccessError(
                    self.env._(
                        "Only HR or the manager prepares the decision on "
                        "“%(name)s”.",
                        name=agreement.name,
                    )
                )
            if not agreement.has_legal_consequence or not agreement.legal_topic_id:
                raise UserError(
                    self.env._(
                        "“%(name)s” has no legal consequences (or no type); it "
                        "needs no decision.",
                        name=agreement.name,
                    )
                )
            if agreement.state != "agreed":
                raise UserError(
                    self.env._(
                        "Both parties must agree on “%(name)s” before its "
                        "decision is prepared.",
                        name=agreement.name,
                    )
                )
            if agreement.decision_ids.filtered(lambda d: d.state != "superseded"):
                raise UserError(
                    self.env._(
                        "“%(name)s” already has a decision.", name=agreement.name
                    )
                )

    def _do_prepare_decision(self):
        self.ensure_one()
        # The origin link is a workflow field of the decision (see there).
        return self.env["hr.goede.gesprek.decision"]._create_from_origin(
            {
                "employee_id": self.employee_id.id,
                "company_id": self.company_id.id,
                "topic_id": self.legal_topic_id.id,
                "subject": self.name,
                "decision_text": self.description or self.name,
                "origin_agreement_id": self.id,
            }
        )
