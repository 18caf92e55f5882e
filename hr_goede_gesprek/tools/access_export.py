# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The complete set of one employee's data across the addon (AVG art. 15).

``collect(env, employee)`` reads every model of the addon that holds data
about the employee, chatter included, and redacts third parties:

* people (users, partners, employees) other than the employee, their
  managers and conversation partners, and HR become ``[redacted]``;
* 360° respondents keep their answers but lose their name and e-mail
  (``Respondent 1``, ``Respondent 2``, ...), and their names and addresses
  are scrubbed from every text of the set;
* chatter messages keep their text; an author outside the parties above
  shows as ``[redacted]``.

``build_zip(sections, pdfs)`` packs the machine-readable ``data.json``, one
CSV per model and the readable PDFs into one ZIP. The caller (the access
request) runs both as the superuser after checking that the user is HR: the
set must be complete whatever the HR user's own record rules.
"""

import csv
import io
import json
import re
import zipfile

from odoo.tools import html2plaintext

REDACTED = "[redacted]"
PERSON_MODELS = ("res.users", "res.partner", "hr.employee")
# (model, the field that leads to the employee), in the order of the set.
EXPORT_MODELS = [
    ("hr.goede.gesprek", "employee_id"),
    ("hr.goede.gesprek.agenda.line", "employee_id"),
    ("hr.goede.gesprek.agreement", "employee_id"),
    ("hr.goede.gesprek.appraisal", "employee_id"),
    ("hr.goede.gesprek.decision", "employee_id"),
    ("hr.goede.gesprek.objection", "employee_id"),
    ("hr.goede.gesprek.hours.request", "employee_id"),
    ("hr.goede.gesprek.reward", "employee_id"),
    ("hr.goede.gesprek.reward.budget", "employee_id"),
    ("hr.goede.gesprek.feedback.request", "employee_id"),
    ("hr.goede.gesprek.feedback.respondent", "request_id.employee_id"),
    ("hr.goede.gesprek.feedback.answer", "employee_id"),
    ("hr.goede.gesprek.experience", "employee_id"),
    ("hr.goede.gesprek.trigger.prompt", "employee_id"),
]
# What the set leaves out to protect others (AVG art. 15(4)): who was asked
# for anonymous 360° feedback, anonymous answers below the threshold (they
# could point at the few who answered), and the manager's own experience
# answers (their opinion, not the employee's data).
EXTRA_DOMAINS = {
    "hr.goede.gesprek.feedback.respondent": [("request_id.anonymous", "=", False)],
    "hr.goede.gesprek.feedback.answer": [("request_id.answers_visible", "=", True)],
    "hr.goede.gesprek.experience": [("party", "=", "employee")],
}
# Bookkeeping columns that say nothing about the employee.
TECHNICAL_FIELDS = {
    "write_uid",
    "write_date",
    "access_token",
    "access_url",
    "employee_user_id",
    "employee_work_contact_id",
    "employee_manager_user_id",
    "department_manager_user_id",
}
TECHNICAL_PREFIXES = ("message_", "activity_", "website_message")
# Texts about a third party, per model, replaced whatever their value.
REDACTED_FIELDS = {
    "hr.goede.gesprek": {"companion_name"},
    "hr.goede.gesprek.feedback.respondent": {"name", "email"},
}


def _export_fields(model):
    """The stored fields of ``model`` that go into the set."""
    names = []
    for fname, field in model._fields.items():
        if (
            not field.store
            or field.type == "binary"
            or fname in TECHNICAL_FIELDS
            or fname.startswith(TECHNICAL_PREFIXES)
            or "base.group_system" in (field.groups or "")
        ):
            continue
        names.append(fname)
    return names


def _plain(value):
    if isinstance(value, str) and "<" in value and ">" in value:
        return html2plaintext(value)
    return value


class AccessExport:
    """One run of the export (see the module docstring)."""

    def __init__(self, env, employee):
        # env is the superuser's (see the module docstring).
        self.env = env
        self.employee = employee
        self.records = {}
        self.allowed = {model: set() for model in PERSON_MODELS}
        self.respondent_alias = {}
        self.scrub = set()

    # -- who may be named ----------------------------------------------
    def _allow_users(self, users):
        self.allowed["res.users"] |= set(users.ids)
        self.allowed["res.partner"] |= set(users.partner_id.ids)
        self.allowed["hr.employee"] |= set(users.employee_ids.ids)

    def _allow_employees(self, employees):
        self.allowed["hr.employee"] |= set(employees.ids)
        self.allowed["res.partner"] |= set(employees.work_contact_id.ids)
        self._allow_users(employees.user_id)

    def _collect_allowed(self):
        employee = self.employee
        self._allow_employees(
            employee | employee.parent_id | employee.department_id.manager_id
        )
        conversations = self.records["hr.goede.gesprek"]
        self._allow_employees(conversations.partner_employee_ids)
        for model in self.records.values():
            for fname in ("employee_manager_user_id", "department_manager_user_id"):
                if fname in model._fields:
                    self._allow_users(model[fname])
        hr_group = self.env.ref("hr_goede_gesprek.group_goede_gesprek_officer")
        self._allow_users(hr_group.users)
        self._allow_users(self.env.ref("base.user_root"))
        self._allow_users(self.env.ref("hr_goede_gesprek.user_cron"))

    def _collect_respondents(self):
        respondents = self.records["hr.goede.gesprek.feedback.respondent"]
        for index, respondent in enumerate(respondents.sorted("id"), start=1):
            self.respondent_alias[respondent.id] = f"Respondent {index}"
            self.scrub |= {v for v in (respondent.name, respondent.email) if v}
            # A respondent who is a colleague is a third party as well.
            if respondent.user_id:
                for model in PERSON_MODELS:
                    self.allowed[model] -= set(
                        {
                            "res.users": respondent.user_id.ids,
                            "res.partner": respondent.user_id.partner_id.ids,
                            "hr.employee": respondent.user_id.employee_ids.ids,
                        }[model]
                    )
        if self.scrub:
            self.scrub_re = re.compile(
                "|".join(
                    re.escape(v) for v in sorted(self.scrub, key=len, reverse=True)
                ),
                re.IGNORECASE,
            )

    # -- values ----------------------------------------------------------
    def _text(self, value):
        if isinstance(value, str) and self.scrub:
            return self.scrub_re.sub(REDACTED, value)
        return value

    def _person(self, comodel, rid, name):
        if rid in self.allowed[comodel]:
            return name
        return REDACTED

    def _value(self, model, fname, value, names):
        field = model._fields[fname]
        if fname in REDACTED_FIELDS.get(model._name, ()):
            return REDACTED if value else value
        if field.type == "many2one":
            if not value:
                return None
            rid, name = value
            if field.comodel_name in PERSON_MODELS:
                return self._person(field.comodel_name, rid, name)
            if field.comodel_name == "ir.attachment":
                return name
            return {"id": rid, "name": self._text(name)}
        if field.type in ("one2many", "many2many"):
            if field.comodel_name in PERSON_MODELS:
                return [
                    self._person(field.comodel_name, rid, names.get(rid, ""))
                    for rid in value
                ]
            return list(value)
        if field.type in ("date", "datetime"):
            return str(value) if value else None
        if value is False and field.type != "boolean":
            return None
        return self._text(_plain(value))

    # -- reading ---------------------------------------------------------
    def _read_records(self):
        for model_name, path in EXPORT_MODELS:
            model = self.env[model_name].with_context(active_test=False)
            self.records[model_name] = model.search(
                [(path, "=", self.employee.id), *EXTRA_DOMAINS.get(model_name, [])],
                order="id",
            )

    def _person_names(self, model, fnames, rows):
        """{id: name} of the people the x2many person fields of ``rows`` name."""
        names = {}
        for fname in fnames:
            field = model._fields[fname]
            if field.type in ("one2many", "many2many") and (
                field.comodel_name in PERSON_MODELS
            ):
                ids = {rid for row in rows for rid in row[fname]}
                people = self.env[field.comodel_name].browse(ids)
                names.update({p.id: p.display_name for p in people})
        return names

    def _messages(self, model, records):
        if not records or "message_ids" not in model._fields:
            return {}
        messages = self.env["mail.message"].search(
            [
                ("model", "=", model._name),
                ("res_id", "in", records.ids),
                ("message_type", "!=", "user_notification"),
            ],
            order="id",
        )
        by_record = {}
        for message in messages:
            author = message.author_id
            by_record.setdefault(message.res_id, []).append(
                {
                    "date": str(message.date),
                    "author": self._person(
                        "res.partner", author.id, author.display_name
                    )
                    if author
                    else None,
                    "type": message.message_type,
                    "subtype": message.subtype_id.name or None,
                    "subject": self._text(message.subject or None),
                    "body": self._text(html2plaintext(message.body or "")),
                    "changes": [
                        {
                            "field": value.field_id.field_description,
                            "old": self._text(str(value.old_value_char or "")),
                            "new": self._text(str(value.new_value_char or "")),
                        }
                        for value in message.tracking_value_ids
                    ],
                }
            )
        return by_record

    def collect(self):
        """The set as ``[{"model", "label", "records": [...]}]``."""
        self._read_records()
        self._collect_allowed()
        self._collect_respondents()
        sections = []
        for model_name, _path in EXPORT_MODELS:
            model = self.env[model_name]
            records = self.records[model_name]
            fnames = _export_fields(model)
            rows = records.read(fnames) if records else []
            names = self._person_names(model, fnames, rows)
            messages = self._messages(model, records)
            # Answers keep who answered as a pseudonym only.
            respondent_of = (
                {answer.id: answer.respondent_id.id for answer in records}
                if model_name == "hr.goede.gesprek.feedback.answer"
                else {}
            )
            out = []
            for row in rows:
                item = {"id": row["id"]}
                if respondent_of:
                    item["respondent"] = self.respondent_alias.get(
                        respondent_of[row["id"]], REDACTED
                    )
                for fname in fnames:
                    if fname == "id":
                        continue
                    item[fname] = self._value(model, fname, row[fname], names)
                if "message_ids" in model._fields:
                    item["messages"] = messages.get(row["id"], [])
                out.append(item)
            sections.append(
                {"model": model_name, "label": model._description, "records": out}
            )
        return sections


def collect(env, employee):
    """The redacted set of ``employee`` (see ``AccessExport``)."""
    return AccessExport(env, employee).collect()


def _csv(section):
    """One CSV of a section's records (messages left to the JSON)."""
    rows = section["records"]
    buffer = io.StringIO()
    if not rows:
        return ""
    columns = [c for c in rows[0] if c != "messages"]
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [
                json.dumps(row[c], ensure_ascii=False)
                if isinstance(row[c], dict | list)
                else ("" if row[c] is None or row[c] is False else row[c])
                for c in columns
            ]
        )
    return buffer.getvalue()


def build_zip(meta, sections, documents):
    """The ZIP bytes: ``data.json`` (``meta`` and every section), one CSV per
    model with records, and ``documents`` ([(file name, bytes)]) under pdf/."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(
                {"request": meta, "sections": sections},
                ensure_ascii=False,
                indent=1,
                default=str,
            ),
        )
        for section in sections:
            if section["records"]:
                archive.writestr(f"csv/{section['model']}.csv", _csv(section))
        seen = set()
        for name, content in documents:
            base, dot, ext = name.rpartition(".")
            unique, count = name, 1
            while unique in seen:
                count += 1
                unique = f"{base} ({count}){dot}{ext}"
            seen.add(unique)
            archive.writestr(f"documents/{unique}", content)
    return buffer.getvalue()
