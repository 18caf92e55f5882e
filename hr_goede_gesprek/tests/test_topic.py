# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import GoedeGesprekCaseB


@tagged("post_install", "-at_install")
class TestTopic(GoedeGesprekCaseB):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Gemeente B"})
        cls.Topic = cls.env["hr.goede.gesprek.topic"]
        cls.Group = cls.env["hr.goede.gesprek.topic.group"]

    def test_catalogue_is_shipped(self):
        themes = [
            "topic_group_personal",
            "topic_group_current_role",
            "topic_group_growth",
            "topic_group_employability",
            "topic_group_feedback",
        ]
        groups = self.Group.browse(
            [self.env.ref(f"hr_goede_gesprek.{xmlid}").id for xmlid in themes]
        )
        self.assertEqual(
            groups.mapped("name"),
            [
                "Personal",
                "Current role",
                "Growth and development",
                "Sustainable employability",
                "Feedback and feedforward",
            ],
        )
        self.assertFalse(groups.company_id, "shipped themes are shared")
        for group in groups:
            self.assertTrue(group.topic_ids, f"{group.name} has topics")
        # the six questions, balance, vitality, career and feedback are covered
        for xmlid in (
            "topic_right_things",
            "topic_things_right",
            "topic_talents_energy",
            "topic_added_value",
            "topic_keep_developing",
            "topic_workload_capacity",
            "topic_work_life_balance",
            "topic_right_place",
            "topic_vitality",
            "topic_career_mobility",
            "topic_feedback_back",
            "topic_feedforward_ahead",
        ):
            topic = self.env.ref(f"hr_goede_gesprek.{xmlid}")
            self.assertTrue(topic.prompt, f"{xmlid} has a prompt")
        vitality = self.env.ref("hr_goede_gesprek.topic_vitality")
        self.assertTrue(vitality.sensitive)
        self.assertIn("never health details", vitality.prompt)

    def test_company_visibility(self):
        own = self.Topic.create(
            {"name": "Our core values", "company_id": self.company.id}
        )
        foreign = self.Topic.create(
            {"name": "Their core values", "company_id": self.company_b.id}
        )
        shared = self.env.ref("hr_goede_gesprek.topic_vitality")
        visible = self.Topic.with_user(self.user_employee).search([])
        self.assertIn(own, visible)
        self.assertIn(shared, visible)
        self.assertNotIn(foreign, visible)
        user_b = new_test_user(
            self.env,
            login="ggb_user_b",
            groups="base.group_user",
            company_id=self.company_b.id,
            company_ids=[(6, 0, self.company_b.ids)],
        )
        visible_b = self.Topic.with_user(user_b).search([])
        self.assertIn(foreign, visible_b)
        self.assertIn(shared, visible_b)
        self.assertNotIn(own, visible_b)
        group_b = self.Group.create(
            {"name": "B values", "company_id": self.company_b.id}
        )
        self.assertNotIn(group_b, self.Group.with_user(self.user_employee).search([]))

    def test_only_admin_writes(self):
        topic = self.env.ref("hr_goede_gesprek.topic_vitality")
        for user in (self.user_employee, self.user_manager, self.user_officer):
            with self.assertRaises(AccessError, msg=user.login):
                topic.with_user(user).write({"name": "Changed"})
            with self.assertRaises(AccessError, msg=user.login):
                self.Topic.with_user(user).create({"name": "New"})
            with self.assertRaises(AccessError, msg=user.login):
                topic.group_id.with_user(user).write({"name": "Changed"})
        self.assertEqual(topic.with_user(self.user_employee).name, "Vitality")
        admin_topic = topic.with_user(self.user_admin)
        admin_topic.write({"name": "Vitality and energy"})
        self.assertEqual(topic.name, "Vitality and energy")
        admin_topic.action_archive()
        self.assertFalse(topic.active)
        self.assertNotIn(topic, self.Topic.with_user(self.user_employee).search([]))
        group = self.Group.with_user(self.user_admin).create({"name": "Core values"})
        self.Topic.with_user(self.user_admin).create(
            {"name": "Connected", "group_id": group.id}
        )
        self.assertEqual(group.topic_count, 1)
