# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The employee portal: the /my counters, conversations (with their agenda),
agreements and the employee's side of 360° feedback.

Thin controllers: a route parses its input and calls one model method.
Reading goes through the user's own rights (record rules;
``_document_check_access`` for detail pages). Every change is a model method
that first runs the ``_check_can_*`` guard *as the user* and only then performs
the ``_do_*`` step with ``sudo()``: portal users hold no write rights on these
models, and the guard is what decides. The route runs it inside a savepoint.
Every POST is an ``http`` route with Odoo's CSRF check; the signature is sent
by Odoo's signature widget over JSON and carries the CSRF token in its URL,
checked here.

The formal layer (decisions, objections, appraisals) is in ``portal_formal``,
the respondent's public token route in ``main``; both share the helpers of
:class:`GoedeGesprekPortalMixin`.
"""

from datetime import datetime
from typing import NamedTuple

import pytz

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import LazyTranslate, html2plaintext, plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

ERROR_KEY = "hr_goede_gesprek_portal_error"

_lt = LazyTranslate(__name__)

# What a portal action did and what comes next: the page it leads to gets the
# key as ``?message=<key>`` and shows the text. Only these keys show anything
# (the URL never carries the text itself).
PORTAL_MESSAGES = {
    "details_saved": _lt("Saved. Your manager sees the new details."),
    "planned": _lt(
        "The conversation is planned. Everyone gets an invitation; next, "
        "prepare your agenda and share it."
    ),
    "topic_added": _lt(
        "The topic is on the agenda. Share the agenda when it is ready, so "
        "that your manager can prepare."
    ),
    "topic_saved": _lt("The topic is saved."),
    "topic_removed": _lt("The topic is removed from the agenda."),
    "topic_moved": _lt("The order of the agenda is saved."),
    "agenda_shared": _lt(
        "The agenda is shared. Next: the conversation itself, on the planned date."
    ),
    "report_saved": _lt("The report is saved. Submit it when it is complete."),
    "report_submitted": _lt(
        "The report is submitted. Next: you both read and sign it."
    ),
    "view_saved": _lt("Your view is added. Next: sign the report."),
    "signed": _lt(
        "Your signature is recorded. Once everyone has signed, the report is "
        "final and filed."
    ),
    "conversation_requested": _lt(
        "Your request is sent. Your manager plans the conversation with you; "
        "you can already prepare the agenda below."
    ),
    "agreement_confirmed": _lt(
        "You confirmed the agreement. Keep track of it here and report your progress."
    ),
    "agreement_declined": _lt(
        "You declined the agreement. Your manager sees your reason and talks it "
        "over with you."
    ),
    "progress_saved": _lt("Your progress is saved. Your manager sees it."),
    "agreement_proposed": _lt(
        "Your proposal is sent. Your manager confirms it, or you talk it over; "
        "then confirm it yourself."
    ),
    "hours_requested": _lt(
        "Your request is submitted. Your manager or HR answers in writing "
        "before the date shown below; without an answer it is deemed granted."
    ),
    "hours_withdrawn": _lt("Your request is withdrawn. Nothing more happens with it."),
    "agreement_done": _lt(
        "The agreement is marked as done. Your manager sees it and closes it."
    ),
    "feedback_saved": _lt(
        "The feedback request is saved as a draft. Send it when it is ready."
    ),
    "feedback_sent": _lt(
        "The feedback request is sent: every respondent gets an e-mail with "
        "their own link. You see here who has answered."
    ),
    "feedback_closed": _lt(
        "The feedback request is closed: no more answers come in. Choose which "
        "answers your manager sees."
    ),
    "feedback_shared": _lt("Saved: your manager sees the answers you share."),
    "objection_filed": _lt(
        "Your response is received and filed with the letter. HR confirms "
        "receipt and tells you how it is handled."
    ),
    "appraisal_requested": _lt(
        "Your request for an appraisal is sent. Your manager plans it with you."
    ),
    "appraisal_view_saved": _lt(
        "Your view is added to the appraisal and filed with it."
    ),
}


def with_message(url, key):
    """``url`` with the portal message ``key`` (one of PORTAL_MESSAGES)."""
    if not key:
        return url
    return f"{url}{'&' if '?' in url else '?'}message={key}"


def user_post_route(route):
    """A form POST of a logged-in user, with Odoo's CSRF check."""
    return http.route(route, type="http", auth="user", methods=["POST"], website=True)


