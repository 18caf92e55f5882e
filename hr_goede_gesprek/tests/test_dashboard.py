# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import PLANNED_AT, GoedeGesprekCase, new_employee

COVERAGE = "hr.goede.gesprek.report.coverage"
CONVERSATION = "hr.goede.gesprek.report.conversation"
AGREEMENT = "hr.goede.gesprek.report.agreement"
EXPERIENCE = "hr.goede.gesprek.report.experience"
THEME = "hr.goede.gesprek.report.theme"
SNAPSHOT = "hr.goede.gesprek.dashboard.snapshot"
# A day whose last 12 months hold the test's conversations (PLANNED_AT).
SNAPSHOT_DAY = "2026-06-01 12:00:00"


@tagged("post_install", "-at_install", "goede_gesprek_dashboard")
class TestDashboard(GoedeGesprekCase):
    """Maria's team: Eva, Otto and four more; Bob leads a team of one (Xavi)
    elsewhere. Every conversation of the team is held; each employee and
    Maria say how it felt."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.goede_gesprek_k_anonymity = 5
        # The demo's answers would count in the groups: only this test's.
        cls.Experience.sudo().search([]).unlink()
        cls.team = cls.emp_employee | cls.emp_other
        for index in range(4):
            user = new_test_user(cls.env, f"gg_team{index}", groups="base.group_user")
            cls.team |= new_employee(
                cls.env,
                f"Team member {index}",
                user,
                cls.emp_manager,
                department_id=cls.department.id,
                employee_type="student" if index == 0 else "employee",
            )
        cls.user_boss = new_test_user(
            cls.env,
            "gg_boss",
            groups="base.group_user,hr_goede_gesprek.group_goede_gesprek_manager",
        )
        cls.emp_boss = new_employee(cls.env, "Bob Boss", cls.user_boss)
        cls.user_xavi = new_test_user(cls.env, "gg_xavi", groups="base.group_user")
        cls.emp_xavi = new_employee(cls.env, "Xavi", cls.user_xavi, cls.emp_boss)
        cls.emp_xavi.sudo().write(
            {"goede_gesprek_excluded": True, "goede_gesprek_exclusion_reason": "Sick"}
        )
        cls.topic = cls.env["hr.goede.gesprek.topic"].create({"name": "Dashboard"})
        cls.conversations = cls.Conversation
        for employee in cls.team:
            # Made by the superuser straight in "held": the workflow has its
            # own tests; these are the dashboard's data.
            conversation = cls.Conversation.sudo().create(
                {
                    "employee_id": employee.id,
                    "date_start": PLANNED_AT,
                    "state": "held",
                    "chair": "employee",
                }
            )
            # Each side adds an item (the author is the user's side).
            conversation.with_user(employee.user_id).portal_add_agenda_line(
                "Workload", topic_id=cls.topic.id
            )
            conversation.with_user(cls.user_manager).portal_add_agenda_line("Course")
            cls.conversations |= conversation
        for conversation in cls.conversations[:4]:
            cls.Experience.with_user(conversation.employee_id.user_id).action_submit(
                conversation.id, {"heard": 4, "useful": "5"}
            )

    def _answer(self, conversation, scores):
        return self.Experience.with_user(
            conversation.sudo().employee_id.user_id
        ).action_submit(conversation.id, scores)

    def _counts(self, report, user, groupby):
        """The rows of ``report`` ``user`` reads, counted per ``groupby``."""
        return dict(
            self.env[report].with_user(user)._read_group([], [groupby], ["__count"])
        )

    # ------------------------------------------------------------------
    # Roles
    # ------------------------------------------------------------------
    def test_hr_sees_all_manager_own_team(self):
        def rows(user):
            return self._counts(COVERAGE, user, "employee_id")

        hr_rows = rows(self.user_officer)
        self.assertIn(self.emp_xavi, hr_rows)
        self.assertTrue(set(self.team) <= set(hr_rows))
        self.assertEqual(set(rows(self.user_manager)), set(self.team))
        self.assertEqual(set(rows(self.user_boss)), {self.emp_xavi})
        coverage = (
            self.env[COVERAGE]
            .with_user(self.user_officer)
            .search([("employee_id", "=", self.emp_xavi.id)])
        )
        self.assertEqual(coverage.coverage, "excluded")
        self.assertEqual(coverage.exclusion_reason, "Sick")
        for user in (self.user_employee, self.user_portal):
            for model in (COVERAGE, CONVERSATION, AGREEMENT, EXPERIENCE, THEME):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).read_group([], [], [])
            with self.assertRaises(AccessError):
                self.env["hr.goede.gesprek.dashboard"].with_user(user).create({})

    def test_rows_readable_unless_k_protected(self):
        """The reports without k-protection show their rows (coverage's date:
        the employee's last conversation); the k-protected ones never do."""
        employee = self.conversations[0].employee_id
        coverage = (
            self.env[COVERAGE]
            .with_user(self.user_officer)
            .search([("employee_id", "=", employee.id)])
        )
        self.assertEqual(coverage.date, employee.sudo().goede_gesprek_last_held_date)
        self.assertTrue(coverage.date)
        rows = self.env[CONVERSATION].with_user(self.user_officer).search([])
        self.assertLessEqual(set(self.conversations.ids), set(rows.ids))
        self.env[AGREEMENT].with_user(self.user_officer).search([])
        for model in (EXPERIENCE, THEME):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.user_officer).search([])

    def test_equality_and_coverage_figures(self):
        dashboard = (
            self.env["hr.goede.gesprek.dashboard"]
            .with_user(self.user_manager)
            .create({"date_from": "2026-01-01", "date_to": "2026-12-31"})
        )
        self.assertEqual(dashboard.conversation_count, 6)
        self.assertEqual(dashboard.covered_count, 6)
        self.assertEqual(dashboard.chaired_by_employee, 6)
        self.assertAlmostEqual(dashboard.employee_agenda_share, 50.0)
        dashboard.employee_type = "student"
        self.assertEqual(dashboard.conversation_count, 1)
        dashboard.write({"employee_type": False, "date_from": "2027-01-01"})
        self.assertEqual(dashboard.conversation_count, 0)
        action = dashboard.with_context(report="coverage").action_open_report()
        self.assertEqual(action["res_model"], COVERAGE)

    # ------------------------------------------------------------------
    # k-protection
    # ------------------------------------------------------------------
    def _experience(self, user, groupby=("question",)):
        return (
            self.env[EXPERIENCE]
            .with_user(user)
            ._read_group([], list(groupby), ["score:avg"])
        )

    def test_k_protection(self):
        # 4 employees answered (plus nobody else): below k = 5.
        for user in (self.user_officer, self.user_manager):
            self.assertFalse(self._experience(user))
            self.assertFalse(
                self.env[EXPERIENCE].with_user(user).read_group([], ["score"], [])
            )
        dashboard = (
            self.env["hr.goede.gesprek.dashboard"]
            .with_user(self.user_officer)
            .create({"date_from": "2026-01-01"})
        )
        self.assertFalse(dashboard.experience_heard)
        self._answer(self.conversations[4], {"heard": 1})
        rows = dict(self._experience(self.user_officer))
        self.assertAlmostEqual(rows["heard"], 3.4)
        # "useful": 4 employees only: still blank.
        self.assertNotIn("useful", rows)
        dashboard.invalidate_recordset()
        self.assertAlmostEqual(dashboard.experience_heard, 3.4)
        self.assertFalse(dashboard.experience_useful)
        # No group of one: per employee nothing shows.
        self.assertFalse(self._experience(self.user_officer, ["employee_id"]))
        # Bob's team is below k.
        self.assertFalse(self._experience(self.user_boss))
        # No single rows, no lists, no singling out.
        Report = self.env[EXPERIENCE].with_user(self.user_officer)
        for attempt in (
            lambda: Report.search_read([], ["score"]),
            lambda: Report.web_search_read([], {"score": {}}),
            lambda: Report.search_count([]),
            lambda: Report.browse(1).score,
            lambda: Report._read_group([], ["question"], ["score:array_agg"]),
            lambda: Report._read_group(
                [("employee_id", "in", self.team.ids)], ["question"], ["__count"]
            ),
            lambda: Report._read_group(
                [("manager_user_id", "=", self.user_manager.id)], [], ["__count"]
            ),
        ):
            with self.assertRaises(AccessError):
                attempt()
        # A smaller k (a setting) shows smaller groups.
        self.company.goede_gesprek_k_anonymity = 4
        self.assertIn("useful", dict(self._experience(self.user_officer)))

    def test_themes_k_protected(self):
        def themes(user):
            return self._counts(THEME, user, "topic_id")

        self.assertEqual(themes(self.user_officer)[self.topic], 6)
        self.assertEqual(themes(self.user_manager), {self.topic: 6})
        self.company.goede_gesprek_k_anonymity = 7
        self.assertNotIn(self.topic, themes(self.user_officer))
        with self.assertRaises(AccessError):
            self.env[THEME].with_user(self.user_officer).search([])

    def test_follow_up(self):
        Agreement = self.env["hr.goede.gesprek.agreement"].sudo()
        for state, deadline in (
            ("agreed", "2026-01-01"),
            ("agreed", "2099-01-01"),
            ("not_done", False),
            ("proposed", False),
        ):
            Agreement.create(
                {
                    "name": "Course",
                    "employee_id": self.emp_employee.id,
                    "conversation_id": self.conversations[0].id,
                    "state": state,
                    "deadline": deadline,
                }
            )
        rows = dict(
            self.env[AGREEMENT]
            .with_user(self.user_manager)
            ._read_group([], ["outcome"], ["__count"])
        )
        self.assertEqual(rows, {"late": 1, "open": 1, "not_done": 1})

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------
    def test_k_below_two_refused(self):
        for bad in (1, 0, -3):
            with self.assertRaises(ValidationError) as caught:
                self.company.goede_gesprek_k_anonymity = bad
                self.company.flush_recordset()
            self.assertIn("at least 2", str(caught.exception))
            self.company.invalidate_recordset()
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"goede_gesprek_k_anonymity": 1})
        self.assertEqual(self.company.goede_gesprek_k_anonymity, 5)

    def test_experience_bad_input(self):
        conversation = self.conversations[5]
        user = conversation.sudo().employee_id.user_id
        Experience = self.Experience.with_user(user)
        for scores, error in (
            ({"heard": 7}, ValidationError),
            ({"heard": "x"}, ValidationError),
            ({"mood": 3}, ValidationError),
            ({}, UserError),
        ):
            with self.assertRaises(error):
                Experience.action_submit(conversation.id, scores)
        # Someone else's conversation; a conversation not held yet.
        with self.assertRaises(AccessError):
            self.Experience.with_user(self.user_employee).action_submit(
                conversation.id, {"heard": 3}
            )
        with self.assertRaises(AccessError):
            self.Experience.with_user(self.user_employee).create(
                {
                    "conversation_id": conversation.id,
                    "user_id": self.user_employee.id,
                    "party": "employee",
                    "question": "heard",
                    "score": 5,
                }
            )
        self.assertFalse(
            self.Experience.sudo().search_count(
                [("conversation_id", "=", conversation.id)]
            )
        )
        fresh = self._new()
        with self.assertRaises(UserError):
            self.Experience.with_user(self.user_employee).action_submit(
                fresh.id, {"heard": 3}
            )
        # Once per question; the manager answers for the partner's side.
        Experience.action_submit(conversation.id, {"heard": 3})
        with self.assertRaises(UserError):
            Experience.action_submit(conversation.id, {"heard": 4})
        answer = self.Experience.with_user(self.user_manager).action_submit(
            conversation.id, {"heard": 5}
        )
        self.assertEqual(answer.party, "partner")
        # Each reads only their own answers; HR none.
        self.assertEqual(
            self.Experience.with_user(self.user_manager).search([]), answer
        )
        self.assertFalse(self.Experience.with_user(self.user_officer).search([]))
        with self.assertRaises(AccessError):
            answer.with_user(user).write({"score": 1})

    # ------------------------------------------------------------------
    # Performance
    # ------------------------------------------------------------------
    def test_dashboard_query_count(self):
        Dashboard = self.env["hr.goede.gesprek.dashboard"].with_user(self.user_officer)
        dashboard = Dashboard.create({"date_from": "2026-01-01"})
        dashboard.invalidate_recordset()
        self.env.invalidate_all()
        # Warm the caches (rules, groups), then measure one full overview.
        dashboard._get_figures()
        with self.assertQueryCount(20):
            dashboard._get_figures()

    # ------------------------------------------------------------------
    # Last night's figures (the snapshot)
    # ------------------------------------------------------------------
    def _dashboard(self, user, **filters):
        Dashboard = self.env["hr.goede.gesprek.dashboard"].with_user(user)
        return Dashboard.new(
            dict(Dashboard.default_get(["date_from", "date_to"]), **filters)
        )

    def _refresh(self):
        return self.env[SNAPSHOT].sudo()._refresh(self.company)

    @freeze_time(SNAPSHOT_DAY)
    def test_snapshot_equals_live(self):
        """For every scope and filter the nightly figures are the live ones."""
        self._answer(self.conversations[4], {"heard": 2, "equal": 5})
        snapshots = self._refresh()
        self.assertLessEqual(
            self.user_manager | self.user_boss, snapshots.mapped("user_id")
        )
        company_rows = snapshots.filtered(lambda s: not s.user_id)
        self.assertEqual(company_rows.mapped("filter_key").count("|"), 1)
        self.assertIn(
            f"{self.department.id}|student", company_rows.mapped("filter_key")
        )
        student = self.team.filtered(lambda e: e.employee_type == "student")
        self.assertTrue(student)
        filters = (
            {},
            {"department_id": self.department.id},
            {"employee_type": "student"},
            {"department_id": self.department.id, "employee_type": "student"},
            {"employee_type": "freelance"},
        )
        checked = 0
        for user in (self.user_officer, self.user_manager, self.user_boss):
            for values in filters:
                dashboard = self._dashboard(user, **values)
                figures = dashboard._get_figures()
                self.assertTrue(figures.pop("figures_as_of"), (user.login, values))
                live = dashboard._get_live_figures()
                self.assertEqual(figures.keys(), live.keys())
                for name, value in live.items():
                    self.assertAlmostEqual(
                        figures[name], value, msg=(user.login, values, name)
                    )
                checked += 1
        self.assertEqual(checked, 15)
        self.assertEqual(
            self._dashboard(self.user_manager)._get_figures()["conversation_count"], 6
        )
        officer = self._dashboard(self.user_officer)._get_figures()
        self.assertAlmostEqual(officer["experience_heard"], 3.6)
        self.assertFalse(officer["experience_useful"])  # 4 employees only
        self.assertEqual(
            self._dashboard(self.user_boss)._get_figures()["excluded_count"], 1
        )
        # Another period: computed live, no date shown.
        other = self._dashboard(self.user_manager, date_from="2026-03-01")
        self.assertFalse(other._get_figures()["figures_as_of"])
        self.assertEqual(other.conversation_count, 6)

    @freeze_time(SNAPSHOT_DAY)
    def test_snapshot_stale_until_refreshed(self):
        rows = len(self._refresh())
        before = self._dashboard(self.user_officer)
        self.assertTrue(before.figures_as_of)
        held = before.conversation_count
        self.assertEqual(self._dashboard(self.user_boss).conversation_count, 0)
        self.Conversation.sudo().create(
            {
                "employee_id": self.emp_xavi.id,
                "date_start": PLANNED_AT,
                "state": "held",
            }
        )
        # Until tonight (or a refresh) the figures are last night's.
        self.assertEqual(self._dashboard(self.user_officer).conversation_count, held)
        self.assertEqual(self._dashboard(self.user_boss).conversation_count, 0)
        # A manager may not refresh; HR may, twice in a row (same rows).
        with self.assertRaises(AccessError):
            self._dashboard(self.user_boss).action_refresh_figures()
        self.assertEqual(self._dashboard(self.user_boss).conversation_count, 0)
        for _attempt in range(2):
            self._dashboard(self.user_officer).action_refresh_figures()
            self.assertEqual(
                self._dashboard(self.user_officer).conversation_count, held + 1
            )
            self.assertEqual(self._dashboard(self.user_boss).conversation_count, 1)
            self.assertEqual(
                self.env[SNAPSHOT]
                .sudo()
                .search_count([("company_id", "=", self.company.id)]),
                rows,
            )
        # The nightly cron does the same for every company.
        self.env[SNAPSHOT].sudo().search([]).unlink()
        self.assertFalse(self._dashboard(self.user_officer).figures_as_of)
        self.env.ref(
            "hr_goede_gesprek.ir_cron_dashboard_snapshot"
        ).sudo().method_direct_trigger()
        self.assertTrue(self._dashboard(self.user_officer).figures_as_of)

    @freeze_time(SNAPSHOT_DAY)
    def test_snapshot_access_and_k(self):
        self._refresh()
        Snapshot = self.env[SNAPSHOT]
        # Each manager reads their own team's row only; HR every row.
        self.assertEqual(
            Snapshot.with_user(self.user_manager).search([]).user_id, self.user_manager
        )
        self.assertEqual(
            Snapshot.with_user(self.user_officer).search([]), Snapshot.sudo().search([])
        )
        for user in (self.user_employee, self.user_portal):
            with self.assertRaises(AccessError):
                Snapshot.with_user(user).search([])
            with self.assertRaises(AccessError):
                self._dashboard(user)._get_figures()
        # Nobody writes a row or computes them but the superuser.
        row = Snapshot.with_user(self.user_officer).search([], limit=1)
        for attempt in (
            lambda: row.write({"figures": {}}),
            lambda: row.unlink(),
            lambda: Snapshot.with_user(self.user_officer).create(
                {
                    "company_id": self.company.id,
                    "filter_key": "|",
                    "date_from": "2025-06-01",
                    "date_to": "2026-06-01",
                    "k_anonymity": 2,
                    "refreshed_at": SNAPSHOT_DAY,
                }
            ),
        ):
            with self.assertRaises(AccessError):
                attempt()
        with self.assertRaises(AccessError):
            Snapshot.with_user(self.user_officer)._refresh(self.company)
        # k: only groups of k employees are stored; a row made with another k
        # is not used (live figures, with the new k, until it is refreshed).
        self._answer(self.conversations[4], {"useful": 1})
        self._refresh()
        self.assertAlmostEqual(
            self._dashboard(self.user_officer).experience_useful, 4.2
        )
        self.assertFalse(self._dashboard(self.user_boss).experience_useful)
        self.company.goede_gesprek_k_anonymity = 6
        dashboard = self._dashboard(self.user_officer)
        self.assertFalse(dashboard.figures_as_of)
        self.assertFalse(dashboard.experience_useful)

    @freeze_time(SNAPSHOT_DAY)
    def test_snapshot_query_count(self):
        self._refresh()
        for user in (self.user_officer, self.user_manager):
            dashboard = self._dashboard(user)
            dashboard._get_figures()  # warm: rules, groups
            self.env.invalidate_all()
            # The user's companies, the company's k, the row: one query is
            # the figures, whatever the number of employees (live: 6).
            with self.assertQueryCount(4):
                figures = dashboard._get_figures()
            self.assertTrue(figures["figures_as_of"])
