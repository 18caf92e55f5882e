# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access requests (AVG art. 15) and the who-looked log."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.models.ir_qweb import QWebException
from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from ..tools.access_export import EXPORT_MODELS, REDACTED
from .common import GoedeGesprekCase
from .common_access import RESPONDENT_EMAIL, RESPONDENT_NAME, build_history, read_set
from .common_legal import DECISION_REPORT


@tagged("post_install", "-at_install", "access_request")
class TestAccessRequest(GoedeGesprekCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.AccessRequest = cls.env["hr.goede.gesprek.access.request"]
        cls.AccessLog = cls.env["hr.goede.gesprek.access.log"]
        cls.history = build_history(cls.env, cls.emp_employee)
        # A colleague writes in the employee's conversation: a third party.
        cls.history["hr.goede.gesprek"][0].message_post(
            body="Otto's own remark.",
            author_id=cls.user_other.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        cls.emp_portal = cls.env["hr.employee"].create(
            {
                "name": "Piet Portal",
                "work_contact_id": cls.user_portal.partner_id.id,
                "parent_id": cls.emp_manager.id,
            }
        )

    def _register(self, employee=None, user=None, **vals):
        user = user or self.user_officer
        return (
            self.AccessRequest.with_user(user)
            .create(
                {
                    "employee_id": (employee or self.emp_employee).id,
                    "received_date": "2026-03-02",
                    **vals,
                }
            )
            .with_env(self.env)
        )

    def _released(self, employee=None):
        request = self._register(employee)
        officer = request.with_user(self.user_officer)
        officer.action_produce()
        officer.action_review()
        officer.action_release()
        return request

    # ------------------------------------------------------------------
    # Produce
    # ------------------------------------------------------------------
    def test_produce_every_document_type(self):
        request = self._register()
        request.with_user(self.user_officer).action_produce()
        self.assertEqual(request.state, "produced")
        names, data, _raw = read_set(request)
        self.assertIn("data.json", names)
        self.assertTrue(any(n.startswith("documents/summary.") for n in names))
        sections = {s["model"]: s["records"] for s in data["sections"]}
        for model, _path in EXPORT_MODELS:
            if model == "hr.goede.gesprek.reward.budget":
                continue  # made by the reward workflow only, not by the fixture
            self.assertTrue(sections[model], f"{model} missing from the set")
            self.assertIn(f"csv/{model}.csv", names)
        self.assertEqual(
            request.set_record_count, sum(len(r) for r in sections.values())
        )
        conversation = sections["hr.goede.gesprek"][0]
        bodies = [m["body"] for m in conversation["messages"]]
        self.assertIn("A note on this document.", bodies)
        # Another employee's documents are not in the set.
        other = self.Conversation.create({"employee_id": self.emp_other.id})
        ids = [r["id"] for r in sections["hr.goede.gesprek"]]
        self.assertNotIn(other.id, ids)

    def test_redaction(self):
        request = self._register()
        request.with_user(self.user_officer).action_produce()
        _names, data, raw = read_set(request)
        self.assertNotIn(RESPONDENT_EMAIL, raw)
        self.assertNotIn(RESPONDENT_NAME, raw)
        self.assertNotIn("Carla Companion", raw)
        sections = {s["model"]: s["records"] for s in data["sections"]}
        answer = sections["hr.goede.gesprek.feedback.answer"][0]
        self.assertEqual(answer["answer"], "Always helpful.")
        self.assertEqual(answer["respondent"], "Respondent 1")
        self.assertNotIn("respondent_id", answer)
        respondent = sections["hr.goede.gesprek.feedback.respondent"][0]
        self.assertEqual(respondent["name"], REDACTED)
        self.assertEqual(respondent["email"], REDACTED)
        messages = sections["hr.goede.gesprek"][0]["messages"]
        colleague = [m for m in messages if m["body"] == "Otto's own remark."]
        self.assertEqual(colleague[0]["author"], REDACTED)
        own = [m for m in messages if m["body"] == "A note on this document."]
        self.assertEqual(own[0]["author"], self.user_employee.partner_id.name)
        self.assertNotIn("Otto Other", raw)
        # The manager is no third party.
        conversation = sections["hr.goede.gesprek"][0]
        self.assertEqual(conversation["partner_employee_ids"], ["Maria Manager"])

    def test_protects_others(self):
        anonymous = self.Request.create(
            {
                "employee_id": self.emp_employee.id,
                "name": "Anonymous round",
                "deadline": "2026-12-31",
                "anonymous": True,
            }
        )
        respondent = self.Respondent.create(
            {"request_id": anonymous.id, "name": "Sam Secret", "email": "s@x.nl"}
        )
        self.Answer.create(
            {
                "request_id": anonymous.id,
                "respondent_id": respondent.id,
                "answer": "The only answer so far.",
                "question_id": self.env.ref(
                    "hr_goede_gesprek.feedback_question_strengths"
                ).id,
            }
        )
        manager_view = self.env["hr.goede.gesprek.experience"].create(
            {
                "conversation_id": self.history["hr.goede.gesprek"][0].id,
                "user_id": self.user_manager.id,
                "party": "partner",
                "question": "useful",
                "score": 2,
            }
        )
        request = self._register()
        request.with_user(self.user_officer).action_produce()
        _names, data, raw = read_set(request)
        sections = {s["model"]: s["records"] for s in data["sections"]}
        self.assertNotIn("The only answer so far.", raw)
        self.assertNotIn(
            respondent.id,
            [r["id"] for r in sections["hr.goede.gesprek.feedback.respondent"]],
        )
        self.assertNotIn(
            manager_view.id,
            [r["id"] for r in sections["hr.goede.gesprek.experience"]],
        )
        # The request itself is the employee's and is in the set.
        self.assertIn(
            anonymous.id,
            [r["id"] for r in sections["hr.goede.gesprek.feedback.request"]],
        )

    # ------------------------------------------------------------------
    # Review and release
    # ------------------------------------------------------------------
    def test_release_unreviewed_refused(self):
        request = self._register()
        officer = request.with_user(self.user_officer)
        with self.assertRaisesRegex(UserError, "has not been reviewed"):
            officer.action_release()
        officer.action_produce()
        with self.assertRaisesRegex(UserError, "has not been reviewed"):
            officer.action_release()
        self.assertEqual(request.state, "produced")
        self.assertFalse(request.released_date)
        with self.assertRaises(UserError):
            self._register().with_user(self.user_officer).action_review()

    def test_release_logs_and_is_final(self):
        request = self._register()
        officer = request.with_user(self.user_officer)
        officer.action_produce()
        officer.review_note = "Checked the notes."
        officer.action_review()
        officer.action_release()
        self.assertEqual(request.state, "released")
        self.assertEqual(request.released_by_id, self.user_officer)
        logs = self.AccessLog.search([("access_request_id", "=", request.id)])
        self.assertEqual(set(logs.mapped("action")), {"produce", "release", "summary"})
        release = logs.filtered(lambda log: log.action == "release")
        self.assertEqual(release.user_id, self.user_officer)
        self.assertEqual(release.employee_id, self.emp_employee)
        # The employee, and only them, is notified.
        notice = self.env["mail.message"].search(
            [
                ("model", "=", request._name),
                ("res_id", "=", request.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertEqual(notice.partner_ids, self.user_employee.partner_id)
        # Released is final.
        with self.assertRaises(AccessError):
            officer.review_note = "Changed afterwards"
        with self.assertRaises(UserError):
            officer.action_produce()
        with self.assertRaises(AccessError):
            officer.unlink()

    def test_produce_again_needs_new_review(self):
        request = self._register()
        officer = request.with_user(self.user_officer)
        officer.action_produce()
        officer.action_review()
        officer.action_produce()
        self.assertEqual(request.state, "produced")
        self.assertFalse(request.reviewed_by_id)
        with self.assertRaises(UserError):
            officer.action_release()

    # ------------------------------------------------------------------
    # Deadline and extension
    # ------------------------------------------------------------------
    def test_deadline_and_extension(self):
        request = self._register()
        self.assertEqual(str(request.deadline), "2026-04-02")
        officer = request.with_user(self.user_officer)
        officer.write({"extension_months": 2, "extension_reason": "Many records."})
        self.assertEqual(str(request.deadline), "2026-06-02")
        with self.assertRaisesRegex(ValidationError, "at most 2"):
            officer.write({"extension_months": 3})
        with self.assertRaisesRegex(ValidationError, "reason"):
            officer.write({"extension_months": 1, "extension_reason": " "})
        with self.assertRaises(ValidationError):
            officer.write({"extension_months": -1})
        with self.assertRaisesRegex(ValidationError, "reason"):
            self._register(extension_months=1)

    def test_reminder_cron(self):
        request = self._register()
        cron_model = self.AccessRequest.with_user(self.env.ref("base.user_root"))
        kind = self.env.ref("hr_goede_gesprek.mail_act_access_request_deadline")

        def activities():
            return request.activity_ids.filtered(lambda a: a.activity_type_id == kind)

        with freeze_time("2026-03-20"):
            cron_model._cron_access_request_deadline()
        self.assertFalse(activities())
        with freeze_time("2026-03-27"):
            cron_model._cron_access_request_deadline()
            self.assertEqual(activities().user_id, self.user_officer)
            cron_model._cron_access_request_deadline()
        self.assertEqual(len(activities()), 1, "one reminder per deadline")
        # A new deadline: a new reminder before it.
        request.with_user(self.user_officer).write(
            {"extension_months": 1, "extension_reason": "Complex."}
        )
        self.assertFalse(request.reminder_date)
        # Released: the reminder is gone.
        officer = request.with_user(self.user_officer)
        officer.action_produce()
        officer.action_review()
        officer.action_release()
        self.assertFalse(activities())

    # ------------------------------------------------------------------
    # Roles
    # ------------------------------------------------------------------
    def _assert_neither_reads_nor_registers(self, request, user):
        """``user`` finds no access request, reads not ``request`` and
        registers none."""
        requests = self.AccessRequest.with_user(user)
        self.assertFalse(requests.search([]))
        with self.assertRaises(AccessError):
            request.with_user(user).read(["state"])
        with self.assertRaises(AccessError):
            requests.create({"employee_id": self.emp_employee.id})

    def test_roles_employee(self):
        request = self._register()
        self._assert_neither_reads_nor_registers(request, self.user_employee)
        with self.assertRaises(AccessError):
            request.with_user(self.user_employee).action_produce()
        request.with_user(self.user_officer).action_produce()
        request.with_user(self.user_officer).action_review()
        self.assertFalse(request.with_user(self.user_employee)._can_download())
        request.with_user(self.user_officer).action_release()
        mine = self.AccessRequest.with_user(self.user_employee)
        self.assertEqual(mine.search([]), request)
        self.assertTrue(request.with_user(self.user_employee)._can_download())
        with self.assertRaises(AccessError):
            request.with_user(self.user_employee).write({"review_note": "x"})
        # The set itself is never read as a field, only through the route.
        with self.assertRaises(AccessError):
            request.with_user(self.user_employee).read(["set_file"])
        with self.assertRaises(AccessError):
            self.AccessLog.with_user(self.user_employee).search([])

    def test_roles_manager(self):
        request = self._released()
        self._assert_neither_reads_nor_registers(request, self.user_manager)
        self.assertFalse(request.with_user(self.user_manager)._can_download())
        with self.assertRaises(AccessError):
            self.AccessLog.with_user(self.user_manager).search([])

    def test_roles_hr_officer(self):
        request = self._register()
        self.assertEqual(
            self.AccessRequest.with_user(self.user_officer).search(
                [("employee_id", "=", self.emp_employee.id)]
            ),
            request,
        )
        self.assertTrue(request.with_user(self.user_officer).action_produce())
        self.assertTrue(request.with_user(self.user_officer)._can_download())
        # The workflow's fields are not the officer's to write.
        with self.assertRaises(AccessError):
            request.with_user(self.user_officer).write({"state": "released"})
        # Only HR administrators read who looked.
        with self.assertRaises(AccessError):
            self.AccessLog.with_user(self.user_officer).search([])

    def test_roles_hr_manager(self):
        request = self._register(user=self.user_admin)
        admin = request.with_user(self.user_admin)
        admin.action_produce()
        admin.action_review()
        admin.action_release()
        logs = self.AccessLog.with_user(self.user_admin).search(
            [("access_request_id", "=", request.id)]
        )
        self.assertTrue(logs)
        with self.assertRaises(AccessError):
            logs.with_user(self.user_admin).write({"user_id": self.user_other.id})
        with self.assertRaises(AccessError):
            logs.with_user(self.user_admin).unlink()
        with self.assertRaises(AccessError):
            self.AccessLog.with_user(self.user_admin).create(
                {"user_id": self.user_admin.id, "action": "report", "res_model": "x"}
            )

    def test_roles_portal(self):
        build_history(self.env, self.emp_portal)
        mine = self._register(self.emp_portal)
        other = self._released()
        portal = self.AccessRequest.with_user(self.user_portal)
        self.assertFalse(portal.search([]))
        officer = mine.with_user(self.user_officer)
        officer.action_produce()
        officer.action_review()
        officer.action_release()
        self.assertEqual(portal.search([]), mine)
        self.assertTrue(mine.with_user(self.user_portal)._can_download())
        self.assertFalse(other.with_user(self.user_portal)._can_download())
        with self.assertRaises(AccessError):
            mine.with_user(self.user_portal).action_produce()
        _names, _data, raw = read_set(mine)
        self.assertNotIn(RESPONDENT_EMAIL, raw)

    def test_bad_input(self):
        with self.assertRaises(AccessError):
            self._register(user=self.user_officer, state="released")
        with self.assertRaises(ValidationError):
            self._register(extension_months=5, extension_reason="x")
        request = self._register()
        request.with_user(self.user_officer).action_cancel()
        with self.assertRaises(UserError):
            request.with_user(self.user_officer).action_produce()
        with self.assertRaises(UserError):
            request.with_user(self.user_officer).action_cancel()

    # ------------------------------------------------------------------
    # Who looked
    # ------------------------------------------------------------------
    def test_who_looked_report_render(self):
        conversation = self.history["hr.goede.gesprek"][0]
        report = self.env["ir.actions.report"].with_user(self.user_officer)
        report._render_qweb_pdf(
            "hr_goede_gesprek.action_report_goede_gesprek", res_ids=conversation.ids
        )
        log = self.AccessLog.search(
            [("res_model", "=", "hr.goede.gesprek"), ("res_id", "=", conversation.id)]
        )
        self.assertEqual(len(log), 1, "one row per rendering, not per step")
        self.assertEqual(log.user_id, self.user_officer)
        self.assertEqual(log.action, "report")
        self.assertEqual(log.employee_id, self.emp_employee)
        decision = self.history["hr.goede.gesprek.decision"][0]
        report._render_qweb_html(DECISION_REPORT, decision.ids)
        letter = self.AccessLog.search(
            [("res_model", "=", decision._name), ("res_id", "=", decision.id)]
        )
        self.assertEqual(letter.action, "letter")
        # A user who may not read the document gets no report, and no row
        # (QWeb wraps the AccessError of reading the record).
        self.env.invalidate_all()
        with self.assertRaises(QWebException):
            self.env["ir.actions.report"].with_user(self.user_other)._render_qweb_pdf(
                "hr_goede_gesprek.action_report_goede_gesprek",
                res_ids=conversation.ids,
            )
        self.assertFalse(self.AccessLog.search([("user_id", "=", self.user_other.id)]))


@tagged("post_install", "-at_install", "access_request")
class TestAccessDownloadHttp(HttpCase):
    """The download route: only for the employee (released) and HR; logged."""

    def test_download(self):
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        officer = new_test_user(
            env,
            "gga_officer",
            groups="base.group_user,hr_goede_gesprek.group_goede_gesprek_officer",
        )
        employee_user = new_test_user(env, "gga_employee", groups="base.group_user")
        colleague = new_test_user(env, "gga_colleague", groups="base.group_user")
        employee = env["hr.employee"].create(
            {"name": "Dora Download", "user_id": employee_user.id}
        )
        history = build_history(env, employee)
        request = (
            env["hr.goede.gesprek.access.request"]
            .with_user(officer)
            .create({"employee_id": employee.id, "received_date": "2026-03-02"})
        )
        request.action_produce()
        request.action_review()
        url = f"/my/access-requests/{request.id}/download"
        self.authenticate("gga_employee", "gga_employee")
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 303, "not released yet")
        request.action_release()
        response = self.url_open(url)
        self.assertEqual(response.headers["Content-Type"], "application/zip")
        self.assertTrue(response.content.startswith(b"PK"))
        log = env["hr.goede.gesprek.access.log"].search(
            [("access_request_id", "=", request.id), ("action", "=", "download")]
        )
        self.assertEqual(log.user_id, employee_user)
        self.authenticate("gga_colleague", "gga_colleague")
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(
            env["hr.goede.gesprek.access.log"].search_count(
                [("user_id", "=", colleague.id)]
            ),
            0,
        )
        response = self.url_open("/my/access-requests")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(url, response.text)
        self.authenticate("gga_employee", "gga_employee")
        response = self.url_open("/my/access-requests")
        self.assertIn(url, response.text)
        # Who looked, through Odoo's own (read-only) report route.
        conversation = history["hr.goede.gesprek"][0]
        response = self.url_open(
            f"/report/pdf/hr_goede_gesprek.report_goede_gesprek/{conversation.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            env["hr.goede.gesprek.access.log"]
            .search(
                [
                    ("res_model", "=", "hr.goede.gesprek"),
                    ("res_id", "=", conversation.id),
                ]
            )
            .mapped("user_id"),
            employee_user,
        )

    def test_who_looked_filed_file(self):
        """Opening the filed letter itself (/web/content, the attachment
        viewer) is logged; other files of the personnel file are not."""
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        new_test_user(
            env,
            "ggf_officer",
            groups="base.group_user,hr_goede_gesprek.group_goede_gesprek_officer",
        )
        new_test_user(env, "ggf_colleague", groups="base.group_user")
        employee = env["hr.employee"].create({"name": "Fenna File"})
        decision = build_history(env, employee)["hr.goede.gesprek.decision"][0]
        letter = decision.sudo()._get_letter()
        self.assertEqual(letter.res_model, "hr.employee")
        other = env["ir.attachment"].create(
            {
                "name": "cv.pdf",
                "raw": b"%PDF-1.4",
                "res_model": "hr.employee",
                "res_id": employee.id,
            }
        )
        Log = env["hr.goede.gesprek.access.log"]

        def rows():
            return Log.search(
                [("res_model", "=", decision._name), ("res_id", "=", decision.id)]
            )

        before = rows()
        self.authenticate("ggf_officer", "ggf_officer")
        response = self.url_open(f"/web/content/{letter.id}?download=true")
        self.assertEqual(response.status_code, 200)
        opened = rows() - before
        self.assertEqual(opened.mapped("action"), ["letter"])
        self.assertEqual(opened.user_id.login, "ggf_officer")
        count = Log.search_count([])
        self.assertEqual(self.url_open(f"/web/content/{other.id}").status_code, 200)
        self.assertEqual(Log.search_count([]), count, "another file: no row")
        # Someone who may not read the file gets neither the file nor a row.
        self.authenticate("ggf_colleague", "ggf_colleague")
        response = self.url_open(f"/web/content/{letter.id}")
        self.assertNotEqual(response.status_code, 200)
        self.assertEqual(Log.search_count([]), count)
