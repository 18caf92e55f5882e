# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.regime_terms import regime_terms
from .hr_goede_gesprek_dispute_route import REGIMES, SECTORS

# Where a company has no time zone of its own (the terms are Dutch law).
_logger = logging.getLogger(__name__)

DEFAULT_TZ = "Europe/Amsterdam"
# Decision numbers: one sequence per company (BES/<year>/0001), made from the
# template in data/ir_sequence_data.xml, or from these values without it.
DECISION_SEQUENCE_CODE = "hr.goede.gesprek.decision"
DECISION_SEQUENCE_VALUES = {
    "name": "Decision number",
    "code": DECISION_SEQUENCE_CODE,
    "prefix": "BES/%(range_year)s/",
    "padding": 4,
    "use_date_range": True,
    "implementation": "no_gap",
}


def number_setting(string, default, **kwargs):
    """A whole-number setting of the company (days, weeks, a share, a group
    size) with its default; the settings form edits it."""
    return fields.Integer(string=string, default=default, **kwargs)


class ResCompany(models.Model):
    _inherit = "res.company"

    goede_gesprek_report_author = fields.Selection(
        [("employee", "Employee"), ("partner", "Conversation partner")],
        string="Default report author",
        default="employee",
        required=True,
    )
    goede_gesprek_agenda_days = number_setting("Share agenda days before", 3)
    goede_gesprek_frequency = number_setting(
        "Conversations per year",
        2,
        help="How many good conversations each employee has per year, at least.",
    )

    # Incidental rewards and scheduled reminders. The EUR 1,000 cap is local
    # reward policy (not cao), the EUR 2,400 customary norm is the tax office's;
    # both are settings so works-council changes need no code.

    # Rewards (incidental rewards / gratificaties)
    goede_gesprek_reward_cap = fields.Monetary(
        string="Reward cap per employee per year",
        currency_field="currency_id",
        default=1000.0,
        help="Net amount, cash and in kind together, per calendar year.",
    )
    goede_gesprek_reward_approval = fields.Selection(
        [
            ("officer", "HR officer"),
            ("manager", "The employee's manager"),
        ],
        string="Rewards approved by",
        default="officer",
        required=True,
        help="HR officers may always approve; with 'manager' the employee's manager "
        "may approve the rewards of their team as well.",
    )
    goede_gesprek_reward_allow_override = fields.Boolean(
        string="HR may exceed the cap",
        help="HR officers may approve a reward above the yearly cap, with a reason.",
    )
    goede_gesprek_reward_norm = fields.Monetary(
        string="Customary norm (work-related-costs scheme)",
        currency_field="currency_id",
        default=2400.0,
        help="Warn when the rewards designated in the free space pass this amount "
        "per employee per year.",
    )
    goede_gesprek_reward_warn_share = number_setting("Warn at share of the cap (%)", 80)
    goede_gesprek_hr_user_id = fields.Many2one(
        "res.users",
        string="HR responsible",
        domain=lambda self: [
            ("share", "=", False),
            ("groups_id", "in", self.env.ref("hr.group_hr_user").ids),
        ],
        help="Receives HR's to-dos: rewards to approve and to pay, escalations, "
        "warnings and the year-end summary. Empty: the employee's HR "
        "responsible (on their contract, with Contracts installed), else an "
        "HR officer of the company other than the administrator.",
    )
    # Scheduled reminders
    goede_gesprek_due_lead_days = number_setting(
        "Remind the employee days before due", 30
    )
    goede_gesprek_due_hr_days = number_setting("Escalate to HR days after due", 30)
    goede_gesprek_request_days = number_setting(
        "Propose a date within days of a request", 14
    )
    goede_gesprek_sign_days = number_setting("Sign the report within days", 14)

    # Legal profile: regime, sector, signatories, appraisal policy
    goede_gesprek_legal_regime = fields.Selection(
        REGIMES,
        string="Legal regime",
        default="civil",
        required=True,
        help="Civil law (most public employers since the Wnra, 2020) or "
        "Awb-style public law with objection (bezwaar).",
    )
    goede_gesprek_signing_line = fields.Text(
        string="Signing line",
        translate=True,
        help="Printed above the signatory's name in letters, e.g. the competent "
        "body and the mandate: “The Municipal Executive, on their behalf, by "
        "mandate”. Empty: “on behalf of” and the company's name.",
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
    goede_gesprek_hours_warning_days = number_setting(
        "Warn days before an hours-request deadline", 14
    )
    goede_gesprek_objection_weeks = number_setting(
        "Remind HR of an objection without a decision after weeks", 8
    )
    goede_gesprek_k_anonymity = number_setting(
        "Smallest group on the dashboard",
        5,
        help="Experience answers and works-council themes are shown only for "
        "groups of at least this many employees.",
    )

    _sql_constraints = [
        (
            "goede_gesprek_agenda_days_positive",
            "CHECK(goede_gesprek_agenda_days >= 0)",
            "The number of days to share the agenda in advance cannot be negative.",
        ),
        (
            "goede_gesprek_frequency_positive",
            "CHECK(goede_gesprek_frequency >= 1)",
            "Every employee has at least one good conversation a year.",
        ),
    ]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("goede_gesprek_hr_user_id")
    def _check_goede_gesprek_hr_user(self):
        for company in self.filtered("goede_gesprek_hr_user_id"):
            user = company.goede_gesprek_hr_user_id
            if user.share or not user.has_group("hr.group_hr_user"):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot be the HR responsible of %(company)s: "
                        "choose an HR officer.",
                        user=user.name,
                        company=company.name,
                    )
                )

    @api.constrains("goede_gesprek_k_anonymity")
    def _check_goede_gesprek_k_anonymity(self):
        for company in self:
            if company.goede_gesprek_k_anonymity < 2:
                raise ValidationError(
                    self.env._(
                        "The smallest group on the dashboard must be at least 2 "
                        "employees (%(company)s: %(k)s): smaller groups show "
                        "individual answers.",
                        company=company.name,
                        k=company.goede_gesprek_k_anonymity,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # The reminder user works for every company (its rules are company-bound).
        cron_user = self.env.ref("hr_goede_gesprek.user_cron", raise_if_not_found=False)
        if cron_user:
            # sudo: whoever creates a company may not manage users.
            cron_user.sudo().company_ids |= companies
        # Numbering exists before the first decision: two first decisions at
        # once must not each create a sequence and both be number 1.
        companies._goede_gesprek_create_decision_sequences()
        return companies

    # ------------------------------------------------------------------
    # Decision numbers
    # ------------------------------------------------------------------
    @api.model
    def _goede_gesprek_ensure_decision_sequences(self):
        """At install and update (data/ir_sequence_data.xml): every company
        that has no decision numbering yet gets it."""
        # sudo: run by the module loader; archived companies too.
        companies = self.sudo().with_context(active_test=False).search([])
        companies._goede_gesprek_create_decision_sequences()

    def _goede_gesprek_create_decision_sequences(self):
        """Create the decision sequence of each of these companies that has
        none; return the sequences created."""
        # sudo: numbering is the system's; nobody writes sequences themselves
        # (whoever creates a company need not manage sequences).
        Sequence = self.env["ir.sequence"].sudo()
        numbered = Sequence.search(
            [("code", "=", DECISION_SEQUENCE_CODE), ("company_id", "in", self.ids)]
        ).company_id
        todo = self - numbered
        if not todo:
            return Sequence
        template = self.env.ref(
            "hr_goede_gesprek.seq_decision", raise_if_not_found=False
        )
        vals_list = []
        for company in todo:
            if template:
                vals = template.sudo().copy_data(
                    {"name": f"{template.sudo().name} ({company.name})"}
                )[0]
            else:
                vals = dict(
                    DECISION_SEQUENCE_VALUES,
                    name=f"{DECISION_SEQUENCE_VALUES['name']} ({company.name})",
                )
            vals_list.append(dict(vals, company_id=company.id))
        return Sequence.create(vals_list)

    def _goede_gesprek_decision_sequence(self):
        """The company's decision sequence (sudo)."""
        self.ensure_one()
        Sequence = self.env["ir.sequence"].sudo()
        domain = [("code", "=", DECISION_SEQUENCE_CODE), ("company_id", "=", self.id)]
        sequence = Sequence.search(domain, order="id", limit=1)
        if sequence:
            return sequence
        # A safety net only: sequences are created with the company and at
        # install. Updating the company row serialises two first decisions:
        # the concurrent transaction fails with a serialisation error, is
        # retried by Odoo and then finds the sequence created here.
        self.env.cr.execute(
            "UPDATE res_company SET write_date = write_date WHERE id = %s", [self.id]
        )
        sequence = Sequence.search(domain, order="id", limit=1)
        if sequence:
            return sequence
        # sudo: counting the company's numbered decisions, whoever issues.
        numbered = (
            self.env["hr.goede.gesprek.decision"]
            .sudo()
            .search_count(
                [("company_id", "=", self.id), ("state", "!=", "draft")], limit=1
            )
        )
        if numbered:
            # A new sequence would start again at 1: numbers on letters would
            # repeat. The sequence was deleted; it must be restored.
            raise UserError(
                self.env._(
                    "The decision numbering of %(company)s is missing. Ask your "
                    "administrator to restore its sequence (code %(code)s) "
                    "before issuing decisions.",
                    company=self.name,
                    code=DECISION_SEQUENCE_CODE,
                )
            )
        return self._goede_gesprek_create_decision_sequences()

    def _goede_gesprek_next_decision_number(self, on_date):
        """The next decision number of the company, in the year of ``on_date``."""
        self.ensure_one()
        sequence = self._goede_gesprek_decision_sequence()
        # The first decision of a year creates the year's range of numbers.
        # Updating the sequence row serialises the company's numbering: a
        # concurrent issue waits, then fails with a serialisation error and is
        # retried by Odoo, instead of creating a second range that also starts
        # at 1. (No-gap numbering locks the range row anyway.)
        self.env.cr.execute(
            "UPDATE ir_sequence SET write_date = write_date WHERE id = %s",
            [sequence.id],
        )
        return sequence.next_by_id(sequence_date=on_date)

    # ------------------------------------------------------------------
    # Business: the company's time zone, HR user and signatories
    # ------------------------------------------------------------------
    def _goede_gesprek_tz(self):
        """The company's time zone: the one its legal dates are counted in.

        The company's address (its partner) decides, else its working-time
        calendar, else the Netherlands (the terms are Dutch law). Never one
        user's time zone: an issue date and a receipt date set by two users in
        different zones must still be dates of the same calendar.
        """
        self.ensure_one()
        # sudo: time-zone configuration of the company, read to count dates;
        # portal users cannot read the calendar.
        company = self.sudo()
        name = company.partner_id.tz or company.resource_calendar_id.tz
        try:
            return pytz.timezone(name or DEFAULT_TZ)
        except pytz.UnknownTimeZoneError:
            return pytz.timezone(DEFAULT_TZ)

    def _goede_gesprek_date(self, moment):
        """The date of ``moment`` in the company's time zone (``moment``: a
        naive UTC datetime as Odoo stores it, or an aware one)."""
        self.ensure_one()
        if not moment:
            return False
        if not isinstance(moment, datetime) or moment.tzinfo is None:
            moment = pytz.utc.localize(fields.Datetime.to_datetime(moment))
        return moment.astimezone(self._goede_gesprek_tz()).date()

    def _goede_gesprek_today(self):
        """Today in the company's time zone: the date every legal event (issue,
        receipt, objection, request, term) is stamped with; the reward year
        follows it too."""
        self.ensure_one()
        return self._goede_gesprek_date(datetime.now(pytz.utc))

    def _goede_gesprek_hr_user(self, employee=None):
        """Who receives HR's to-dos of this company (about ``employee``).

        The HR responsible of the settings; else the employee's own HR
        responsible (their contract's, when Contracts is installed; ``hr``
        itself has none); else the first HR officer of the company. The
        administrator only when no other HR officer exists, and then with a
        warning in the log: work must not pile up silently on the admin.
        """
        self.ensure_one()
        # sudo: configuration and group members; we only pick a recipient.
        company = self.sudo()
        if company.goede_gesprek_hr_user_id.active:
            return company.goede_gesprek_hr_user_id
        if employee:
            responsible = employee._goede_gesprek_hr_responsible()
            if responsible:
                return responsible
        group = self.env.ref("hr_goede_gesprek.group_goede_gesprek_officer")
        users = group.sudo().users.filtered(
            lambda u: company in u.company_ids and u.active and not u.share
        )
        cron_user = self.env.ref("hr_goede_gesprek.user_cron", raise_if_not_found=False)
        users = (users - cron_user - self.env.ref("base.user_root")).sorted("id")
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        if admin and users - admin:
            return (users - admin)[:1]
        if users:
            _logger.warning(
                "Company %s has no HR responsible and no HR officer but the "
                "administrator: HR's to-dos go to the administrator. Set the HR "
                "responsible in the Good Conversation settings.",
                company.id,
            )
        return users[:1]

    def _goede_gesprek_terms(self, route=None):
        """The words of the legal regime, translated in the context's language
        (tools/regime_terms.py): the document ("Written confirmation" or
        "Decision") and how to disagree. ``route`` (a dispute route): its own
        regime and type decide (an issued decision keeps the words it was
        issued with); without one the company's regime and its default route
        words."""
        self.ensure_one()
        regime = route.regime if route else self.goede_gesprek_legal_regime
        terms = regime_terms(regime or "civil", route.route_type if route else None)
        return {key: self.env._(term) for key, term in terms.items()}

    def _goede_gesprek_is_signatory(self, user):
        self.ensure_one()
        # The list of signatories is company configuration; reading it to
        # compare one id does not disclose anything.
        return user in self.sudo().goede_gesprek_signatory_ids
