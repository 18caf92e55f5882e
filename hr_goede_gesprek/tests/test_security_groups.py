# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install", "access_rights")
class TestSecurityGroups(TransactionCase):
    """The group ladder: who gets which rights just by their HR role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_user = cls.env.ref("hr_goede_gesprek.group_goede_gesprek_user")
        cls.group_manager = cls.env.ref("hr_goede_gesprek.group_goede_gesprek_manager")
        cls.group_officer = cls.env.ref("hr_goede_gesprek.group_goede_gesprek_officer")
        cls.group_admin = cls.env.ref("hr_goede_gesprek.group_goede_gesprek_admin")

    def test_every_internal_user_leads_own_conversations(self):
        user = new_test_user(self.env, "gg_plain", groups="base.group_user")
        self.assertIn(self.group_user, user.groups_id)
        self.assertNotIn(self.group_manager, user.groups_id)
        self.assertNotIn(self.group_officer, user.groups_id)

    def test_portal_user_gets_no_backend_group(self):
        user = new_test_user(self.env, "gg_portal", groups="base.group_portal")
        self.assertFalse(
            user.groups_id & (self.group_user | self.group_manager | self.group_officer)
        )

    def test_ladder(self):
        officer = new_test_user(
            self.env,
            "gg_officer",
            groups="base.group_user,hr_goede_gesprek.group_goede_gesprek_officer",
        )
        self.assertIn(self.group_manager, officer.groups_id)
        self.assertIn(self.group_user, officer.groups_id)
        self.assertTrue(officer.has_group("hr.group_hr_user"))
        self.assertNotIn(self.group_admin, officer.groups_id)
        manager = new_test_user(
            self.env,
            "gg_manager",
            groups="base.group_user,hr_goede_gesprek.group_goede_gesprek_manager",
        )
        self.assertFalse(manager.has_group("hr.group_hr_user"))
        self.assertNotIn(self.group_officer, manager.groups_id)

    def test_hr_administrators_administer_conversations(self):
        hr_admin = new_test_user(
            self.env, "gg_hr_admin", groups="base.group_user,hr.group_hr_manager"
        )
        self.assertIn(self.group_admin, hr_admin.groups_id)
        self.assertIn(self.group_officer, hr_admin.groups_id)
        self.assertIn(self.group_admin, self.env.ref("base.user_admin").groups_id)

    def test_groups_share_one_category(self):
        category = self.env.ref("hr_goede_gesprek.module_category_goede_gesprek")
        groups = self.group_user | self.group_manager | self.group_officer
        self.assertEqual((groups | self.group_admin).category_id, category)
