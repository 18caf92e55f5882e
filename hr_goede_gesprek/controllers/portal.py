# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The employee portal: conversations, agreements and 360° feedback.

Thin controllers. Reading goes through the user's own rights (record rules;
``_document_check_access`` for detail pages). Every change first runs the
model's ``_check_can_*`` guard *as the user*, inside a savepoint, and only then
performs the ``_do_*`` step with ``sudo()``: portal users hold no write rights
on these models, and the guard is what decides. Every POST is an ``http`` route
with Odoo's CSRF check; the signature is sent by Odoo's signature widget over
JSON and carries the CSRF token in its URL, checked here.
"""

import logging
from datetime import datetime

import pytz

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import html2plaintext, plaintext2html
from odoo.tools.mail import email_split_tuples

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

_logger = logging.getLogger(__name__)

ERROR_KEY = "hr_goede_gesprek_portal_error"


class GoedeGesprekPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # /my: counters (one query each)
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        # Extension point: the formal layer adds its own keys here
        # (e.g. 'goede_gesprek_decision_count', 'goede_gesprek_appraisal_count')
        # with the same pattern: has_access + one search_count on the portal domain.
        for key, model in self._goede_gesprek_counters().items():
            if key in counters:
                Model = request.env[model]
                values[key] = (
                    Model.search_count(Model._get_portal_domain())
                    if Model.has_access("read")
                    else 0
                )
        return values

    def _goede_gesprek_counters(self):
        return {
            "goede_gesprek_count": "hr.goede.gesprek",
            "goede_gesprek_agreement_count": "hr.goede.gesprek.agreement",
            "goede_gesprek_feedback_count": "hr.goede.gesprek.feedback.request",
            "goede_gesprek_decision_count": "hr.goede.gesprek.decision",
            "goede_gesprek_appraisal_count": "hr.goede.gesprek.appraisal",
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _gg_record(self, model, record_id):
        """The record as the logged-in user, readable by them, or 404/redirect."""
        record = request.env[model].browse(record_id)
        # sudo: only tells a missing record from a forbidden one.
        if not record.sudo().exists():
            raise MissingError(_("This document does not exist."))
        record.check_access("read")
        return record

    def _gg_act(self, url, func):
        """Run ``func`` (guard as the user, then the sudo step) in a savepoint.

        Refusals of access redirect to /my (never data); workflow errors come
        back on the page, kept in the session rather than in the URL.
        """
        try:
            with request.env.cr.savepoint():
                func()
        except (AccessError, MissingError):
            return request.redirect("/my")
        except (UserError, ValidationError) as error:
            request.session[ERROR_KEY] = error.args[0]
        return request.redirect(url)

    def _gg_pop_error(self):
        return request.session.pop(ERROR_KEY, None)

    def _gg_parse_datetime(self, value):
        """A ``datetime-local`` value in the user's time zone, as naive UTC."""
        if not value:
            return False
        try:
            local = datetime.strptime(value[:16], "%Y-%m-%dT%H:%M")
        except ValueError as error:
            raise UserError(_("That is not a valid date and time.")) from error
        tz = pytz.timezone(request.env.user.tz or "Europe/Amsterdam")
        return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    def _gg_local_input(self, value):
        if not value:
            return ""
        tz = pytz.timezone(request.env.user.tz or "Europe/Amsterdam")
        return pytz.utc.localize(value).astimezone(tz).strftime("%Y-%m-%dT%H:%M")

    def _gg_list(self, model, url, page, sortby, filterby, sortings, filters, key):
        values = self._prepare_portal_layout_values()
        Model = request.env[model]
        sortby = sortby if sortby in sortings else next(iter(sortings))
        filterby = filterby if filterby in filters else next(iter(filters))
        domain = Model._get_portal_domain() + filters[filterby]["domain"]
        count = Model.search_count(domain)
        pager = portal_pager(
            url=url,
            url_args={"sortby": sortby, "filterby": filterby},
            total=count,
            page=page,
            step=self._items_per_page,
        )
        records = Model.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session[f"my_{key}_history"] = records.ids[:100]
        values.update(
            {
                # sudo: these are the user's own records (searched under their
                # rules above); sudo only lets the page show related names that
                # sit on hr.employee, which portal users cannot read.
                key: records.sudo(),
                "pager": pager,
                "default_url": url,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return values

    # ------------------------------------------------------------------
    # Conversations
    # ------------------------------------------------------------------
    @http.route(
        ["/my/conversations", "/my/conversations/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_conversations(self, page=1, sortby=None, filterby=None, **kw):
        sortings = {
            "date": {"label": _("Date"), "order": "date_start desc, id desc"},
            "state": {"label": _("Status"), "order": "state, date_start desc, id desc"},
        }
        filters = {
            "all": {"label": _("All"), "domain": []},
            "open": {
                "label": _("To prepare or planned"),
                "domain": [("state", "in", ("preparing", "planned", "held"))],
            },
            "report": {
                "label": _("Report to sign"),
                "domain": [("state", "=", "report")],
            },
            "done": {"label": _("Done"), "domain": [("state", "=", "done")]},
        }
        values = self._gg_list(
            "hr.goede.gesprek",
            "/my/conversations",
            page,
            sortby,
            filterby,
            sortings,
            filters,
            "conversations",
        )
        values["page_name"] = "goede_gesprek"
        values["error"] = self._gg_pop_error()
        return request.render("hr_goede_gesprek.portal_my_conversations", values)

    @http.route(
        ["/my/conversations/<int:conversation_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_conversation(
        self, conversation_id, access_token=None, report_type=None, download=False, **kw
    ):
        try:
            conversation_sudo = self._document_check_access(
                "hr.goede.gesprek", conversation_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if report_type in ("html", "pdf", "text"):
            try:
                conversation_sudo._check_portal_report_readable()
            except UserError:
                return request.redirect(conversation_sudo.access_url)
            return self._show_report(
                model=conversation_sudo,
                report_type=report_type,
                report_ref="hr_goede_gesprek.action_report_goede_gesprek",
                download=download,
            )
        # _document_check_access returns the record as superuser; rebind it to
        # the viewer (sudo keeps their uid) so that the flags are theirs.
        conversation = conversation_sudo.with_user(request.env.user)
        conversation_sudo = conversation.sudo()
        party = (
            conversation._get_user_party()
            if not request.env.user._is_public()
            else False
        )
        values = {
            "conversation": conversation_sudo,
            "party": party,
            "page_name": "goede_gesprek",
            "error": self._gg_pop_error(),
            "date_start_input": self._gg_local_input(conversation_sudo.date_start),
            "sign_party": party and conversation_sudo._get_portal_sign_party(),
            "csrf_sign_token": request.csrf_token(),
            "report_text": html2plaintext(conversation_sudo.report_summary or ""),
            # The conversation card: sudo, as topics are read-only reference data.
            "topics": request.env["hr.goede.gesprek.topic"]
            .sudo()
            .search(
                [
                    "|",
                    ("company_id", "=", False),
                    ("company_id", "=", conversation_sudo.company_id.id),
                ]
            ),
        }
        if party:
            # Post in the chatter as oneself (signed partner id), not via a token.
            pid = request.env.user.partner_id.id
            values.update({"pid": pid, "hash": conversation_sudo._sign_token(pid)})
        values = self._get_page_view_values(
            conversation_sudo,
            access_token,
            values,
            "my_conversations_history",
            False,
            **{k: v for k, v in kw.items() if k not in ("pid", "hash")},
        )
        return request.render("hr_goede_gesprek.portal_my_conversation", values)

    def _gg_conversation_action(self, conversation_id, func):
        """Run ``func(conversation)`` with ``conversation`` as the user."""
        try:
            conversation = self._gg_record("hr.goede.gesprek", conversation_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._gg_act(conversation.access_url, lambda: func(conversation))

    @http.route(
        "/my/conversations/<int:conversation_id>/details",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_conversation_details(self, conversation_id, **post):
        def act(conversation):
            vals = {}
            if "date_start" in post:
                vals["date_start"] = self._gg_parse_datetime(post["date_start"])
            if post.get("duration"):
                try:
                    vals["duration"] = float(post["duration"])
                except ValueError as error:
                    raise UserError(_("Give the duration in hours.")) from error
            for fname in ("location", "companion_name"):
                if fname in post:
                    vals[fname] = (post[fname] or "").strip() or False
            if "companion_name" in post:
                vals["companion_announced"] = bool(vals.get("companion_name"))
            if conversation.state != "preparing" and vals.get("date_start") == (
                conversation.date_start
            ):
                vals.pop("date_start")
            conversation._check_can_portal_write(vals)
            conversation.sudo().write(vals)

        return self._gg_conversation_action(conversation_id, act)

    @http.route(
        "/my/conversations/<int:conversation_id>/plan",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_conversation_plan(self, conversation_id, **post):
        def act(conversation):
            conversation._check_can_plan()
            conversation.sudo()._do_plan()

        return self._gg_conversation_action(conversation_id, act)

    @http.route(
        "/my/conversations/<int:conversation_id>/agenda/add",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_agenda_add(self, conversation_id, **post):
        def act(conversation):
            conversation._check_agenda_editable()
            party = conversation._get_user_party() or "partner"
            topic = request.env["hr.goede.gesprek.topic"]
            if post.get("topic_id", "").isdigit():
                # sudo: topics are reference data; only their id and name.
                topic = topic.sudo().browse(int(post["topic_id"])).exists()
            name = (post.get("name") or "").strip() or topic.name
            if not name:
                raise UserError(_("Give the agenda item a title."))
            lines = conversation.sudo().agenda_line_ids
            conversation.sudo().agenda_line_ids.create(
                {
                    "conversation_id": conversation.id,
                    "name": name,
                    "description": (post.get("description") or "").strip() or False,
                    "topic_id": topic.id,
                    "author": party,
                    "sequence": max(lines.mapped("sequence"), default=0) + 1,
                }
            )

        return self._gg_conversation_action(conversation_id, act)

    def _gg_agenda_line(self, conversation, line_id):
        # sudo: the line is checked against the conversation by the guard.
        line = request.env["hr.goede.gesprek.agenda.line"].sudo().browse(line_id)
        if not line.exists():
            raise MissingError(_("This agenda item does not exist."))
        conversation._check_can_edit_agenda_line(line)
        return line

    @http.route(
        "/my/conversations/<int:conversation_id>/agenda/<int:line_id>/edit",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_agenda_edit(self, conversation_id, line_id, **post):
        def act(conversation):
            line = self._gg_agenda_line(conversation, line_id)
            name = (post.get("name") or "").strip()
            if not name:
                raise UserError(_("Give the agenda item a title."))
            line.write(
                {
                    "name": name,
                    "description": (post.get("description") or "").strip() or False,
                }
            )

        return self._gg_conversation_action(conversation_id, act)

    @http.route(
        "/my/conversations/<int:conversation_id>/agenda/<int:line_id>/delete",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_agenda_delete(self, conversation_id, line_id, **post):
        def act(conversation):
            self._gg_agenda_line(conversation, line_id).unlink()

        return self._gg_conversation_action(conversation_id, act)

    @http.route(
        "/my/conversations/<int:conversation_id>/agenda/<int:line_id>/move",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_agenda_move(self, conversation_id, line_id, direction="up", **post):
        def act(conversation):
            conversation._check_agenda_editable()
            conversation._check_can_reorder_agenda()
            # sudo: the employee's right to order the agenda was checked above.
            lines = conversation.sudo().agenda_line_ids.sorted(
                lambda line: (line.sequence, line.id)
            )
            ids = lines.ids
            if line_id not in ids:
                raise MissingError(_("This agenda item does not exist."))
            index = ids.index(line_id)
            other = index - 1 if direction == "up" else index + 1
            if 0 <= other < len(ids):
                ids[index], ids[other] = ids[other], ids[index]
            for sequence, line in enumerate(lines.browse(ids), start=1):
                if line.sequence != sequence:
                    line.sequence = sequence

        return self._gg_conversation_action(conversation_id, act)

    @http.route(
        "/my/conversations/<int:conversation_id>/share",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_conversation_share(self, conversation_id, **post):
        def act(conversation):
            conversation._check_can_share_agenda()
            conversation.sudo()._do_share_agenda()

        return self._gg_conversation_action(conversation_id, act)

    @http.route(
        "/my/conversations/<int:conversation_id>/report",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_conversation_report(self, conversation_id, **post):
        def act(conversation):
            text = (post.get("report_summary") or "").strip()
            # Plain text from the portal becomes escaped HTML; the Html field
            # sanitizes once more on write.
            vals = {"report_summary": plaintext2html(text) if text else False}
            conversation._check_can_portal_write(vals)
            conversation.sudo().write(vals)
            if post.get("submit"):
                conversation._check_can_submit_report()
                conversation.sudo()._do_submit_report()

        return self._gg_conversation_action(conversation_id, act)

    @http.route(
        "/my/conversations/<int:conversation_id>/view",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_conversation_view(self, conversation_id, **post):
        def act(conversation):
            party = conversation._get_user_party()
            if not party:
                raise AccessError(_("You take no part in this conversation."))
            vals = {f"{party}_view": (post.get("view") or "").strip() or False}
            conversation._check_can_portal_write(vals)
            conversation.sudo().write(vals)

        return self._gg_conversation_action(conversation_id, act)

    @http.route(
        "/my/conversations/<int:conversation_id>/sign/<string:mode>",
        type="json",
        auth="user",
        website=True,
    )
    def portal_conversation_sign(
        self, conversation_id, mode, name=None, signature=None, **kw
    ):
        # JSON from Odoo's signature widget: its CSRF token rides in the URL.
        if not request.validate_csrf(request.httprequest.args.get("csrf_token")):
            return {"error": _("This page expired: reload it and sign again.")}
        try:
            conversation = self._gg_record("hr.goede.gesprek", conversation_id)
            with request.env.cr.savepoint():
                party = conversation._get_user_party()
                conversation._check_can_sign(party)
                # _do_sign checks again for the same user (sudo keeps the uid).
                conversation.sudo()._do_sign(party, mode, signature=signature)
        except (AccessError, MissingError):
            return {"error": _("You cannot sign this report.")}
        except (UserError, ValidationError) as error:
            return {"error": error.args[0]}
        return {"force_refresh": True, "redirect_url": conversation.access_url}

    # ------------------------------------------------------------------
    # The right to a conversation
    # ------------------------------------------------------------------
    @http.route(
        "/my/conversations/request",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def portal_conversation_request_form(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "goede_gesprek", "error": self._gg_pop_error()})
        return request.render("hr_goede_gesprek.portal_conversation_request", values)

    @http.route(
        "/my/conversations/request",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_conversation_request(self, **post):
        Conversation = request.env["hr.goede.gesprek"]
        created = []

        def act():
            employee = Conversation._check_can_request_conversation()
            created.append(
                Conversation._do_request_conversation(
                    employee,
                    note=post.get("note"),
                    date_start=self._gg_parse_datetime(post.get("date_start")),
                )
            )

        response = self._gg_act("/my/conversations/request", act)
        if created:
            return request.redirect(created[0].access_url)
        return response

    # ------------------------------------------------------------------
    # Agreements
    # ------------------------------------------------------------------
    @http.route(
        ["/my/agreements", "/my/agreements/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_agreements(self, page=1, sortby=None, filterby=None, **kw):
        sortings = {
            "deadline": {"label": _("Deadline"), "order": "deadline, id"},
            "newest": {"label": _("Newest"), "order": "id desc"},
        }
        filters = {
            "open": {
                "label": _("Open"),
                "domain": [("state", "in", ("proposed", "agreed", "talk_again"))],
            },
            "all": {"label": _("All"), "domain": []},
        }
        values = self._gg_list(
            "hr.goede.gesprek.agreement",
            "/my/agreements",
            page,
            sortby,
            filterby,
            sortings,
            filters,
            "agreements",
        )
        values["page_name"] = "goede_gesprek_agreement"
        return request.render("hr_goede_gesprek.portal_my_agreements", values)

    @http.route(
        ["/my/agreements/<int:agreement_id>"], type="http", auth="public", website=True
    )
    def portal_my_agreement(self, agreement_id, access_token=None, **kw):
        try:
            agreement_sudo = self._document_check_access(
                "hr.goede.gesprek.agreement", agreement_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        agreement = agreement_sudo.with_user(request.env.user)
        agreement_sudo = agreement.sudo()  # the viewer's uid, as superuser
        is_party = not request.env.user._is_public() and agreement._is_party()
        values = {
            "agreement": agreement_sudo,
            "is_party": is_party,
            "page_name": "goede_gesprek_agreement",
            "error": self._gg_pop_error(),
        }
        if is_party:
            pid = request.env.user.partner_id.id
            values.update({"pid": pid, "hash": agreement_sudo._sign_token(pid)})
        values = self._get_page_view_values(
            agreement_sudo,
            access_token,
            values,
            "my_agreements_history",
            False,
            **{k: v for k, v in kw.items() if k not in ("pid", "hash")},
        )
        return request.render("hr_goede_gesprek.portal_my_agreement", values)

    def _gg_agreement_action(self, agreement_id, func, back=None):
        try:
            agreement = self._gg_record("hr.goede.gesprek.agreement", agreement_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        url = agreement.access_url
        if back == "conversation" and agreement.sudo().conversation_id:
            url = agreement.sudo().conversation_id.access_url
        return self._gg_act(url, lambda: func(agreement))

    @http.route(
        "/my/agreements/<int:agreement_id>/confirm",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_agreement_confirm(self, agreement_id, back=None, **post):
        def act(agreement):
            agreement._check_can_confirm()
            agreement.sudo()._do_confirm(request.env.user)

        return self._gg_agreement_action(agreement_id, act, back)

    @http.route(
        "/my/agreements/<int:agreement_id>/decline",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_agreement_decline(self, agreement_id, back=None, **post):
        def act(agreement):
            agreement._check_can_decline()
            agreement.sudo()._do_decline(post.get("reason"))

        return self._gg_agreement_action(agreement_id, act, back)

    @http.route(
        "/my/agreements/<int:agreement_id>/progress",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_agreement_progress(self, agreement_id, back=None, **post):
        def act(agreement):
            if post.get("done"):
                agreement._check_can_close()
                agreement.sudo()._do_close("done")
                return
            agreement._check_can_update_progress()
            try:
                progress = int(post.get("progress") or 0)
            except ValueError as error:
                raise UserError(_("Progress is a percentage from 0 to 100.")) from error
            agreement.sudo()._do_update_progress(progress, post.get("note"))

        return self._gg_agreement_action(agreement_id, act, back)

    # ------------------------------------------------------------------
    # 360° feedback (the employee's side)
    # ------------------------------------------------------------------
    @http.route(
        ["/my/feedback", "/my/feedback/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_feedback_requests(self, page=1, sortby=None, filterby=None, **kw):
        sortings = {
            "newest": {"label": _("Newest"), "order": "create_date desc, id desc"}
        }
        filters = {
            "all": {"label": _("All"), "domain": []},
            "sent": {
                "label": _("Waiting for answers"),
                "domain": [("state", "=", "sent")],
            },
        }
        values = self._gg_list(
            "hr.goede.gesprek.feedback.request",
            "/my/feedback",
            page,
            sortby,
            filterby,
            sortings,
            filters,
            "feedback_requests",
        )
        values["page_name"] = "goede_gesprek_feedback"
        return request.render("hr_goede_gesprek.portal_my_feedback_requests", values)

    @http.route(
        "/my/feedback/new", type="http", auth="user", methods=["GET"], website=True
    )
    def portal_feedback_new_form(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "goede_gesprek_feedback",
                "error": self._gg_pop_error(),
                # sudo: the catalogue is reference data for every employee.
                "catalogue": request.env["hr.goede.gesprek.feedback.question"]
                .sudo()
                .search([("request_id", "=", False)]),
                "default_deadline": request.env[
                    "hr.goede.gesprek.feedback.request"
                ]._default_deadline(),
            }
        )
        return request.render("hr_goede_gesprek.portal_feedback_new", values)

    @http.route(
        "/my/feedback/new", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_feedback_new(self, **post):
        Request = request.env["hr.goede.gesprek.feedback.request"]
        created = []

        def act():
            employee = Request._check_can_create_request()
            form = request.httprequest.form
            catalogue_ids = [
                int(i) for i in form.getlist("catalogue_ids") if i.isdigit()
            ]
            questions = Request._prepare_questions(
                catalogue_ids, post.get("own_questions")
            )
            respondents = []
            for line in (post.get("respondents") or "").splitlines():
                if not line.strip():
                    continue
                pairs = email_split_tuples(line)
                if not pairs:
                    raise UserError(
                        _("“%(line)s” has no valid e-mail address.", line=line.strip())
                    )
                for name, email in pairs:
                    respondents.append((name or email, email))
            try:
                deadline = fields.Date.to_date(post.get("deadline"))
            except ValueError as error:
                raise UserError(_("That is not a valid deadline.")) from error
            vals = {
                "name": (post.get("name") or "").strip(),
                "intro": (post.get("intro") or "").strip() or False,
                "deadline": deadline,
                "anonymous": bool(post.get("anonymous")),
            }
            # The same rules as the backend wizard, as the user.
            Request._check_request_values(employee, vals, questions, respondents)
            feedback = Request._do_create_request(
                employee, vals, questions, respondents
            )
            if post.get("send"):
                feedback._check_can_send()
                feedback._do_send()
            created.append(feedback)

        response = self._gg_act("/my/feedback/new", act)
        if created:
            return request.redirect(created[0].access_url)
        return response

    @http.route(
        ["/my/feedback/<int:request_id>"], type="http", auth="public", website=True
    )
    def portal_my_feedback_request(self, request_id, access_token=None, **kw):
        try:
            feedback_sudo = self._document_check_access(
                "hr.goede.gesprek.feedback.request",
                request_id,
                access_token=access_token,
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        feedback = feedback_sudo.with_user(request.env.user)
        feedback_sudo = feedback.sudo()  # the viewer's uid, as superuser
        # Raw answers are for the requester only, never for a token holder.
        is_requester = not request.env.user._is_public() and feedback._is_requester()
        if not is_requester:
            return request.redirect("/my")
        values = {
            "feedback": feedback_sudo,
            "page_name": "goede_gesprek_feedback",
            "error": self._gg_pop_error(),
        }
        return request.render("hr_goede_gesprek.portal_my_feedback_request", values)

    def _gg_feedback_action(self, request_id, func):
        try:
            feedback = self._gg_record("hr.goede.gesprek.feedback.request", request_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._gg_act(feedback.access_url, lambda: func(feedback))

    @http.route(
        "/my/feedback/<int:request_id>/send",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_feedback_send(self, request_id, **post):
        def act(feedback):
            feedback._check_can_send()
            feedback._do_send()

        return self._gg_feedback_action(request_id, act)

    @http.route(
        "/my/feedback/<int:request_id>/close",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_feedback_close(self, request_id, **post):
        def act(feedback):
            feedback._check_can_close()
            feedback._do_close()

        return self._gg_feedback_action(request_id, act)

    @http.route(
        "/my/feedback/<int:request_id>/answer/<int:answer_id>/share",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_feedback_share(self, request_id, answer_id, share=None, **post):
        def act(feedback):
            # sudo: the answer is checked against the request by the guard.
            answer = (
                request.env["hr.goede.gesprek.feedback.answer"].sudo().browse(answer_id)
            )
            if not answer.exists():
                raise MissingError(_("This answer does not exist."))
            feedback._check_can_share_answer(answer)
            feedback._do_share_answer(answer, share == "1")

        return self._gg_feedback_action(request_id, act)

    # ------------------------------------------------------------------
    # 360° feedback (the respondent's side): the only public write route
    # ------------------------------------------------------------------
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

    # ------------------------------------------------------------------
    # Decisions (formal layer): letters, receipt, objections
    # ------------------------------------------------------------------
    @http.route(
        ["/my/decisions", "/my/decisions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_decisions(self, page=1, sortby=None, filterby=None, **kw):
        sortings = {
            "date": {"label": _("Date"), "order": "date_issued desc, id desc"},
            "term": {"label": _("Term ends"), "order": "term_end, id desc"},
        }
        filters = {
            "all": {"label": _("All"), "domain": []},
            "open": {
                "label": _("Term running"),
                "domain": [("state", "in", ("issued", "notified"))],
            },
        }
        values = self._gg_list(
            "hr.goede.gesprek.decision",
            "/my/decisions",
            page,
            sortby,
            filterby,
            sortings,
            filters,
            "decisions",
        )
        values["page_name"] = "goede_gesprek_decision"
        return request.render("hr_goede_gesprek.portal_my_decisions", values)

    def _gg_decision(self, decision_id):
        """The decision as the user: theirs and issued, or AccessError/404.

        No access tokens: a decision letter is only ever shown to its employee.
        """
        decision = self._gg_record("hr.goede.gesprek.decision", decision_id)
        decision._check_portal_readable()
        return decision

    @http.route(
        ["/my/decisions/<int:decision_id>"], type="http", auth="user", website=True
    )
    def portal_my_decision(self, decision_id, **kw):
        try:
            decision = self._gg_decision(decision_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        # sudo: the employee's own decision, checked just above; sudo lets the
        # page show names that sit on hr.employee and the employee's objections.
        decision_sudo = decision.sudo()
        # Terms run in the company's calendar, not in the user's time zone.
        today = decision._legal_today()
        values = {
            "decision": decision_sudo,
            "page_name": "goede_gesprek_decision",
            "error": self._gg_pop_error(),
            "must_open": decision_sudo.state == "issued",
            "term_running": decision_sudo.state in ("issued", "notified")
            and (not decision_sudo.term_end or decision_sudo.term_end >= today),
            "term_passed": decision_sudo.state == "notified"
            and decision_sudo.term_end
            and decision_sudo.term_end < today,
            "objections": decision_sudo.objection_ids,
        }
        return request.render("hr_goede_gesprek.portal_my_decision", values)

    @http.route(
        "/my/decisions/<int:decision_id>/open",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_decision_open(self, decision_id, **post):
        """Opening the letter records that it reached the employee (once).

        Receipt is recorded only together with the letter: this very response
        carries it. When the letter cannot be produced nothing is recorded and
        the decision page says why.
        """
        try:
            decision = self._gg_decision(decision_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if decision.state != "issued":
            # Already received (or a retried request): just the letter.
            return request.redirect(f"{decision_url(decision)}/letter")
        try:
            with request.env.cr.savepoint():
                # The model's own guard (only the employee concerned, only an
                # issued decision), then the letter, ready to be sent...
                decision._check_can_acknowledge()
                response = self._gg_letter_response(decision._get_letter())
                # ...and only then its step with sudo: a portal user may not
                # post on the decision's chatter themselves. sudo keeps the
                # uid, so the receipt is registered by the employee, on the
                # company's date.
                decision.sudo()._do_notify(None, "portal")
        except (AccessError, MissingError):
            return request.redirect("/my")
        except (UserError, ValidationError) as error:
            request.session[ERROR_KEY] = error.args[0]
            return request.redirect(decision_url(decision))
        return response

    @http.route(
        "/my/decisions/<int:decision_id>/letter",
        type="http",
        auth="user",
        website=True,
    )
    def portal_decision_letter(self, decision_id, **kw):
        """The frozen letter. A GET never records receipt (no cross-site
        side effects): while the receipt is open, the page's POST button does."""
        try:
            decision = self._gg_decision(decision_id)
        except (AccessError, MissingError):
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

    @http.route(
        "/my/decisions/<int:decision_id>/object",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_decision_object(self, decision_id, grounds=None, **post):
        try:
            decision = self._gg_decision(decision_id)
        except (AccessError, MissingError):
            return request.redirect("/my")

        def act():
            # create() is the model's guard (the declared policy as the user:
            # an objector gives the decision and grounds only; _check_can_file:
            # the employee, within the term, grounds required) followed by its
            # own sudo step.
            request.env["hr.goede.gesprek.objection"].create(
                {"decision_id": decision.id, "grounds": (grounds or "").strip()}
            )

        return self._gg_act(decision_url(decision), act)

    # ------------------------------------------------------------------
    # Appraisals on request (formal layer): request, view (zienswijze)
    # ------------------------------------------------------------------
    @http.route(
        ["/my/appraisals", "/my/appraisals/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_appraisals(self, page=1, sortby=None, filterby=None, **kw):
        sortings = {
            "date": {"label": _("Date"), "order": "request_date desc, id desc"},
        }
        filters = {"all": {"label": _("All"), "domain": []}}
        values = self._gg_list(
            "hr.goede.gesprek.appraisal",
            "/my/appraisals",
            page,
            sortby,
            filterby,
            sortings,
            filters,
            "appraisals",
        )
        values["page_name"] = "goede_gesprek_appraisal"
        values["error"] = self._gg_pop_error()
        return request.render("hr_goede_gesprek.portal_my_appraisals", values)

    @http.route(
        "/my/appraisals/request",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_appraisal_request(self, request_reason=None, **post):
        """The right to an appraisal on request."""
        Appraisal = request.env["hr.goede.gesprek.appraisal"]
        employee = request.env["hr.goede.gesprek"]._get_user_employees()[:1]
        if not employee.user_id:
            request.session[ERROR_KEY] = _(
                "Your employee record is not linked to your login: ask HR."
            )
            return request.redirect("/my/appraisals")
        created = []

        def act():
            vals = {
                "employee_id": employee.id,
                "company_id": employee.company_id.id,
                "request_reason": (request_reason or "").strip() or False,
            }
            # create() is the model's guard as the user (their own appraisal,
            # only the values the declared policy gives them) followed by its
            # own sudo step: portal users hold no create right.
            created.append(Appraisal.create(vals).id)

        response = self._gg_act("/my/appraisals", act)
        if created:
            return request.redirect(f"/my/appraisals/{created[0]}")
        return response

    def _gg_appraisal(self, appraisal_id):
        appraisal = self._gg_record("hr.goede.gesprek.appraisal", appraisal_id)
        if appraisal.employee_user_id != request.env.user:
            raise AccessError(_("This appraisal is not yours."))
        return appraisal

    @http.route(
        ["/my/appraisals/<int:appraisal_id>"], type="http", auth="user", website=True
    )
    def portal_my_appraisal(self, appraisal_id, **kw):
        try:
            appraisal = self._gg_appraisal(appraisal_id)
        except (AccessError, MissingError):
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
            "error": self._gg_pop_error(),
        }
        return request.render("hr_goede_gesprek.portal_my_appraisal", values)

    @http.route(
        "/my/appraisals/<int:appraisal_id>/view",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_appraisal_view(self, appraisal_id, employee_view=None, **post):
        try:
            appraisal = self._gg_appraisal(appraisal_id)
        except (AccessError, MissingError):
            return request.redirect("/my")

        def act():
            view = (employee_view or "").strip()
            if not view:
                raise UserError(_("Write your view first."))
            # write() is the model's guard (only the employee, within the term,
            # the view on its own) followed by its own sudo step.
            appraisal.write({"employee_view": view})

        return self._gg_act(f"/my/appraisals/{appraisal.id}", act)


def decision_url(decision):
    return f"/my/decisions/{decision.id}"
