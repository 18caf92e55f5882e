# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access requests on the portal: the employee's released sets, and the one
download route of every set (backend and portal), which logs who downloaded
it (hr.goede.gesprek.access.log)."""

import base64

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import CustomerPortal


class GoedeGesprekAccessPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        key = "goede_gesprek_access_request_count"
        if key in counters:
            Model = request.env["hr.goede.gesprek.access.request"]
            # The user's own rights: the record rules count their released sets.
            values[key] = (
                Model.search_count([("state", "=", "released")])
                if Model.has_access("read")
                else 0
            )
        return values

    @http.route("/my/access-requests", type="http", auth="user", website=True)
    def portal_my_access_requests(self, **kw):
        # The user's own rights: the record rules show only their released sets.
        requests = request.env["hr.goede.gesprek.access.request"].search(
            [("state", "=", "released")]
        )
        values = self._prepare_portal_layout_values()
        values.update({"access_requests": requests, "page_name": "access_requests"})
        return request.render("hr_goede_gesprek.portal_my_access_requests", values)

    @http.route(
        "/my/access-requests/<int:request_id>/download",
        type="http",
        auth="user",
    )
    def portal_access_request_download(self, request_id, **kw):
        access_request = request.env["hr.goede.gesprek.access.request"].browse(
            request_id
        )
        try:
            if not access_request.exists():
                raise MissingError(request.env._("This request no longer exists."))
            access_request._check_can_download()
        except (AccessError, MissingError):
            return request.redirect("/my")
        # sudo: the set is readable by the system only (set_file); the user
        # may download it (checked just above), and the download is logged.
        request_sudo = access_request.sudo()
        content = base64.b64decode(request_sudo.set_file or b"")
        request.env["hr.goede.gesprek.access.log"]._log(access_request, "download")
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/zip"),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(request_sudo.set_filename)),
            ],
        )
