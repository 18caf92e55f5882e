# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The formal layer in the employee portal: decision letters and their
receipt, objections, appraisals on request and the employee's view on them,
hours requests (Wet flexibel werken) and the employee's own rewards.

The same rules as ``portal``: a route parses its input and calls one model
method, which runs its guard as the user before any ``sudo()`` step. No access
tokens here: a decision or an appraisal is only ever shown to its employee.
"""

from odoo import _, fields
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal import (
    ERROR_KEY,
    GoedeGesprekPortalMixin,
    ListPage,
    form_route,
    list_route,
    user_post_route,
    user_route,
)

DECISIONS = ListPage(
    "hr.goede.gesprek.decision",
    "/my/decisions",
    "decisions",
    "hr_goede_gesprek.portal_my_decisions",
    "goede_gesprek_decision",
    "_get_decision_searchbar_sortings",
    "_get_decision_searchbar_filters",
)
APPRAISALS = ListPage(
    "hr.goede.gesprek.appraisal",
    "/my/appraisals",
    "appraisals",
    "hr_goede_gesprek.portal_my_appraisals",
    "goede_gesprek_appraisal",
    "_get_appraisal_searchbar_sortings",
    "_get_appraisal_searchbar_filters",
    shows_error=True,
)

HOURS_REQUESTS = ListPage(
    "hr.goede.gesprek.hours.request",
    "/my/hours",
    "hours_requests",
    "hr_goede_gesprek.portal_my_hours_requests",
    "goede_gesprek_hours",
    "_get_hours_searchbar_sortings",
    "_get_hours_searchbar_filters",
    shows_error=True,
)
REWARDS = ListPage(
    "hr.goede.gesprek.reward",
    "/my/rewards",
    "rewards",
    "hr_goede_gesprek.portal_my_rewards",
    "goede_gesprek_reward",
    "_get_reward_searchbar_sortings",
    "_get_reward_searchbar_filters",
)


def decision_url(decision):
    return f"/my/decisions/{decision.id}"


class GoedeGesprekFormalPortal(GoedeGesprekPortalMixin, CustomerPortal):
    # ------------------------------------------------------------------
    # Searchbar hooks (one pair per list page)
    # ------------------------------------------------------------------
    def _get_decision_searchbar_sortings(self):
        return {
            "date": {"label": _("Date"), "order": "date_issued desc, id desc"},
            "term": {"label": _("Term ends"), "order": "term_end, id desc"},
        }

    def _get_decision_searchbar_filters(self):
        running = [("state", "in", ("issued", "notified"))]
        return {
            "all": {"label": _("All"), "domain": []},
            "open": {"label": _("Term running"), "domain": running},
        }

    def _get_appraisal_searchbar_sortings(self):
        return {"date": {"label": _("Date"), "order": "request_date desc, id desc"}}

    def _get_appraisal_searchbar_filters(self):
        return {"all": {"label": _("All"), "domain": []}}

    def _get_hours_searchbar_sortings(self):
        return {"date": {"label": _("Date"), "order": "request_date desc, id desc"}}

    def _get_hours_searchbar_filters(self):
        return {
            "all": {"label": _("All"), "domain": []},
            "open": {
                "label": _("Waiting for a decision"),
                "domain": [("state", "=", "submitted")],
            },
        }

    def _get_reward_searchbar_sortings(self):
        return {"date": {"label": _("Date"), "order": "date desc, id desc"}}

    def _get_reward_searchbar_filters(self):
        return {"all": {"label": _("All"), "domain": []}}

    # ------------------------------------------------------------------
    # Decisions: letters, receipt, objections
    # ------------------------------------------------------------------
    @list_route("/my/decisions")
    def portal_my_decisions(self, page=1, sortby=None, filterby=None, **kw):
        return self._render_list_page(DECISIONS, page, sortby, filterby)

    def _gg_decision(self, decision_id):
        """The decision as the user if it is theirs and issued, else None."""
        try:
            decision = self._gg_record("hr.goede.gesprek.decision", decision_id)
            decision._check_portal_readable()
        except (AccessError, MissingError):
            return None
        return decision

    @user_route(["/my/decisions/<int:decision_id>"])
    def portal_my_decision(self, decision_id, **kw):
        decision = self._gg_decision(decision_id)
        if not decision:
            return request.redirect("/my")
        # sudo: the employee's own decision, checked just above; sudo lets the
        # page show names that sit on hr.employee and the employee's objections.
        decision_sudo = decision.sudo()
        # Terms run in the company's calendar, not in the user's time zone.
        today = decision._legal_today()
        values = {
            "decision": decision_sudo,
            "page_name": "goede_gesprek_decision",
            **self._gg_alerts(),
            "must_open": decision_sudo.state == "issued",
            "term_running": decision_sudo.state in ("issued", "notified")
            and (not decision_sudo.term_end or decision_sudo.term_end >= today),
            "term_passed": decision_sudo.state == "notified"
            and decision_sudo.term_end
            and decision_sudo.term_end < today,
            "objections": decision_sudo.objection_ids,
        }
        return request.render("hr_goede_gesprek.portal_my_decision", values)

    @user_post_route("/my/decisions/<int:decision_id>/open")
    def portal_decision_open(self, decision_id, **post):
        """Opening the letter records that it reached the employee (once).

        Receipt is recorded only together with the letter: this very response
        carries it. When the letter cannot be produced nothing is recorded and
        the decision page says why.
        """
        decision = self._gg_decision(decision_id)
        if not decision:
            return request.redirect("/my")
        if decision.state != "issued":
            # Already received (or a retried request): just the letter.
            return request.redirect(f"{decision_url(decision)}/letter")
        try:
            with request.env.cr.savepoint():
                # The model's guard as the user, then receipt with sudo (only
                # once the letter exists); the letter then rides this response.
                decision.portal_acknowledge()
                response = self._gg_letter_response(decision._get_letter())
        except (AccessError, MissingError):
            return request.redirect("/my")
        except (UserError, ValidationError) as error:
            request.session[ERROR_KEY] = error.args[0]
            return request.redirect(decision_url(decision))
        return response

    @user_route("/my/decisions/<int:decision_id>/letter")
    def portal_decision_letter(self, decision_id, **kw):
        """The frozen letter. A GET never records receipt (no cross-site
        side effects): while the receipt is open, the page's POST button does."""
        decision = self._gg_decision(decision_id)
        if not decision:
            return request.redirect("/my")
        if decision.state == "issued":
            return request.redirect(decision_url(decision))
        try:
            with request.env.cr.savepoint():
                # The frozen letter; made (once) if the decision has none yet.
                attachment = decision._get_letter()
        except UserError as error:
            request.session[ERROR_KEY] = error.args[0]
            return request.redirect(decision_url(decision))
        return self._gg_letter_response(attachment)

    def _gg_letter_response(self, attachment):
        """The letter as a download."""
        # sudo: the letter is filed on hr.employee (personnel file), which the
        # employee cannot read; the caller checked the decision itself.
        stream = request.env["ir.binary"]._get_stream_from(attachment.sudo())
        return stream.get_response(as_attachment=True)

    @user_post_route("/my/decisions/<int:decision_id>/object")
    def portal_decision_object(self, decision_id, grounds=None, **post):
        decision = self._gg_decision(decision_id)
        if not decision:
            return request.redirect("/my")
        # create() is the model's guard (the declared policy as the user: an
        # objector gives the decision and grounds only; _check_can_file: the
        # employee, within the term, grounds required) followed by its own
        # sudo step.
        return self._gg_act(
            decision_url(decision),
            lambda: request.env["hr.goede.gesprek.objection"].create(
                {"decision_id": decision.id, "grounds": (grounds or "").strip()}
            ),
            message="objection_filed",
        )

    # ------------------------------------------------------------------
    # Appraisals on request: request, view (zienswijze)
    # ------------------------------------------------------------------
    @list_route("/my/appraisals")
    def portal_my_appraisals(self, page=1, sortby=None, filterby=None, **kw):
        return self._render_list_page(APPRAISALS, page, sortby, filterby)

    @user_post_route("/my/appraisals/request")
    def portal_appraisal_request(self, request_reason=None, **post):
        """The right to an appraisal on request."""
        Appraisal = request.env["hr.goede.gesprek.appraisal"]
        return self._gg_act(
            "/my/appraisals",
            lambda: Appraisal._portal_request_appraisal(request_reason),
            url_of_result=lambda appraisal: f"/my/appraisals/{appraisal.id}",
            message="appraisal_requested",
        )

    def _gg_appraisal(self, appraisal_id):
        """The appraisal as the user if it is their own, else None."""
        try:
            appraisal = self._gg_record("hr.goede.gesprek.appraisal", appraisal_id)
        except (AccessError, MissingError):
            return None
        return appraisal if appraisal.employee_user_id == request.env.user else None

    @user_route(["/my/appraisals/<int:appraisal_id>"])
    def portal_my_appraisal(self, appraisal_id, **kw):
        appraisal = self._gg_appraisal(appraisal_id)
        if not appraisal:
            return request.redirect("/my")
        values = {
            # sudo: the employee's own appraisal (checked above); sudo shows the
            # names on hr.employee and the scale level.
            "appraisal": appraisal.sudo(),
            "can_add_view": appraisal.can_add_view,
            # A draft decision is never shown to the employee.
            "decision": appraisal.sudo().decision_id.filtered(
                lambda d: d.state != "draft"
            ),
            "page_name": "goede_gesprek_appraisal",
            **self._gg_alerts(),
        }
        return request.render("hr_goede_gesprek.portal_my_appraisal", values)

    @user_post_route("/my/appraisals/<int:appraisal_id>/view")
    def portal_appraisal_view(self, appraisal_id, employee_view=None, **post):
        appraisal = self._gg_appraisal(appraisal_id)
        if not appraisal:
            return request.redirect("/my")

        def act():
            view = (employee_view or "").strip()
            if not view:
                raise UserError(_("Write your view first."))
            # write() is the model's guard (only the employee, within the term,
            # the view on its own) followed by its own sudo step.
            appraisal.write({"employee_view": view})

        return self._gg_act(
            f"/my/appraisals/{appraisal.id}", act, message="appraisal_view_saved"
        )

    # ------------------------------------------------------------------
    # Hours requests (Wet flexibel werken): list, detail, new, withdraw
    # ------------------------------------------------------------------
    @list_route("/my/hours")
    def portal_my_hours_requests(self, page=1, sortby=None, filterby=None, **kw):
        return self._render_list_page(HOURS_REQUESTS, page, sortby, filterby)

    @form_route("/my/hours/new")
    def portal_hours_request_form(self, **kw):
        return self._render_form_page(
            "hr_goede_gesprek.portal_hours_request_new", "goede_gesprek_hours"
        )

    @user_post_route("/my/hours/new")
    def portal_hours_request(self, **post):
        HoursRequest = request.env["hr.goede.gesprek.hours.request"]

        def act():
            return HoursRequest._portal_request_hours(self._gg_hours_values(post))

        return self._gg_act(
            "/my/hours/new",
            act,
            url_of_result=lambda record: f"/my/hours/{record.id}",
            message="hours_requested",
        )

    def _gg_hours_values(self, post):
        """The request form's values, parsed (a bad value: a clear error)."""
        vals = {}
        try:
            vals["date_start"] = fields.Date.to_date(post.get("date_start") or None)
        except ValueError as error:
            raise UserError(_("That is not a valid date.")) from error
        for fname in ("hours_current", "hours_requested"):
            value = (post.get(fname) or "").strip().replace(",", ".")
            try:
                vals[fname] = float(value) if value else 0.0
            except ValueError as error:
                raise UserError(_("Give the hours per week as a number.")) from error
        vals["schedule_change"] = (post.get("schedule_change") or "").strip() or False
        return vals

    def _gg_hours_request(self, request_id):
        """The hours request as the user if it is their own, else None."""
        return self._gg_own_record(
            "hr.goede.gesprek.hours.request", request_id, lambda r: r._is_employee()
        )

    def _gg_hours_request_values(self, hours_request):
        """The values of the page of the user's own ``hours_request``."""
        # sudo: the employee's own request (checked by _gg_hours_request); sudo
        # shows the names on hr.employee and the decisions issued on it (never
        # a draft).
        request_sudo = hours_request.sudo()
        return {
            "hours_request": request_sudo,
            "decisions": request_sudo.decision_ids.filtered(
                lambda d: d.state != "draft"
            ),
            "can_withdraw": request_sudo.state in ("draft", "submitted"),
            "page_name": "goede_gesprek_hours",
            **self._gg_alerts(),
        }

    @user_route(["/my/hours/<int:request_id>"])
    def portal_my_hours_request(self, request_id, **kw):
        hours_request = self._gg_hours_request(request_id)
        if not hours_request:
            return request.redirect("/my")
        return request.render(
            "hr_goede_gesprek.portal_my_hours_request",
            self._gg_hours_request_values(hours_request),
        )

    @user_post_route("/my/hours/<int:request_id>/withdraw")
    def portal_hours_request_withdraw(self, request_id, **post):
        hours_request = self._gg_hours_request(request_id)
        if not hours_request:
            return request.redirect("/my")
        return self._gg_act(
            f"/my/hours/{hours_request.id}",
            hours_request.portal_withdraw,
            message="hours_withdrawn",
        )

    # ------------------------------------------------------------------
    # Rewards: the employee's own, read-only
    # ------------------------------------------------------------------
    @list_route("/my/rewards")
    def portal_my_rewards(self, page=1, sortby=None, filterby=None, **kw):
        return self._render_list_page(REWARDS, page, sortby, filterby)

    @user_route(["/my/rewards/<int:reward_id>"])
    def portal_my_reward(self, reward_id, **kw):
        reward = self._gg_own_record(
            "hr.goede.gesprek.reward", reward_id, lambda r: r._is_employee()
        )
        if not reward:
            return request.redirect("/my")
        values = {
            # sudo: the employee's own reward (checked above); the currency and
            # company names only.
            "reward": reward.sudo(),
            "page_name": "goede_gesprek_reward",
        }
        return request.render("hr_goede_gesprek.portal_my_reward", values)
