# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures for the formal layer: a signatory, a next-level manager, helpers."""

import subprocess
import tempfile

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import GoedeGesprekCase, set_up_models

ISSUE_DAY = "2026-03-02"  # a Monday
DECISION_REPORT = "hr_goede_gesprek.action_report_decision"

# The formal layer's models, set in the legal tests' mail-muted environment.
LEGAL_MODELS = {
    "Decision": "hr.goede.gesprek.decision",
    "Appraisal": "hr.goede.gesprek.appraisal",
    "Objection": "hr.goede.gesprek.objection",
    "Hours": "hr.goede.gesprek.hours.request",
    "Rule": "hr.goede.gesprek.retention.rule",
    "Log": "hr.goede.gesprek.destruction.log",
}


def plan_appraisal(
    appraisal, user, day="2026-02-03", date_planned="2026-02-16 10:00:00", **vals
):
    """``user`` (the manager) plans ``appraisal`` on ``day``."""
    manager = appraisal.with_user(user)
    with freeze_time(day):
        manager.write({"date_planned": date_planned, **vals})
        manager.action_plan()
    return appraisal


def hold_appraisal(
    appraisal,
    user,
    held_at="2026-02-16 12:00:00",
    report="<p>A good year.</p>",
    reasons="Reliable and helpful.",
    establish=True,
    **plan,
):
    """``user`` (the manager) plans ``appraisal`` (``plan``: the arguments of
    plan_appraisal), holds it at ``held_at``, writes the report with the level
    "good" and, unless ``establish`` is False, establishes it."""
    plan_appraisal(appraisal, user, **plan)
    manager = appraisal.with_user(user)
    with freeze_time(held_at):
        manager.action_hold()
        level = appraisal.env.ref("hr_goede_gesprek.appraisal_level_good")
        manager.write({"report": report, "level_id": level.id, "reasons": reasons})
        if establish:
            manager.action_establish()
    return appraisal


def issue_with_letter(decision, user, day=ISSUE_DAY):
    """``user`` issues ``decision`` on ``day``, its letter rendered as a real
    PDF (tests skip the rendering otherwise); returns the letter."""
    with freeze_time(day):
        decision.with_user(user).with_context(
            force_report_rendering=True
        ).action_issue()
    return decision.attachment_id


class LegalCase(GoedeGesprekCase):
    """Adds Dirk, director and authorised signatory, manager of Maria."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.user_director = new_test_user(
            cls.env, "gg_director", groups="base.group_user", name="Dirk Director"
        )
        cls.emp_director = cls.env["hr.employee"].create(
            {"name": "Dirk Director", "user_id": cls.user_director.id}
        )
        cls.emp_manager.parent_id = cls.emp_director
        cls.company.write(
            {
                "goede_gesprek_signatory_ids": [Command.set(cls.user_director.ids)],
                "goede_gesprek_legal_regime": "civil",
                "goede_gesprek_sector": "municipal",
            }
        )
        set_up_models(cls, LEGAL_MODELS)
        cls.level_good = cls.env.ref("hr_goede_gesprek.appraisal_level_good")
        cls.level_very_good = cls.env.ref("hr_goede_gesprek.appraisal_level_very_good")
        cls.topic_salary = cls.env.ref("hr_goede_gesprek.legal_topic_salary_step")
        cls.route_reconsideration = cls.env.ref(
            "hr_goede_gesprek.dispute_route_reconsideration"
        )
        cls.route_awb = cls.env.ref("hr_goede_gesprek.dispute_route_awb_objection")
        cls.route_committee = cls.env.ref("hr_goede_gesprek.dispute_route_committee")

    def _decision_vals(self, employee=None):
        """What a manager fills in for a draft decision about ``employee``."""
        return {
            "employee_id": (employee or self.emp_employee).id,
            "topic_id": self.topic_salary.id,
            "subject": "Salary step",
            "decision_text": "You receive one extra salary step.",
            "reasons": "Your performance was very good.",
            "date_effective": "2026-04-01",
            "legal_basis": "Cao Gemeenten, article 3.4",
            "signatory_id": self.user_director.id,
        }

    def _other_company_decision(self, company):
        """A draft decision about Olga, an employee of ``company``, for Dirk to
        sign (he is given access to ``company``)."""
        self.user_director.company_ids |= company
        employee = self.env["hr.employee"].create(
            {"name": "Olga Other", "company_id": company.id}
        )
        return self.Decision.create(
            {
                "employee_id": employee.id,
                "company_id": company.id,
                "topic_id": self.topic_salary.id,
                "subject": "Salary step",
                "decision_text": "One step.",
                "reasons": "Good work.",
                "date_effective": "2026-04-01",
                "signatory_id": self.user_director.id,
            }
        )

    def _draft(self, user=None, **vals):
        values = {**self._decision_vals(), **vals}
        return (
            self.Decision.with_user(user or self.user_manager)
            .create(values)
            .with_env(self.env)
        )

    def _issued(self, day=ISSUE_DAY, **vals):
        decision = self._draft(**vals)
        with freeze_time(day):
            decision.with_user(self.user_director).action_issue()
        return decision

    def _hours_request(self, day="2026-02-01", **vals):
        """Eva asks on ``day`` to work 32 hours instead of 36, and submits."""
        with freeze_time(day):
            request = self.Hours.with_user(self.user_employee).create(
                {
                    "employee_id": self.emp_employee.id,
                    "date_start": "2026-05-01",
                    "hours_current": 36,
                    "hours_requested": 32,
                    **vals,
                }
            )
            request.action_submit()
        return request.with_env(self.env)

    def _notified(self, day=ISSUE_DAY, notified=None, **vals):
        decision = self._issued(day=day, **vals)
        with freeze_time(notified or day):
            decision.with_user(self.user_employee).action_acknowledge()
        return decision


class HolidayCase(LegalCase):
    """Starts from an empty list of days declared holidays."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Holiday = cls.env["hr.goede.gesprek.holiday"]
        # Demo data may list a day of its own; these tests start from none.
        cls.Holiday.with_context(active_test=False).search([]).unlink()

    @classmethod
    def _day(cls, day, name="Declared equal", **vals):
        return cls.Holiday.create({"date": day, "name": name, **vals})


def pdf_text(content):
    """The text of a rendered PDF (pdftotext), whitespace collapsed."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        result = subprocess.run(
            ["pdftotext", "-layout", pdf.name, "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
    return " ".join(result.stdout.decode().split())
