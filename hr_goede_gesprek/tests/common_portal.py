# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging
import re

from odoo import Command
from odoo.tests import HttpCase, new_test_user

from .common import GROUP_MANAGER, GROUP_OFFICER, new_employee, set_up_models

_logger = logging.getLogger(__name__)

CSRF_RE = re.compile(r'csrf_token(?:"\s+value=|:\s*)"([^"]+)"')
XSS = '<script>alert("gg")</script><img src=x onerror="alert(1)">'
# Queries a portal page may take (warm caches), however many records it lists;
# see README.md (portal query counts). Measured: /my/hours 8, /my/rewards 9,
# a conversation's prepare page 18.
PAGE_BUDGET = 25

# The models the portal tests use, by the class attribute that holds them.
PORTAL_MODELS = {
    "Conversation": "hr.goede.gesprek",
    "Request": "hr.goede.gesprek.feedback.request",
    "Appraisal": "hr.goede.gesprek.appraisal",
    "Decision": "hr.goede.gesprek.decision",
    "HoursRequest": "hr.goede.gesprek.hours.request",
    "Agreement": "hr.goede.gesprek.agreement",
    "Reward": "hr.goede.gesprek.reward",
}


class GoedeGesprekPortalCase(HttpCase):
    """Kees is a portal-only employee of manager Maria; Otto is another
    portal employee; Eva an internal employee of the same team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        cls.user_manager = new_test_user(
            cls.env,
            "ggp_manager",
            groups=GROUP_MANAGER,
            name="Maria Manager",
        )
        cls.user_officer = new_test_user(
            cls.env,
            "ggp_officer",
            groups=GROUP_OFFICER,
            name="Hanna HR",
        )
        cls.user_portal = new_test_user(
            cls.env, "ggp_portal", groups="base.group_portal", name="Kees Portal"
        )
        cls.user_portal_other = new_test_user(
            cls.env, "ggp_other", groups="base.group_portal", name="Otto Other"
        )
        cls.user_internal = new_test_user(
            cls.env, "ggp_internal", groups="base.group_user", name="Eva Internal"
        )
        cls.emp_manager = new_employee(cls.env, "Maria Manager", cls.user_manager)
        cls.emp_portal = new_employee(
            cls.env, "Kees Portal", cls.user_portal, cls.emp_manager
        )
        cls.emp_other = new_employee(
            cls.env, "Otto Other", cls.user_portal_other, cls.emp_manager
        )
        cls.emp_internal = new_employee(
            cls.env, "Eva Internal", cls.user_internal, cls.emp_manager
        )
        set_up_models(cls, PORTAL_MODELS)
        cls.conversation = cls.Conversation.create(
            {"employee_id": cls.emp_portal.id, "location": "Canteen"}
        )
        cls.conversation_other = cls.Conversation.create(
            {"employee_id": cls.emp_other.id, "location": "Secret room of Otto"}
        )

    @classmethod
    def _set_up_formal_layer(cls, **vals):
        """Maria signs the decisions; a municipality under civil law."""
        cls.env.company.write(
            {
                "goede_gesprek_signatory_ids": [Command.set(cls.user_manager.ids)],
                "goede_gesprek_legal_regime": "civil",
                "goede_gesprek_sector": "municipal",
                **vals,
            }
        )

    # ------------------------------------------------------------------
    def _csrf(self, url="/my"):
        response = self.url_open(url)
        match = CSRF_RE.search(response.text)
        self.assertTrue(match, f"no CSRF token on {url}")
        return match.group(1)

    def _post(self, url, data=None, page="/my", allow_redirects=True):
        data = dict(data or {}, csrf_token=self._csrf(page))
        return self.url_open(url, data=data, allow_redirects=allow_redirects)

    def _json(self, url, params):
        return self.url_open(
            url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        ).json()

    def _page_queries(self, url):
        """The queries of a second visit of ``url``: the first one warms up
        the routing map, the assets and the caches."""
        self.url_open(url)
        self.env.flush_all()
        before = self.cr.sql_log_count
        response = self.url_open(url)
        count = self.cr.sql_log_count - before
        self.assertEqual(response.status_code, 200)
        return count

    def _assert_pages_flat(self, urls, fill, few, many):
        """Each page of ``urls`` costs as many queries when ``fill`` has given
        the portal user ``few`` records as ``many``, and stays within
        PAGE_BUDGET."""
        fill(few)
        small = {url: self._page_queries(url) for url in urls}
        fill(many)
        large = {url: self._page_queries(url) for url in urls}
        _logger.info("portal queries, %s records: %s; %s: %s", few, small, many, large)
        for url in urls:
            self.assertLessEqual(large[url], PAGE_BUDGET, url)
            self.assertEqual(small[url], large[url], url)

    def _counter_queries(self, names):
        """The queries and the result of a second call for the portal
        counters ``names`` (the first one warms up)."""
        self._json("/my/counters", {"counters": names})
        before = self.cr.sql_log_count
        result = self._json("/my/counters", {"counters": names})["result"]
        return self.cr.sql_log_count - before, result
