# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""360° feedback, the respondent's side: the only public write route.

Like survey's ``/survey/start/<token>``: a respondent has no account; the
token in the URL, the deadline and single use authorise them.

Also the list of words that hint at health data, read by the portal's
health-data warning (static/src/js/health_guard.js) on every page with a
free text, the respondent's page included.
"""

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request


class GoedeGesprekFeedback(http.Controller):
    @http.route(
        "/feedback/respond/<int:respondent_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
        sitemap=False,
    )
    def feedback_respond(self, respondent_id, token, **post):
        # sudo: a respondent has no account; the token (compared in constant
        # time with consteq), the deadline and single use authorise them.
        respondent = (
            request.env["hr.goede.gesprek.feedback.respondent"]
            .sudo()
            .browse(respondent_id)
            .exists()
        )
        status = respondent._check_token(token) if respondent else "invalid"
        if status != "ok":
            return request.render(
                "hr_goede_gesprek.portal_feedback_token_status",
                {"status": status},
                status=404 if status == "invalid" else 200,
            )
        error = None
        if request.httprequest.method == "POST":
            answers = {
                question.id: post.get(f"answer_{question.id}")
                for question in respondent.request_id.question_ids
            }
            try:
                with request.env.cr.savepoint():
                    respondent._do_answer(answers)
            except UserError as exc:
                error = exc.args[0]
            else:
                return request.render(
                    "hr_goede_gesprek.portal_feedback_token_status",
                    {"status": "thanks"},
                )
        return request.render(
            "hr_goede_gesprek.portal_feedback_respond",
            {
                "respondent": respondent,
                "feedback": respondent.request_id,
                "token": token,
                "error": error,
            },
        )


class GoedeGesprekHealthWords(http.Controller):
    @http.route(
        "/goede-gesprek/health-words", type="json", auth="public", readonly=True
    )
    def health_words(self):
        """The active words hinting at health data (configuration, no
        personal data): the portal warns with them, nothing is stored."""
        return request.env["hr.goede.gesprek.health.word"]._get_words()
