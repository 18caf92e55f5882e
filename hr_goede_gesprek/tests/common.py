# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

GROUP_MANAGER = "base.group_user,hr_goede_gesprek.group_goede_gesprek_manager"
GROUP_OFFICER = "base.group_user,hr_goede_gesprek.group_goede_gesprek_officer"
GROUP_ADMIN = "base.group_user,hr_goede_gesprek.group_goede_gesprek_admin"

PLANNED_AT = "2026-03-10 10:00:00"
BEFORE = "2026-03-02 09:00:00"
AFTER = "2026-03-10 12:00:00"

# The models the conversation tests use, by the class attribute that holds them.
MODELS = {
    "Conversation": "hr.goede.gesprek",
    "Request": "hr.goede.gesprek.feedback.request",
    "Respondent": "hr.goede.gesprek.feedback.respondent",
    "Answer": "hr.goede.gesprek.feedback.answer",
    "Question": "hr.goede.gesprek.feedback.question",
    "Wizard": "hr.goede.gesprek.feedback.wizard",
    "Agreement": "hr.goede.gesprek.agreement",
    "Line": "hr.goede.gesprek.agenda.line",
    "Experience": "hr.goede.gesprek.experience",
    "Prompt": "hr.goede.gesprek.trigger.prompt",
    "Trigger": "hr.goede.gesprek.trigger",
    "Mail": "mail.mail",
}


def set_up_models(cls, models):
    """Sets each model of ``models`` (attribute: model name) on the test class,
    in ``cls.env``: call it once the class's environment has its context."""
    for attribute, model in models.items():
        setattr(cls, attribute, cls.env[model])


def new_employee(env, name, user=None, manager=None, **vals):
    """An employee ``name``, of ``user`` and reporting to ``manager`` if given."""
    if user:
        vals["user_id"] = user.id
    if manager:
        vals["parent_id"] = manager.id
    return env["hr.employee"].create({"name": name, **vals})


def new_user_employee(env, login, name, groups="base.group_user", manager=None):
    """A user ``name`` with ``login`` in ``groups`` and their employee record,
    reporting to ``manager`` if given: ``(user, employee)``."""
    user = new_test_user(env, login, groups=groups, name=name)
    return user, new_employee(env, name, user, manager)


def activities_of_type(record, xmlid):
    """The activities of type ``xmlid`` on ``record``."""
    kind = record.env.ref(xmlid)
    return record.activity_ids.filtered(lambda a: a.activity_type_id == kind)


class GoedeGesprekCase(TransactionCase):
    """One user per role, with their employee records.

    manager (Maria) leads the team of employee (Eva) and other (Otto);
    hr_adviser is an HR officer who is also an employee (Hanna).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        cls.company = cls.env.company
        cls.user_employee = new_test_user(
            cls.env, "gg_employee", groups="base.group_user", name="Eva Employee"
        )
        cls.user_other = new_test_user(
            cls.env, "gg_other", groups="base.group_user", name="Otto Other"
        )
        cls.user_manager = new_test_user(
            cls.env, "gg_manager", groups=GROUP_MANAGER, name="Maria Manager"
        )
        cls.user_officer = new_test_user(
            cls.env, "gg_officer", groups=GROUP_OFFICER, name="Hanna HR"
        )
        cls.user_admin = new_test_user(
            cls.env, "gg_admin", groups=GROUP_ADMIN, name="Anton Admin"
        )
        cls.user_portal = new_test_user(
            cls.env, "gg_portal", groups="base.group_portal", name="Piet Portal"
        )
        cls.emp_manager = new_employee(cls.env, "Maria Manager", cls.user_manager)
        cls.department = cls.env["hr.department"].create(
            {"name": "Public Works", "manager_id": cls.emp_manager.id}
        )
        cls.emp_employee = new_employee(
            cls.env,
            "Eva Employee",
            cls.user_employee,
            cls.emp_manager,
            department_id=cls.department.id,
        )
        cls.emp_other = new_employee(
            cls.env, "Otto Other", cls.user_other, cls.emp_manager
        )
        cls.emp_officer = new_employee(cls.env, "Hanna HR", cls.user_officer)
        set_up_models(cls, MODELS)

    # Helpers run every step as the user who would take it in real life.
    def _new(self, employee=None, user=None, **vals):
        employee = employee or self.emp_employee
        user = user or employee.user_id or self.env.user
        return (
            self.Conversation.with_user(user)
            .create({"employee_id": employee.id, **vals})
            .with_env(self.env)
        )

    def _planned(self, **vals):
        conversation = self._new(
            date_start=PLANNED_AT, duration=1.5, location="Room 1", **vals
        )
        with freeze_time(BEFORE):
            conversation.with_user(self.user_employee).action_plan()
        return conversation

    def _held(self, **vals):
        conversation = self._planned(**vals)
        with freeze_time(AFTER):
            conversation.with_user(self.user_employee).action_hold()
        return conversation

    def _in_report(self, summary="<p>We discussed the new project.</p>", **vals):
        conversation = self._held(**vals)
        author = (
            self.user_manager
            if conversation.report_author == "partner"
            else self.user_employee
        )
        conversation.with_user(author).report_summary = summary
        conversation.with_user(author).action_submit_report()
        return conversation

    def _done(self, **vals):
        conversation = self._in_report(**vals)
        conversation.with_user(self.user_employee)._do_sign("employee", "seen")
        conversation.with_user(self.user_manager)._do_sign("partner", "agreed")
        return conversation


class GoedeGesprekCaseB(TransactionCase):
    """Agreement, conversation card and employee tests, with mail muted.

    manager leads employee; colleague and adviser are employees outside the
    team; officer and admin are HR.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.company = cls.env.company
        cls.user_manager = new_test_user(
            cls.env,
            login="ggb_manager",
            groups=GROUP_MANAGER,
        )
        cls.user_employee = new_test_user(
            cls.env, login="ggb_employee", groups="base.group_user"
        )
        cls.user_colleague = new_test_user(
            cls.env, login="ggb_colleague", groups="base.group_user"
        )
        cls.user_adviser = new_test_user(
            cls.env, login="ggb_adviser", groups="base.group_user"
        )
        cls.user_officer = new_test_user(
            cls.env,
            login="ggb_officer",
            groups=GROUP_OFFICER,
        )
        cls.user_admin = new_test_user(
            cls.env,
            login="ggb_admin",
            groups=GROUP_ADMIN,
        )
        cls.emp_manager = new_employee(cls.env, "Mia Manager", cls.user_manager)
        cls.emp_employee = new_employee(
            cls.env, "Eva Employee", cls.user_employee, cls.emp_manager
        )
        cls.emp_colleague = new_employee(cls.env, "Cas Colleague", cls.user_colleague)
        cls.emp_adviser = new_employee(cls.env, "Ada Adviser", cls.user_adviser)

    @classmethod
    def _create_conversation(cls, employee=None, **values):
        employee = employee or cls.emp_employee
        vals = {
            "employee_id": employee.id,
            "partner_employee_ids": [Command.set(employee.parent_id.ids)],
        }
        vals.update(values)
        return cls.env["hr.goede.gesprek"].create(vals)

    @classmethod
    def _create_agreement(cls, conversation, **values):
        vals = {"name": "Follow a course", "conversation_id": conversation.id}
        vals.update(values)
        return cls.env["hr.goede.gesprek.agreement"].create(vals)
