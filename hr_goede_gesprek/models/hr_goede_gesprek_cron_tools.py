# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers shared by the scheduled actions (``_cron_*`` on the models they serve).

Every cron of this addon:
- handles one batch per call and reports ``ir.cron._notify_progress`` so the
  scheduler calls it again (committing in between) while work remains;
- is idempotent: what was sent is recorded on the record (a marker date or
  stage), so a second run the same day finds nothing to do;
- processes its batch in one savepoint and, only when that fails, again record
  by record in a savepoint each, so one bad record does not stop its batch while
  a healthy batch costs a constant number of queries;
- runs as OdooBot (18.0's scheduler needs Settings rights for its progress
  records) and does its work as ``hr_goede_gesprek.user_cron`` (HR officer
  rights only, no admin).
"""

import logging

from odoo import fields
from odoo.tools import SQL
from odoo.tools.mail import generate_tracking_message_id

_logger = logging.getLogger(__name__)

STAGE_RANK = {"employee": 1, "manager": 2, "hr": 3}
RANK_STAGE = {rank: stage for stage, rank in STAGE_RANK.items()}


def _process_batch(records, process):
    """Run ``process(records)``; on failure, record by record. Returns the failed."""
    cr = records.env.cr
    try:
        with cr.savepoint():
            process(records)
        return records.browse()
    except Exception:  # noqa: BLE001 -- retried per record just below
        _logger.info("Batch of %s failed, retrying record by record", records._name)
    failed = records.browse()
    for record in records:
        try:
            with cr.savepoint():
                process(record)
        except Exception as error:  # noqa: BLE001 -- one bad record must not stop
            _logger.warning("Reminder for %s skipped: %s", record, error)
            failed |= record
    return failed


def _run_as_cron_user(records, method, batch_size):
    """Do one batch as ``hr_goede_gesprek.user_cron`` and report the progress.

    In 18.0 the scheduler itself needs Settings rights (it creates
    ``ir.cron.progress`` records as the job's user), so the jobs run as OdooBot
    and the work drops to the reminder user, who has HR officer rights only.
    """
    worker = records.with_user(records.env.ref("hr_goede_gesprek.user_cron"))
    done, remaining = getattr(worker, method)(batch_size=batch_size)
    # sudo: the progress record is the scheduler's bookkeeping, not business data.
    records.env["ir.cron"].sudo()._notify_progress(
        done=done, remaining=max(remaining, 0)
    )


def _insert_rows(model, vals_list):
    """Create ``model`` records from ``vals_list`` with one INSERT; return them.

    ``create()`` inserts 100 rows per query and then recomputes stored computed
    fields 100 rows per UPDATE, so a reminder batch would cost more queries the
    larger it is; issue 6 wants the same number for any batch size. This is
    ``create()`` without the chunking: the same access check before and record
    rules after, defaults, magic columns and precomputed values
    (``_prepare_create_values``), conversion per field (HTML sanitising
    included) and Python constraints. What it leaves out is the model's own
    ``create()`` override and the recomputation of stored computed fields, so:

    - the caller gives every stored computed field (checked: a missing one raises,
      it would stay empty) and what the override would derive;
    - it serves only the rows a reminder writes (mail.activity, mail.message and
      mail.mail without attachments or followers), whose equality with the rows
      ``create()`` writes is tested (``test_cron_rows``).
    """
    model = model.browse()
    if not vals_list:
        return model
    model.check_access("create")
    env = model.env
    prepared = model._prepare_create_values(vals_list)
    names = sorted({name for vals in prepared for name in vals} - {"__precomputed__"})
    columns = []
    for name in names:
        field = model._fields[name]
        if field.column_type and not field.inherited:
            columns.append(name)
        elif any(vals.get(name) for vals in vals_list):
            # Defaults of such fields (empty many2many, a parent's) are dropped.
            raise ValueError(f"{model._name}.{name} is not a column of its table")
    missing = [
        name
        for name, field in model._fields.items()
        if field.store and field.compute and name not in columns
    ]
    if missing:
        raise ValueError(f"{model._name}: give the stored computed fields {missing}")
    rows = [
        SQL(
            "(%s)",
            SQL(", ").join(
                model._fields[name].convert_to_column_insert(vals[name], model, vals)
                if name in vals
                else SQL("DEFAULT")
                for name in columns
            ),
        )
        for vals in prepared
    ]
    env.cr.execute(
        SQL(
            "INSERT INTO %s (%s) VALUES %s RETURNING id",
            SQL.identifier(model._table),
            SQL(", ").join(map(SQL.identifier, columns)),
            SQL(", ").join(rows),
        )
    )
    records = model.browse([row[0] for row in env.cr.fetchall()])
    # The new rows belong to one2many values that may be in the cache already
    # (an employee's activities): forget those, as create() updates them.
    for name in columns:
        for inverse in env.registry.field_inverses[model._fields[name]]:
            env[inverse.model_name].invalidate_model([inverse.name], flush=False)
    records._validate_fields(columns)
    records.check_access("create")
    return records


def _activities(env, model, vals_list):
    """Create reminder activities in one INSERT, without mail or followers.

    What ``mail.activity.create()`` would add is given here: the stored computed
    fields (document name, the assignee's time zone, no done date); the
    assignees are not made followers (a manager must not read an employee's
    whole chatter) and get no e-mail per activity, as with Odoo's
    ``mail_activity_quick_update``; their activity counter is refreshed over
    the bus, as ``create()`` does.
    """
    Activity = env["mail.activity"]
    if not vals_list:
        return Activity
    res_model_id = env["ir.model"]._get_id(model)
    documents = env[model].browse({vals["res_id"] for vals in vals_list})
    # sudo: the document name is stored as create() does it (compute_sudo).
    names = dict(
        zip(documents.ids, documents.sudo().mapped("display_name"), strict=True)
    )
    users = env["res.users"].browse({vals["user_id"] for vals in vals_list})
    # sudo: the assignee's time zone, as the related field reads it.
    zones = {user.id: user.tz for user in users.sudo()}
    for vals in vals_list:
        vals.update(
            res_model_id=res_model_id,
            res_name=names[vals["res_id"]],
            user_tz=zones[vals["user_id"]],
            date_done=False,
        )
    activities = _insert_rows(Activity, vals_list)
    today = fields.Date.context_today(Activity)
    due_now = [vals["user_id"] for vals in vals_list if vals["date_deadline"] <= today]
    if due_now:
        users.browse(set(due_now))._bus_send(
            "mail.activity/updated", {"activity_created": True}
        )
    return activities


def _mails(env, vals_list):
    """Queue e-mails (mail.mail) in two INSERTs, one for the messages.

    Each ``vals`` has subject, body_html, email_from, email_to, model and res_id,
    and no attachments. The message id and document name are filled in as
    ``mail.message.create()`` does; reply-to is the sender, so no alias is
    looked up per mail.
    """
    if not vals_list:
        return env["mail.mail"]
    documents = {}
    for vals in vals_list:
        documents.setdefault(vals["model"], set()).add(vals["res_id"])
    names = {}
    for model, ids in documents.items():
        # sudo: mail.message stores the document name with superuser rights.
        records = env[model].sudo().browse(ids)
        names.update(((model, record.id), record.display_name) for record in records)
    message_fields = ("subject", "email_from", "model", "res_id")
    messages = _insert_rows(
        env["mail.message"],
        [
            {
                **{name: vals[name] for name in message_fields},
                "reply_to": vals["email_from"],
                "message_type": "email_outgoing",
                "message_id": generate_tracking_message_id(
                    f"{vals['res_id']}-{vals['model']}"
                ),
                "record_name": names[vals["model"], vals["res_id"]],
            }
            for vals in vals_list
        ],
    )
    return _insert_rows(
        env["mail.mail"],
        [
            {
                "mail_message_id": message.id,
                "body_html": vals["body_html"],
                "email_to": vals["email_to"],
                "auto_delete": vals.get("auto_delete", True),
                "scheduled_date": False,
            }
            for message, vals in zip(messages, vals_list, strict=True)
        ],
    )
