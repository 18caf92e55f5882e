# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The company's legal profile: regime, sector, signatories, appraisal policy."""

from odoo import fields, models

from .hr_goede_gesprek_dispute_route import REGIMES, SECTORS


# A separate file keeps the formal layer's settings apart from the core's,
# so parallel branches merge cleanly.
# pylint: disable=consider-merging-classes-inherited
class ResCompany(models.Model):
    _inherit = "res.company"

    goede_gesprek_legal_regime = fields.Selection(
        REGIMES,
        string="Legal regime",
        default="civil",
        required=True,
        help="Civil law (most public employers since the Wnra, 2020) or "
        "Awb-style public law with objection (bezwaar).",
    )
    goede_gesprek_sector = fields.Selection(
        [s for s in SECTORS if s[0] != "all"],
        string="Sector",
        default="municipal",
        required=True,
        help="Decides which sector's dispute routes apply.",
    )
    goede_gesprek_signatory_ids = fields.Many2many(
        "res.users",
        "hr_goede_gesprek_company_signatory_rel",
        "company_id",
        "user_id",
        string="Authorised signatories",
        help="Only these users can issue decisions on behalf of the company.",
    )
    goede_gesprek_appraisal_scale_id = fields.Many2one(
        "hr.goede.gesprek.appraisal.scale",
        string="Appraisal scale",
        help="The scale new appraisals use.",
    )
    goede_gesprek_appraisal_countersign = fields.Boolean(
        string="Countersignature by the next-level manager",
        help="An established appraisal is countersigned by the manager's manager "
        "before its decision is prepared.",
    )
    goede_gesprek_hours_warning_days = fields.Integer(
        string="Warn days before an hours-request deadline",
        default=14,
    )

    def _goede_gesprek_is_signatory(self, user):
        self.ensure_one()
        # The list of signatories is company configuration; reading it to
        # compare one id does not disclose anything.
        return user in self.sudo().goede_gesprek_signatory_ids