def user_route(route):
    """A page for logged-in users only."""
    return http.route(route, type="http", auth="user", website=True)


def form_route(route):
    """The GET page of a form that a ``user_post_route`` receives."""
    return http.route(route, type="http", auth="user", methods=["GET"], website=True)


def list_route(path):
    """A list page (and its pages) for logged-in users only."""
    return user_route([path, f"{path}/page/<int:page>"])


class ListPage(NamedTuple):
    """A portal list page: its model, URL, the qcontext key of its records,
    the template, the page name, and the names of its searchbar hooks."""

    model: str
    url: str
    key: str
    template: str
    page_name: str
    sortings: str
    filters: str
    shows_error: bool = False


CONVERSATIONS = ListPage(
    "hr.goede.gesprek",
    "/my/conversations",
    "conversations",
    "hr_goede_gesprek.portal_my_conversations",
    "goede_gesprek",
    "_get_conversation_searchbar_sortings",
    "_get_conversation_searchbar_filters",
    shows_error=True,
)
AGREEMENTS = ListPage(
    "hr.goede.gesprek.agreement",
    "/my/agreements",
    "agreements",
    "hr_goede_gesprek.portal_my_agreements",
    "goede_gesprek_agreement",
    "_get_agreement_searchbar_sortings",
    "_get_agreement_searchbar_filters",
)
FEEDBACK_REQUESTS = ListPage(
    "hr.goede.gesprek.feedback.request",
    "/my/feedback",
    "feedback_requests",
    "hr_goede_gesprek.portal_my_feedback_requests",
    "goede_gesprek_feedback",
    "_get_feedback_searchbar_sortings",
    "_get_feedback_searchbar_filters",
)


