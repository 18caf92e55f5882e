# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers shared by the scheduled actions (``_cron_*`` on the models they serve).

Every cron of this addon:
- handles one batch per call and reports ``ir.cron._notify_progress`` so the
  scheduler calls it again (committing in between) while work remains;
- is idempotent: what was sent is recorded on the record (a marker date or
  stage), so a second run the same day finds nothing to do;
- processes its batch in one savepoint and, only when that fails, again record
  by record in a savepoint each, so one bad record does not stop its batch;
- creates what it sends through the ORM, in one call per batch (activities with
  ``mail.activity.create(vals_list)``, e-mails with
  ``mail.template.send_mail_batch``), so access rights, record rules,
  sanitising and mail threading apply as for any other mail;
- writes its markers (workflow fields no user may write) with ``sudo()`` in the
  model's own ``_do_*`` step, after it sent what they record;
- runs as OdooBot (18.0's scheduler needs Settings rights for its progress
  records) and does its work as ``hr_goede_gesprek.user_cron`` (HR officer
  rights only, no admin).
"""

import logging
from collections import defaultdict

from odoo import fields

_logger = logging.getLogger(__name__)

STAGE_RANK = {"employee": 1, "manager": 2, "hr": 3}
RANK_STAGE = {rank: stage for stage, rank in STAGE_RANK.items()}

# Reminder activities do not make their assignees followers of the document:
# a next-level manager or HR must not receive a conversation's (or an
# employee's personnel record's) whole chatter by e-mail for one reminder. The
# models the crons remind on read it in ``message_subscribe`` (the documents
# through ``hr.goede.gesprek.reminder.mixin``). It only ever leaves a
# subscription out; it opens nothing.
NO_FOLLOW = "goede_gesprek_no_follow"


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


def cron_entry(batch_method, batch_size=200):
    """The method a scheduled action calls: ``_cron_x = cron_entry("_batch_x")``
    runs as OdooBot and does one batch of ``batch_method`` as the reminder user
    (see ``_run_as_cron_user``)."""

    def cron(self, batch_size=batch_size):
        _run_as_cron_user(self, batch_method, batch_size)

    cron.__doc__ = "Scheduled action: runs as OdooBot, works as the reminder user."
    return cron


def _activities(env, model, vals_list):
    """Create the reminder activities of a batch in one ORM ``create()``.

    ``vals_list`` gives ``res_id``, ``activity_type_id``, ``user_id``,
    ``date_deadline``, ``summary`` and optionally ``note``; the documents are
    records of ``model``. The activities are created as the current (cron) user,
    with its access rights and record rules; ``create()`` fills in the document
    name, sanitises the note and refreshes the assignees' activity counters. As
    with Odoo's quick update (``mail_activity_quick_update``) the assignees get
    no e-mail per activity, and they are not made followers (``NO_FOLLOW``).
    """
    if not vals_list:
        return env["mail.activity"]
    res_model_id = env["ir.model"]._get_id(model)
    return (
        env["mail.activity"]
        .with_context(mail_activity_quick_update=True, **{NO_FOLLOW: True})
        .create([dict(vals, res_model_id=res_model_id) for vals in vals_list])
    )


def remind_batch(todo, activity_xmlid, reminders_of, marker_of, batch_size, then=None):
    """One run of a reminder cron over the records ``todo`` it found: their
    activities and markers in batches (see ``_process_batch``); returns the
    ``(done, remaining)`` progress of ``cron_entry``.

    ``reminders_of(record)`` gives the record's reminder activities as
    ``(user, summary)`` or ``(user, summary, other_values)`` (e.g. another
    deadline), due today by default; ``then(batch)``, if given, runs after the
    activities of a batch; ``marker_of(record)`` gives the workflow values that
    record it was reminded, so that the next run skips it.
    """
    today = fields.Date.context_today(todo)
    activity_type = todo.env.ref(activity_xmlid)

    def process(batch):
        vals_list = [
            {
                "res_id": record.id,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "date_deadline": today,
                "summary": summary,
                **(other[0] if other else {}),
            }
            for record in batch
            for user, summary, *other in reminders_of(record)
        ]
        _activities(todo.env, todo._name, vals_list)
        if then:
            then(batch)
        by_marker = defaultdict(todo.browse)
        for record in batch:
            by_marker[tuple(marker_of(record).items())] |= record
        for marker, records in by_marker.items():
            # sudo: the reminder markers are workflow fields, set by the cron only.
            records.sudo().write(dict(marker))

    _process_batch(todo, process)
    return len(todo), batch_size if len(todo) >= batch_size else 0
