# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo is a Dutch organisation that works in Dutch (needs the demo data,
which the test command always installs)."""

from odoo.tests import HttpCase, tagged

# admin keeps Odoo's language (Odoo's own tours run as admin).
DEMO_LOGINS = (
    "hr_officer",
    "manager",
    "employee",
    "colleague",
    "portal_employee",
)


@tagged("post_install", "-at_install")
class TestDutchDemo(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("hr_goede_gesprek.user_employee_demo", False):
            cls.skipTest(cls, "demo data not loaded")

    def test_the_organisation_is_dutch(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "Gemeente Lindendal")
        self.assertEqual(company.country_id, self.env.ref("base.nl"))
        self.assertEqual(company.city, "Lindendal")
        self.assertEqual(company.currency_id.name, "EUR")
        self.assertTrue(company.logo)
        self.assertEqual(
            self.env.ref("hr_goede_gesprek.conversation_done_demo").name,
            "Voorjaarsgesprek",
        )

    def test_demo_users_work_in_dutch(self):
        nl = self.env["res.lang"]._lang_get("nl_NL")
        self.assertTrue(nl.active)
        self.assertEqual(nl.date_format, "%d-%m-%Y")
        users = self.env["res.users"].search([("login", "in", DEMO_LOGINS)])
        self.assertEqual(len(users), len(DEMO_LOGINS))
        self.assertEqual(set(users.mapped("lang")), {"nl_NL"})
        # the addon's own terms are loaded for Dutch
        menu = self.env.ref("hr_goede_gesprek.menu_root")
        self.assertNotEqual(
            menu.with_context(lang="nl_NL").name, menu.with_context(lang="en_US").name
        )

    def test_portal_follows_the_users_language(self):
        self.authenticate("portal_employee", "portal_employee")
        page = self.url_open("/my")
        self.assertEqual(page.status_code, 200)
        # no website module: the portal renders in the user's language
        self.assertIn('"bundle_params": {"lang": "nl_NL"}', page.text)
        self.assertIn("Mijn gesprekken", page.text)
        self.assertNotIn("My conversations", page.text)