class GoedeGesprekPortalMixin:
    """The helpers every portal controller of the addon shares."""

    def _gg_record(self, model, record_id):
        """The record as the logged-in user, readable by them, or 404/redirect."""
        record = request.env[model].browse(record_id)
        # sudo: only tells a missing record from a forbidden one.
        if not record.sudo().exists():
            raise MissingError(_("This document does not exist."))
        record.check_access("read")
        return record

    def _gg_own_record(self, model, record_id, is_own):
        """The record as the user if they may read it and ``is_own(record)``
        (their own document), else None."""
        try:
            record = self._gg_record(model, record_id)
        except (AccessError, MissingError):
            return None
        return record if is_own(record) else None

    def _gg_act(self, url, func, url_of_result=None, message=None):
        """Run ``func`` (guard as the user, then the sudo step) in a savepoint.

        Refusals of access redirect to /my (never data); workflow errors come
        back on the page, kept in the session rather than in the URL. With
        ``url_of_result``, the page of what ``func`` returns (a record just
        created) is opened instead of ``url``. On success the page shows
        ``message`` (a key of PORTAL_MESSAGES): what happened, what comes next.
        """
        try:
            with request.env.cr.savepoint():
                result = func()
        except (AccessError, MissingError):
            return request.redirect("/my")
        except (UserError, ValidationError) as error:
            request.session[ERROR_KEY] = error.args[0]
            return request.redirect(url)
        target = url_of_result(result) if url_of_result else url
        return request.redirect(with_message(target, message))

    def _gg_record_action(self, model, record_id, func, url_of=None, message=None):
        """Run ``func(record)`` with ``record`` read as the user; then back to
        ``url_of(record)`` (default: the record's own page)."""
        try:
            record = self._gg_record(model, record_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        url = url_of(record) if url_of else record.access_url
        return self._gg_act(url, lambda: func(record), message=message)

    def _gg_agreement_choices(self):
        """The choices of the form that proposes an agreement."""
        fields_ = request.env["hr.goede.gesprek.agreement"]._fields
        return {
            "kinds": fields_["kind"]._description_selection(request.env),
            "owners": fields_["owner"]._description_selection(request.env),
        }

    def _gg_pop_error(self):
        return request.session.pop(ERROR_KEY, None)

    def _gg_alerts(self):
        """The alerts of a page: the error of the last attempt (session) and
        the confirmation of the last action (``?message=``, known keys only)."""
        key = request.httprequest.args.get("message")
        message = PORTAL_MESSAGES.get(key) if isinstance(key, str) else None
        return {"error": self._gg_pop_error(), "message": message and str(message)}

    def _gg_document(self, model, record_id, access_token=None):
        """A detail page's record: as the viewer and as superuser with the
        viewer's uid (for names on models they cannot read), or None."""
        try:
            record_sudo = self._document_check_access(
                model, record_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return None, None
        # _document_check_access returns the record as superuser; rebind it to
        # the viewer (sudo keeps their uid) so that the flags are theirs.
        record = record_sudo.with_user(request.env.user)
        return record, record.sudo()

    def _gg_chatter_values(self, record_sudo, values):
        """Post in the chatter as oneself (signed partner id), not via a token."""
        pid = request.env.user.partner_id.id
        values.update({"pid": pid, "hash": record_sudo._sign_token(pid)})

    def _render_list_page(self, list_page, page, sortby, filterby):
        """A list page of the user's own records, with pager and searchbar."""
        values = self._prepare_portal_layout_values()
        Model = request.env[list_page.model]
        sortings = getattr(self, list_page.sortings)()
        filters = getattr(self, list_page.filters)()
        sortby = sortby if sortby in sortings else next(iter(sortings))
        filterby = filterby if filterby in filters else next(iter(filters))
        domain = Model._get_portal_domain() + filters[filterby]["domain"]
        pager = portal_pager(
            url=list_page.url,
            url_args={"sortby": sortby, "filterby": filterby},
            total=Model.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        records = Model.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session[f"my_{list_page.key}_history"] = records.ids[:100]
        values.update(
            {
                # sudo: these are the user's own records (searched under their
                # rules above); sudo only lets the page show related names that
                # sit on hr.employee, which portal users cannot read.
                list_page.key: records.sudo(),
                "pager": pager,
                "default_url": list_page.url,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
                "page_name": list_page.page_name,
            }
        )
        if list_page.shows_error:
            values.update(self._gg_alerts())
        return request.render(list_page.template, values)

    def _render_form_page(self, template, page_name, **extra):
        """A form page (a new request) with the error of the last attempt."""
        values = self._prepare_portal_layout_values()
        values.update(page_name=page_name, **self._gg_alerts(), **extra)
        return request.render(template, values)


class GoedeGesprekPortal(GoedeGesprekPortalMixin, CustomerPortal):
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
            "goede_gesprek_hours_count": "hr.goede.gesprek.hours.request",
            "goede_gesprek_reward_count": "hr.goede.gesprek.reward",
        }

    # ------------------------------------------------------------------
    # Searchbar hooks (one pair per list page)
    # ------------------------------------------------------------------
    def _get_conversation_searchbar_sortings(self):
        return {
            "date": {"label": _("Date"), "order": "date_start desc, id desc"},
            "state": {"label": _("Status"), "order": "state, date_start desc, id desc"},
        }

    def _get_conversation_searchbar_filters(self):
        return {
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

    def _get_agreement_searchbar_sortings(self):
        return {
            "deadline": {"label": _("Deadline"), "order": "deadline, id"},
            "newest": {"label": _("Newest"), "order": "id desc"},
        }

    def _get_agreement_searchbar_filters(self):
        open_states = ("proposed", "agreed", "talk_again")
        return {
            "open": {"label": _("Open"), "domain": [("state", "in", open_states)]},
            "all": {"label": _("All"), "domain": []},
        }

    def _get_feedback_searchbar_sortings(self):
        return {"newest": {"label": _("Newest"), "order": "create_date desc, id desc"}}

    def _get_feedback_searchbar_filters(self):
        sent = [("state", "=", "sent")]
        return {
            "all": {"label": _("All"), "domain": []},
            "sent": {"label": _("Waiting for answers"), "domain": sent},
        }

    # ------------------------------------------------------------------
    # Dates in the user's time zone
    # ------------------------------------------------------------------
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

    # ------------------------------------------------------------------
    # Conversations
    # ------------------------------------------------------------------
    @list_route("/my/conversations")
    def portal_my_conversations(self, page=1, sortby=None, filterby=None, **kw):
        return self._render_list_page(CONVERSATIONS, page, sortby, filterby)

    @http.route(
        ["/my/conversations/<int:conversation_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_conversation(
        self, conversation_id, access_token=None, report_type=None, download=False, **kw
    ):
        conversation, conversation_sudo = self._gg_document(
            "hr.goede.gesprek", conversation_id, access_token
        )
        if conversation is None:
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
        party = (
            conversation._get_user_party()
            if not request.env.user._is_public()
            else False
        )
        values = {
            "conversation": conversation_sudo,
            "party": party,
            "page_name": "goede_gesprek",
            **self._gg_alerts(),
            "date_start_input": self._gg_local_input(conversation_sudo.date_start),
            "sign_party": party and conversation_sudo._get_portal_sign_party(),
            "csrf_sign_token": request.csrf_token(),
            "report_text": html2plaintext(conversation_sudo.report_summary or ""),
            # The choices (chair, report author, privacy) the user's side may
            # still change: the declared policy.
            "choice_fields": party and conversation._portal_choice_fields(),
            # The conversation card (read-only reference data).
            "topics": conversation._portal_card_topics(),
        }
        if party:
            self._gg_chatter_values(conversation_sudo, values)
        values = self._get_page_view_values(
            conversation_sudo,
            access_token,
            values,
            "my_conversations_history",
            False,
            **{k: v for k, v in kw.items() if k not in ("pid", "hash")},
        )
        return request.render("hr_goede_gesprek.portal_my_conversation", values)

    def _gg_conversation_action(self, conversation_id, func, message=None):
        """Run ``func(conversation)`` with ``conversation`` as the user."""
        return self._gg_record_action(
            "hr.goede.gesprek", conversation_id, func, message=message
        )

    @user_post_route("/my/conversations/<int:conversation_id>/details")
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
            return conversation.portal_update_details(vals)

        return self._gg_conversation_action(conversation_id, act, "details_saved")

    @user_post_route("/my/conversations/<int:conversation_id>/plan")
    def portal_conversation_plan(self, conversation_id, **post):
        return self._gg_conversation_action(
            conversation_id, lambda c: c.portal_plan(), "planned"
        )

    @user_post_route("/my/conversations/<int:conversation_id>/agenda/add")
    def portal_agenda_add(self, conversation_id, **post):
        topic_id = post.get("topic_id", "")
        return self._gg_conversation_action(
            conversation_id,
            lambda c: c.portal_add_agenda_line(
                post.get("name"),
                post.get("description"),
                int(topic_id) if topic_id.isdigit() else False,
            ),
            "topic_added",
        )

    @user_post_route(
        "/my/conversations/<int:conversation_id>/agenda/<int:line_id>/edit"
    )
    def portal_agenda_edit(self, conversation_id, line_id, **post):
        return self._gg_conversation_action(
            conversation_id,
            lambda c: c.portal_edit_agenda_line(
                line_id, post.get("name"), post.get("description")
            ),
            "topic_saved",
        )

    @user_post_route(
        "/my/conversations/<int:conversation_id>/agenda/<int:line_id>/delete"
    )
    def portal_agenda_delete(self, conversation_id, line_id, **post):
        return self._gg_conversation_action(
            conversation_id,
            lambda c: c.portal_delete_agenda_line(line_id),
            "topic_removed",
        )

    @user_post_route(
        "/my/conversations/<int:conversation_id>/agenda/<int:line_id>/move"
    )
    def portal_agenda_move(self, conversation_id, line_id, direction="up", **post):
        return self._gg_conversation_action(
            conversation_id,
            lambda c: c.portal_move_agenda_line(line_id, direction),
            "topic_moved",
        )

    @user_post_route("/my/conversations/<int:conversation_id>/share")
    def portal_conversation_share(self, conversation_id, **post):
        return self._gg_conversation_action(
            conversation_id, lambda c: c.portal_share_agenda(), "agenda_shared"
        )

    @user_post_route("/my/conversations/<int:conversation_id>/report")
    def portal_conversation_report(self, conversation_id, **post):
        text = (post.get("report_summary") or "").strip()
        # Plain text from the portal becomes escaped HTML; the Html field
        # sanitizes once more on write.
        summary = plaintext2html(text) if text else False
        return self._gg_conversation_action(
            conversation_id,
            lambda c: c.portal_save_report(summary, submit=bool(post.get("submit"))),
            "report_submitted" if post.get("submit") else "report_saved",
        )

    @user_post_route("/my/conversations/<int:conversation_id>/view")
    def portal_conversation_view(self, conversation_id, **post):
        return self._gg_conversation_action(
            conversation_id,
            lambda c: c.portal_write_view(post.get("view")),
            "view_saved",
        )

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
                conversation.portal_sign(mode, signature=signature)
        except (AccessError, MissingError):
            return {"error": _("You cannot sign this report.")}
        except (UserError, ValidationError) as error:
            return {"error": error.args[0]}
        return {
            "force_refresh": True,
            "redirect_url": with_message(conversation.access_url, "signed"),
        }

    @user_post_route("/my/conversations/<int:conversation_id>/choices")
    def portal_conversation_choices(self, conversation_id, **post):
        fnames = ("chair", "report_author", "privacy_sharing", "privacy_reason")
        return self._gg_conversation_action(
            conversation_id,
            lambda c: c.portal_update_choices(
                {fname: post[fname] for fname in fnames if fname in post}
            ),
        )

    # ------------------------------------------------------------------
    # Preparing the next conversation
    # ------------------------------------------------------------------
    @user_route("/my/prepare")
    def portal_prepare_next(self, **kw):
        """The next conversation to prepare, or the way to ask for one."""
        conversation = request.env["hr.goede.gesprek"]._portal_next_conversation()
        if conversation:
            # The confirmation of the step that led here goes along (known
            # keys only: PORTAL_MESSAGES).
            key = request.httprequest.args.get("message")
            return request.redirect(
                with_message(
                    f"{conversation.access_url}/prepare",
                    key if key in PORTAL_MESSAGES else None,
                )
            )
        return self._render_form_page(
            "hr_goede_gesprek.portal_prepare_none", "goede_gesprek_prepare"
        )

    @user_route("/my/conversations/<int:conversation_id>/prepare")
    def portal_conversation_prepare(self, conversation_id, **kw):
        conversation = self._gg_own_record(
            "hr.goede.gesprek", conversation_id, lambda c: c._get_user_party()
        )
        if not conversation:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            conversation._portal_prepare_values(),
            # sudo: the user's own conversation (read as the user above); the
            # names of the partners sit on hr.employee.
            conversation=conversation.sudo(),
            **self._gg_agreement_choices(),
            page_name="goede_gesprek_prepare",
            **self._gg_alerts(),
        )
        return request.render("hr_goede_gesprek.portal_conversation_prepare", values)

    @user_post_route("/my/prompts/<int:prompt_id>/agenda")
    def portal_prompt_put_on_agenda(self, prompt_id, **post):
        """A prompt (shared feedback, an agreement's date…) on the agenda of
        the next open conversation, with one click."""
        return self._gg_record_action(
            "hr.goede.gesprek.trigger.prompt",
            prompt_id,
            lambda prompt: prompt.action_put_on_agenda(),
            url_of=lambda prompt: "/my/prepare",
            message="topic_added",
        )

    @user_post_route("/my/conversations/<int:conversation_id>/prepare/agenda")
    def portal_prepare_agenda_add(self, conversation_id, **post):
        """Put something on the agenda from the prepare page (and stay there)."""
        topic_id = post.get("topic_id", "")
        return self._gg_record_action(
            "hr.goede.gesprek",
            conversation_id,
            lambda c: c.portal_add_agenda_line(
                post.get("name"),
                post.get("description"),
                int(topic_id) if topic_id.isdigit() else False,
            ),
            url_of=lambda c: f"{c.access_url}/prepare",
        )

    # ------------------------------------------------------------------
    # The right to a conversation
    # ------------------------------------------------------------------
    @form_route("/my/conversations/request")
    def portal_conversation_request_form(self, **kw):
        return self._render_form_page(
            "hr_goede_gesprek.portal_conversation_request", "goede_gesprek"
        )

    @user_post_route("/my/conversations/request")
    def portal_conversation_request(self, **post):
        Conversation = request.env["hr.goede.gesprek"]
        return self._gg_act(
            "/my/conversations/request",
            lambda: Conversation._portal_request_conversation(
                note=post.get("note"),
                date_start=self._gg_parse_datetime(post.get("date_start")),
            ),
            url_of_result=lambda record: record.access_url,
            message="conversation_requested",
        )

    # ------------------------------------------------------------------
    # Agreements
    # ------------------------------------------------------------------
    @list_route("/my/agreements")
    def portal_my_agreements(self, page=1, sortby=None, filterby=None, **kw):
        return self._render_list_page(AGREEMENTS, page, sortby, filterby)

    @http.route(
        ["/my/agreements/<int:agreement_id>"], type="http", auth="public", website=True
    )
    def portal_my_agreement(self, agreement_id, access_token=None, **kw):
        agreement, agreement_sudo = self._gg_document(
            "hr.goede.gesprek.agreement", agreement_id, access_token
        )
        if agreement is None:
            return request.redirect("/my")
        is_party = not request.env.user._is_public() and agreement._is_party()
        values = {
            "agreement": agreement_sudo,
            "is_party": is_party,
            "page_name": "goede_gesprek_agreement",
            **self._gg_alerts(),
        }
        if is_party:
            self._gg_chatter_values(agreement_sudo, values)
        values = self._get_page_view_values(
            agreement_sudo,
            access_token,
            values,
            "my_agreements_history",
            False,
            **{k: v for k, v in kw.items() if k not in ("pid", "hash")},
        )
        return request.render("hr_goede_gesprek.portal_my_agreement", values)

    def _gg_agreement_action(self, agreement_id, func, back=None, message=None):
        def url_of(agreement):
            # sudo: the conversation's URL only (the agreement was read as
            # the user).
            conversation = agreement.sudo().conversation_id
            if back == "conversation" and conversation:
                return conversation.access_url
            return agreement.access_url

        return self._gg_record_action(
            "hr.goede.gesprek.agreement", agreement_id, func, url_of, message
        )

    @form_route("/my/agreements/new")
    def portal_agreement_new_form(self, conversation_id=None, **kw):
        conversation = request.env["hr.goede.gesprek"]
        if conversation_id and str(conversation_id).isdigit():
            try:
                conversation = self._gg_record("hr.goede.gesprek", int(conversation_id))
            except (AccessError, MissingError):
                return request.redirect("/my")
        return self._render_form_page(
            "hr_goede_gesprek.portal_agreement_new",
            "goede_gesprek_agreement",
            # sudo: the user's own conversation (read as the user above).
            conversation=conversation.sudo(),
            **self._gg_agreement_choices(),
        )

    @user_post_route("/my/agreements/new")
    def portal_agreement_propose(self, conversation_id=None, back=None, **post):
        conversation_id = (
            int(conversation_id) if str(conversation_id or "").isdigit() else False
        )
        form = "/my/agreements/new"
        if conversation_id:
            form = f"{form}?conversation_id={conversation_id}"
        if back == "prepare" and conversation_id:
            form = f"/my/conversations/{conversation_id}/prepare"

        def act():
            vals = {
                fname: (post.get(fname) or "").strip()
                for fname in ("name", "description", "kind", "owner")
            }
            # An empty choice keeps the model's default.
            vals = {k: v for k, v in vals.items() if v or k == "name"}
            try:
                vals["deadline"] = fields.Date.to_date(post.get("deadline") or None)
            except ValueError as error:
                raise UserError(_("That is not a valid date.")) from error
            return request.env["hr.goede.gesprek.agreement"]._portal_propose(
                vals, conversation_id
            )

        return self._gg_act(
            form,
            act,
            url_of_result=lambda agreement: (
                form if back == "prepare" else agreement.access_url
            ),
            message="agreement_proposed",
        )

    @user_post_route("/my/agreements/<int:agreement_id>/confirm")
    def portal_agreement_confirm(self, agreement_id, back=None, **post):
        return self._gg_agreement_action(
            agreement_id, lambda a: a.portal_confirm(), back, "agreement_confirmed"
        )

    @user_post_route("/my/agreements/<int:agreement_id>/decline")
    def portal_agreement_decline(self, agreement_id, back=None, **post):
        return self._gg_agreement_action(
            agreement_id,
            lambda a: a.portal_decline(post.get("reason")),
            back,
            "agreement_declined",
        )

    @user_post_route("/my/agreements/<int:agreement_id>/progress")
    def portal_agreement_progress(self, agreement_id, back=None, **post):
        return self._gg_agreement_action(
            agreement_id,
            lambda a: a.portal_update_progress(
                post.get("progress"), post.get("note"), done=bool(post.get("done"))
            ),
            back,
            "agreement_done" if post.get("done") else "progress_saved",
        )

    # ------------------------------------------------------------------
    # 360° feedback (the employee's side)
    # ------------------------------------------------------------------
    @list_route("/my/feedback")
    def portal_my_feedback_requests(self, page=1, sortby=None, filterby=None, **kw):
        return self._render_list_page(FEEDBACK_REQUESTS, page, sortby, filterby)

    @form_route("/my/feedback/new")
    def portal_feedback_new_form(self, **kw):
        return self._render_form_page(
            "hr_goede_gesprek.portal_feedback_new",
            "goede_gesprek_feedback",
            # sudo: the catalogue is reference data for every employee.
            catalogue=request.env["hr.goede.gesprek.feedback.question"]
            .sudo()
            .search([("request_id", "=", False)]),
            default_deadline=request.env[
                "hr.goede.gesprek.feedback.request"
            ]._default_deadline(),
        )

    @user_post_route("/my/feedback/new")
    def portal_feedback_new(self, **post):
        Request = request.env["hr.goede.gesprek.feedback.request"]
        form = request.httprequest.form
        catalogue_ids = [int(i) for i in form.getlist("catalogue_ids") if i.isdigit()]
        return self._gg_act(
            "/my/feedback/new",
            lambda: Request._portal_create_request(
                {
                    "name": (post.get("name") or "").strip(),
                    "intro": (post.get("intro") or "").strip() or False,
                    "deadline": post.get("deadline"),
                    "anonymous": bool(post.get("anonymous")),
                },
                catalogue_ids,
                post.get("own_questions"),
                post.get("respondents"),
                send=bool(post.get("send")),
            ),
            url_of_result=lambda record: record.access_url,
            message="feedback_sent" if post.get("send") else "feedback_saved",
        )

    @http.route(
        ["/my/feedback/<int:request_id>"], type="http", auth="public", website=True
    )
    def portal_my_feedback_request(self, request_id, access_token=None, **kw):
        feedback, feedback_sudo = self._gg_document(
            "hr.goede.gesprek.feedback.request", request_id, access_token
        )
        # Raw answers are for the requester only, never for a token holder.
        if (
            feedback is None
            or request.env.user._is_public()
            or not feedback._is_employee()
        ):
            return request.redirect("/my")
        values = {
            "feedback": feedback_sudo,
            "page_name": "goede_gesprek_feedback",
            **self._gg_alerts(),
        }
        return request.render("hr_goede_gesprek.portal_my_feedback_request", values)

    def _gg_feedback_action(self, request_id, func, message):
        return self._gg_record_action(
            "hr.goede.gesprek.feedback.request", request_id, func, message=message
        )

    @user_post_route("/my/feedback/<int:request_id>/send")
    def portal_feedback_send(self, request_id, **post):
        return self._gg_feedback_action(
            request_id, lambda f: f.action_send(), "feedback_sent"
        )

    @user_post_route("/my/feedback/<int:request_id>/close")
    def portal_feedback_close(self, request_id, **post):
        return self._gg_feedback_action(
            request_id, lambda f: f.action_close(), "feedback_closed"
        )

    @user_post_route("/my/feedback/<int:request_id>/answer/<int:answer_id>/share")
    def portal_feedback_share(self, request_id, answer_id, share=None, **post):
        return self._gg_feedback_action(
            request_id,
            lambda f: f.portal_share_answer(answer_id, share == "1"),
            "feedback_shared",
        )
