# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo.tests import tagged

from .common_portal import GoedeGesprekPortalCase

_logger = logging.getLogger(__name__)

# Measured budget per counter (warm caches), see README.md (portal query counts).
COUNTER_BUDGET = 1


@tagged("post_install", "-at_install", "goede_gesprek_portal")
class TestPortalPerformance(GoedeGesprekPortalCase):
    def _fill(self, count):
        """``count`` conversations, agreements and feedback requests for Kees."""
        env = self.env(
            context=dict(self.env.context, tracking_disable=True, mail_notrack=True)
        )
        existing = env["hr.goede.gesprek"].search_count(
            [("employee_id", "=", self.emp_portal.id)]
        )
        missing = count - existing
        if missing <= 0:
            return
        conversations = env["hr.goede.gesprek"].create(
            [
                {
                    "employee_id": self.emp_portal.id,
                    "date_start": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d} 10:00:00",
                    "location": f"Room {i}",
                }
                for i in range(missing)
            ]
        )
        env["hr.goede.gesprek.agreement"].create(
            [
                {"name": f"Agreement {c.id}", "conversation_id": c.id}
                for c in conversations
            ]
        )
        env["hr.goede.gesprek.feedback.request"].create(
            [
                {
                    "name": f"Feedback {c.id}",
                    "employee_id": self.emp_portal.id,
                    "deadline": "2026-12-31",
                }
                for c in conversations
            ]
        )

    def test_list_pages_constant(self):
        self.authenticate("ggp_portal", "ggp_portal")
        urls = ("/my/conversations", "/my/agreements", "/my/feedback")
        self._assert_pages_flat(urls, self._fill, 10, 500)
        self.assertIn("o_gg_conversation_row", self.url_open("/my/conversations").text)

    def test_counters_one_query_each(self):
        self._fill(50)
        self.authenticate("ggp_portal", "ggp_portal")
        counters = [
            "goede_gesprek_count",
            "goede_gesprek_agreement_count",
            "goede_gesprek_feedback_count",
        ]

        one, _result = self._counter_queries(counters[:1])
        full, result = self._counter_queries(counters)
        self.assertEqual(result["goede_gesprek_count"], 50)
        self.assertEqual(result["goede_gesprek_agreement_count"], 49)
        _logger.info("/my counters: 1 counter %s queries, 3 counters %s", one, full)
        # Each further counter costs one query: one search_count.
        self.assertLessEqual(full - one, COUNTER_BUDGET * (len(counters) - 1))
